-- Up Migration
-- Reports (server/src/reports, issue 14) read narrow, typed facts of every appeal instead of the
-- replicated jsonb documents: the monthly ССТУ.РФ report and on-time performance span months and
-- departments, and over a million appeals a scan of the documents would not answer in time
-- (tests/bench/reports.bench.ts). The facts are derived from sync_appeals by the triggers below in the
-- writer's own transaction, so every writer (desktop push, channels, bot, admin tools) keeps them
-- current without knowing of them. Times are epoch milliseconds as in the documents.
CREATE TABLE report_appeal_facts (
  org_id text NOT NULL,
  appeal_id text NOT NULL,
  deleted boolean NOT NULL,
  regime text NOT NULL,
  channel text NOT NULL,
  status text NOT NULL,
  department_id text NOT NULL,
  assignee_id text NOT NULL,
  category text,
  territory_id text,
  registration_number text,
  classifier_code text,
  result text,
  received_at bigint NOT NULL,
  registered_at bigint,
  answered_at bigint,
  closed_at bigint,
  forwarded_at bigint,
  extended boolean NOT NULL,
  -- the legal deadline (formal and portal appeals, the organisation's calendar date)
  legal_deadline date,
  -- the current due instant; null when there is none (noDueAt) — "overdue now"
  due_at bigint,
  -- the last due instant the appeal had before it closed: the term of an incident, whose
  -- document drops it on closing
  term_at bigint,
  PRIMARY KEY (org_id, appeal_id)
);
-- The monthly ССТУ report: the organisation's appeals closed in a month.
CREATE INDEX report_appeal_facts_closed_idx ON report_appeal_facts (org_id, closed_at) WHERE NOT deleted;
-- On-time performance: appeals answered (or closed) in a period.
CREATE INDEX report_appeal_facts_answered_idx
  ON report_appeal_facts (org_id, (coalesce(answered_at, closed_at))) WHERE NOT deleted;
-- Forwards by competence in a period.
CREATE INDEX report_appeal_facts_forwarded_idx ON report_appeal_facts (org_id, forwarded_at)
  WHERE NOT deleted AND forwarded_at IS NOT NULL;
-- Overdue now: the open appeals by due instant.
CREATE INDEX report_appeal_facts_open_idx ON report_appeal_facts (org_id, due_at)
  WHERE NOT deleted AND status NOT IN ('answered', 'closed', 'forwarded', 'merged', 'converted');

CREATE FUNCTION okno_report_fact_of(p_org text, p_id text, p_doc jsonb, p_term bigint)
RETURNS report_appeal_facts LANGUAGE sql IMMUTABLE AS $$
  SELECT ROW(
    p_org, p_id,
    coalesce((p_doc->>'_deleted')::boolean, false),
    coalesce(p_doc->>'regime', ''),
    coalesce(p_doc->>'channel', ''),
    coalesce(p_doc->>'status', ''),
    coalesce(p_doc->>'departmentId', ''),
    coalesce(p_doc->>'assigneeId', ''),
    p_doc->>'category',
    p_doc->>'territoryId',
    p_doc->>'registrationNumber',
    p_doc->>'classifierCode',
    p_doc->>'result',
    coalesce((p_doc->>'receivedAt')::bigint, 0),
    (p_doc->>'registeredAt')::bigint,
    (p_doc->>'answeredAt')::bigint,
    (p_doc->>'closedAt')::bigint,
    (p_doc->'forwardedTo'->>'at')::bigint,
    jsonb_typeof(p_doc->'extension') = 'object',
    CASE WHEN p_doc->>'legalDeadline' ~ '^\d{4}-\d{2}-\d{2}$' THEN (p_doc->>'legalDeadline')::date END,
    -- noDueAt (shared/model/primitives.ts) is the largest epoch: no due instant
    CASE WHEN (p_doc->>'dueAt')::bigint < 253402300799999 THEN (p_doc->>'dueAt')::bigint END,
    coalesce(CASE WHEN (p_doc->>'dueAt')::bigint < 253402300799999 THEN (p_doc->>'dueAt')::bigint END, p_term)
  )::report_appeal_facts
$$;

CREATE FUNCTION okno_report_facts_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- LATERAL: `(f(…)).*` would call the function once per column.
  INSERT INTO report_appeal_facts
  SELECT x.* FROM new_rows n, LATERAL okno_report_fact_of(n.org_id, n.id, n.doc, NULL) x
  ON CONFLICT (org_id, appeal_id) DO UPDATE SET
    deleted = EXCLUDED.deleted, regime = EXCLUDED.regime, channel = EXCLUDED.channel, status = EXCLUDED.status,
    department_id = EXCLUDED.department_id, assignee_id = EXCLUDED.assignee_id, category = EXCLUDED.category,
    territory_id = EXCLUDED.territory_id, registration_number = EXCLUDED.registration_number,
    classifier_code = EXCLUDED.classifier_code, result = EXCLUDED.result, received_at = EXCLUDED.received_at,
    registered_at = EXCLUDED.registered_at, answered_at = EXCLUDED.answered_at, closed_at = EXCLUDED.closed_at,
    forwarded_at = EXCLUDED.forwarded_at, extended = EXCLUDED.extended, legal_deadline = EXCLUDED.legal_deadline,
    due_at = EXCLUDED.due_at, term_at = coalesce(EXCLUDED.term_at, report_appeal_facts.term_at);
  RETURN NULL;
END;
$$;

CREATE FUNCTION okno_report_facts_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE report_appeal_facts f SET
    deleted = x.deleted, regime = x.regime, channel = x.channel, status = x.status,
    department_id = x.department_id, assignee_id = x.assignee_id, category = x.category,
    territory_id = x.territory_id, registration_number = x.registration_number,
    classifier_code = x.classifier_code, result = x.result, received_at = x.received_at,
    registered_at = x.registered_at, answered_at = x.answered_at, closed_at = x.closed_at,
    forwarded_at = x.forwarded_at, extended = x.extended, legal_deadline = x.legal_deadline,
    due_at = x.due_at, term_at = coalesce(x.term_at, f.term_at)
  FROM (SELECT y.* FROM new_rows n, LATERAL okno_report_fact_of(n.org_id, n.id, n.doc, NULL) y) x
  WHERE f.org_id = x.org_id AND f.appeal_id = x.appeal_id;
  RETURN NULL;
END;
$$;

-- Statement-level with transition tables: one INSERT … SELECT of many appeals costs one statement here.
CREATE TRIGGER sync_appeals_report_facts_insert AFTER INSERT ON sync_appeals
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION okno_report_facts_insert();
CREATE TRIGGER sync_appeals_report_facts_update AFTER UPDATE ON sync_appeals
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION okno_report_facts_update();

-- Appeals stored before.
INSERT INTO report_appeal_facts
SELECT x.* FROM sync_appeals a, LATERAL okno_report_fact_of(a.org_id, a.id, a.doc, NULL) x;

-- Final monthly reports (server/src/reports/finals.ts): who marked which month final, when, with what
-- numbers and classifier edition. A month made final again (after corrections) gets a new version;
-- the latest is the report.
CREATE TABLE report_finals (
  org_id text NOT NULL REFERENCES organisations (id),
  kind text NOT NULL CHECK (kind IN ('sstu')),
  period text NOT NULL CHECK (period ~ '^\d{4}-\d{2}$'),
  version integer NOT NULL CHECK (version >= 1),
  edition text NOT NULL,
  numbers jsonb NOT NULL,
  made_by text NOT NULL,
  made_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, kind, period, version)
);

-- Down Migration
DROP TABLE report_finals;
DROP TRIGGER sync_appeals_report_facts_update ON sync_appeals;
DROP TRIGGER sync_appeals_report_facts_insert ON sync_appeals;
DROP FUNCTION okno_report_facts_update();
DROP FUNCTION okno_report_facts_insert();
DROP FUNCTION okno_report_fact_of(text, text, jsonb, bigint);
DROP TABLE report_appeal_facts;
