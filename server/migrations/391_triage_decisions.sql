-- Up Migration
-- Triage (issue 13): each person's department decision beside what triage suggested on arrival, so a
-- supervisor sees the suggestions' accuracy over the last 30 days of human decisions; and the
-- organisation's automatic-routing thresholds per working category (off unless a supervisor sets one).

CREATE TABLE triage_decisions (
  id bigserial PRIMARY KEY,
  org_id text NOT NULL REFERENCES organisations (id),
  appeal_id text NOT NULL,
  decided_at timestamptz NOT NULL,
  -- The top department suggested on arrival; NULL when the appeal had no suggestion.
  suggested_department_id text,
  chosen_department_id text NOT NULL
);
CREATE INDEX triage_decisions_org_time_idx ON triage_decisions (org_id, decided_at);

CREATE TABLE triage_auto_routing (
  org_id text NOT NULL REFERENCES organisations (id),
  category text NOT NULL,
  threshold real NOT NULL CHECK (threshold > 0 AND threshold <= 1),
  set_by text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, category)
);

-- Each automatic routing decision (intake moved a new appeal to the suggested department), so it can
-- be undone: the department it would have had, and when a person undid it.
CREATE TABLE triage_auto_decisions (
  org_id text NOT NULL REFERENCES organisations (id),
  appeal_id text NOT NULL,
  decided_at timestamptz NOT NULL,
  from_department_id text NOT NULL,
  to_department_id text NOT NULL,
  confidence real NOT NULL,
  threshold real NOT NULL,
  undone_at timestamptz,
  undone_by text,
  PRIMARY KEY (org_id, appeal_id)
);
