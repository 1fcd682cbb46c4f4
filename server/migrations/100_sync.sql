-- Up Migration
-- Replication storage (server/src/sync/README.md). One table per replicated collection, all with the
-- same layout: the RxDB document as jsonb (with an explicit `_deleted`), a checkpoint `seq` from one
-- global sequence, and the scope columns the pull filters on.
--
-- Commit order = seq order within an organisation: every writer takes the organisation's
-- transaction-level advisory lock before it draws a seq and holds it until commit
-- (okno_sync_lock / okno_sync_next_seq). A reader therefore never sees seq N+1 of an organisation
-- committed while N is still in flight, so `seq > checkpoint` never skips a row.

CREATE SEQUENCE okno_sync_seq AS bigint;

CREATE FUNCTION okno_sync_lock(p_org text) RETURNS void
LANGUAGE sql AS $$ SELECT pg_advisory_xact_lock(hashtextextended('okno_sync:' || p_org, 0)) $$;

CREATE FUNCTION okno_sync_next_seq(p_org text) RETURNS bigint
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM okno_sync_lock(p_org);
  RETURN nextval('okno_sync_seq');
END;
$$;

-- department_ids: departments whose operators and heads see the document ('{}' = organisation-wide
-- roles only). NULL for collections every member of the organisation sees.
CREATE TABLE sync_appeals (
  org_id text NOT NULL REFERENCES organisations (id),
  id text NOT NULL,
  seq bigint NOT NULL,
  doc jsonb NOT NULL,
  department_ids text[] NOT NULL,
  conversation_id text NOT NULL DEFAULT '',
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id)
);
CREATE INDEX sync_appeals_seq_idx ON sync_appeals (org_id, seq);
CREATE INDEX sync_appeals_departments_idx ON sync_appeals USING gin (department_ids);
CREATE INDEX sync_appeals_conversation_idx ON sync_appeals (org_id, conversation_id);

-- Messages belong to an appeal (scope = its department) or, before an appeal exists, only to a
-- conversation (scope = the departments of the conversation's appeals).
CREATE TABLE sync_messages (
  org_id text NOT NULL REFERENCES organisations (id),
  id text NOT NULL,
  seq bigint NOT NULL,
  doc jsonb NOT NULL,
  department_ids text[] NOT NULL,
  appeal_id text NOT NULL DEFAULT '',
  conversation_id text NOT NULL DEFAULT '',
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id)
);
CREATE INDEX sync_messages_seq_idx ON sync_messages (org_id, seq);
CREATE INDEX sync_messages_appeal_idx ON sync_messages (org_id, appeal_id);
CREATE INDEX sync_messages_conversation_idx ON sync_messages (org_id, conversation_id);

-- A conversation is seen by the departments of the appeals made from it.
CREATE TABLE sync_conversations (
  org_id text NOT NULL REFERENCES organisations (id),
  id text NOT NULL,
  seq bigint NOT NULL,
  doc jsonb NOT NULL,
  department_ids text[] NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id)
);
CREATE INDEX sync_conversations_seq_idx ON sync_conversations (org_id, seq);

CREATE TABLE sync_departments (
  org_id text NOT NULL REFERENCES organisations (id),
  id text NOT NULL,
  seq bigint NOT NULL,
  doc jsonb NOT NULL,
  department_ids text[],
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id)
);
CREATE INDEX sync_departments_seq_idx ON sync_departments (org_id, seq);

CREATE TABLE sync_users (
  org_id text NOT NULL REFERENCES organisations (id),
  id text NOT NULL,
  seq bigint NOT NULL,
  doc jsonb NOT NULL,
  department_ids text[],
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id)
);
CREATE INDEX sync_users_seq_idx ON sync_users (org_id, seq);

CREATE TABLE sync_answer_templates (
  org_id text NOT NULL REFERENCES organisations (id),
  id text NOT NULL,
  seq bigint NOT NULL,
  doc jsonb NOT NULL,
  department_ids text[],
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id)
);
CREATE INDEX sync_answer_templates_seq_idx ON sync_answer_templates (org_id, seq);

-- Only served when the server runs with OKNO_SYNC_TEST_COLLECTION=1 (RxDB's conformance suite).
CREATE TABLE sync_test_docs (
  org_id text NOT NULL REFERENCES organisations (id),
  id text NOT NULL,
  seq bigint NOT NULL,
  doc jsonb NOT NULL,
  department_ids text[],
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id)
);
CREATE INDEX sync_test_docs_seq_idx ON sync_test_docs (org_id, seq);

-- Per-user scope events. 'exit': the document left this user's scope; `doc` is the last state the
-- user could see, with `_deleted: true` (the tombstone the pull sends). 'enter': the document
-- entered the user's scope without changing itself (the user gained a department or a role); the
-- pull sends the live document if it is still in scope.
CREATE TABLE sync_user_events (
  seq bigint PRIMARY KEY,
  org_id text NOT NULL REFERENCES organisations (id),
  user_id text NOT NULL,
  collection text NOT NULL,
  doc_id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('exit', 'enter')),
  doc jsonb,
  at timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'exit') = (doc IS NOT NULL))
);
CREATE INDEX sync_user_events_user_idx ON sync_user_events (user_id, collection, seq);

-- Registration numbers: one row per organisation and year. `UPDATE … SET next = next + 1
-- RETURNING` inside the registering transaction makes them unique and gap-free across processes
-- (a rolled-back transaction rolls its number back too).
CREATE TABLE registration_counters (
  org_id text NOT NULL REFERENCES organisations (id),
  year integer NOT NULL,
  next integer NOT NULL DEFAULT 1 CHECK (next >= 1),
  PRIMARY KEY (org_id, year)
);

-- Operators and heads with their departments: the users whose scope is department-bound.
CREATE VIEW okno_sync_department_users AS
SELECT u.id AS user_id, u.org_id,
       ARRAY(SELECT d.department_id FROM user_departments d WHERE d.user_id = u.id) AS depts
  FROM users u
 WHERE u.role IN ('operator', 'head');

-- Scope change of one user in the department-scoped collections: exits for documents seen under
-- `old_all`/`old_depts` but not under `new_all`/`new_depts`, enters for the reverse.
CREATE FUNCTION okno_sync_user_scope_changed(
  p_org text, p_user text, old_all boolean, old_depts text[], new_all boolean, new_depts text[]
) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  coll text;
  tbl text;
BEGIN
  PERFORM okno_sync_lock(p_org);
  FOREACH coll IN ARRAY ARRAY['appeals', 'messages', 'conversations'] LOOP
    tbl := 'sync_' || coll;
    EXECUTE format(
      'INSERT INTO sync_user_events (seq, org_id, user_id, collection, doc_id, kind, doc)
       SELECT nextval(''okno_sync_seq''), t.org_id, $2, $3, t.id, ''exit'', jsonb_set(t.doc, ''{_deleted}'', ''true'')
         FROM %I t
        WHERE t.org_id = $1 AND NOT coalesce((t.doc->>''_deleted'')::boolean, false)
          AND ($4 OR t.department_ids && $5) AND NOT ($6 OR t.department_ids && $7)', tbl)
      USING p_org, p_user, coll, old_all, old_depts, new_all, new_depts;
    EXECUTE format(
      'INSERT INTO sync_user_events (seq, org_id, user_id, collection, doc_id, kind, doc)
       SELECT nextval(''okno_sync_seq''), t.org_id, $2, $3, t.id, ''enter'', NULL
         FROM %I t
        WHERE t.org_id = $1
          AND ($6 OR t.department_ids && $7) AND NOT ($4 OR t.department_ids && $5)', tbl)
      USING p_org, p_user, coll, old_all, old_depts, new_all, new_depts;
  END LOOP;
  PERFORM pg_notify('okno_sync', p_org);
END;
$$;

-- Departments and users replicate from the account tables, whoever writes them (API, admin CLI).
CREATE FUNCTION okno_sync_department_doc() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  r departments%ROWTYPE;
  deleted boolean := TG_OP = 'DELETE';
BEGIN
  IF deleted THEN r := OLD; ELSE r := NEW; END IF;
  INSERT INTO sync_departments (org_id, id, seq, doc)
  VALUES (r.org_id, r.id, okno_sync_next_seq(r.org_id), jsonb_build_object(
    'id', r.id, 'orgId', r.org_id, 'name', r.name, 'code', r.code,
    'updatedAt', (extract(epoch FROM clock_timestamp()) * 1000)::bigint, '_deleted', deleted))
  ON CONFLICT (org_id, id) DO UPDATE SET seq = EXCLUDED.seq, doc = EXCLUDED.doc, updated_at = now();
  PERFORM pg_notify('okno_sync', r.org_id);
  RETURN NULL;
END;
$$;

CREATE TRIGGER okno_sync_departments
  AFTER INSERT OR UPDATE OR DELETE ON departments
  FOR EACH ROW EXECUTE FUNCTION okno_sync_department_doc();

CREATE FUNCTION okno_sync_refresh_user_doc(p_user text, p_org text) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  u users%ROWTYPE;
BEGIN
  SELECT * INTO u FROM users WHERE id = p_user;
  IF NOT FOUND THEN
    UPDATE sync_users SET seq = okno_sync_next_seq(org_id), doc = jsonb_set(doc, '{_deleted}', 'true'),
           updated_at = now()
     WHERE org_id = p_org AND id = p_user;
  ELSE
    INSERT INTO sync_users (org_id, id, seq, doc)
    VALUES (u.org_id, u.id, okno_sync_next_seq(u.org_id), jsonb_build_object(
      'id', u.id, 'orgId', u.org_id, 'displayName', u.display_name, 'role', u.role,
      'departmentIds', to_jsonb(ARRAY(SELECT d.department_id FROM user_departments d
                                       WHERE d.user_id = u.id ORDER BY 1)),
      'updatedAt', (extract(epoch FROM clock_timestamp()) * 1000)::bigint, '_deleted', false))
    ON CONFLICT (org_id, id) DO UPDATE SET seq = EXCLUDED.seq, doc = EXCLUDED.doc, updated_at = now();
  END IF;
  PERFORM pg_notify('okno_sync', p_org);
END;
$$;

CREATE FUNCTION okno_sync_user_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  depts text[];
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM okno_sync_refresh_user_doc(OLD.id, OLD.org_id);
    RETURN NULL;
  END IF;
  IF TG_OP = 'UPDATE' AND NEW.role IS DISTINCT FROM OLD.role THEN
    depts := ARRAY(SELECT department_id FROM user_departments WHERE user_id = NEW.id);
    PERFORM okno_sync_user_scope_changed(NEW.org_id, NEW.id,
      OLD.role IN ('supervisor', 'admin'), depts, NEW.role IN ('supervisor', 'admin'), depts);
  END IF;
  IF TG_OP = 'INSERT' OR NEW.display_name IS DISTINCT FROM OLD.display_name
     OR NEW.role IS DISTINCT FROM OLD.role THEN
    PERFORM okno_sync_refresh_user_doc(NEW.id, NEW.org_id);
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER okno_sync_users
  AFTER INSERT OR UPDATE OR DELETE ON users
  FOR EACH ROW EXECUTE FUNCTION okno_sync_user_changed();

CREATE FUNCTION okno_sync_membership_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  r user_departments%ROWTYPE;
  u_role text;
  now_depts text[];
  before_depts text[];
BEGIN
  IF TG_OP = 'DELETE' THEN r := OLD; ELSE r := NEW; END IF;
  SELECT role INTO u_role FROM users WHERE id = r.user_id;
  IF NOT FOUND THEN RETURN NULL; END IF; -- the user itself is being deleted
  now_depts := ARRAY(SELECT department_id FROM user_departments WHERE user_id = r.user_id);
  IF TG_OP = 'DELETE' THEN before_depts := array_append(now_depts, OLD.department_id);
  ELSIF TG_OP = 'INSERT' THEN before_depts := array_remove(now_depts, NEW.department_id);
  ELSE before_depts := array_append(array_remove(now_depts, NEW.department_id), OLD.department_id);
  END IF;
  IF u_role IN ('operator', 'head') THEN
    PERFORM okno_sync_user_scope_changed(r.org_id, r.user_id, false, before_depts, false, now_depts);
  END IF;
  PERFORM okno_sync_refresh_user_doc(r.user_id, r.org_id);
  RETURN NULL;
END;
$$;

CREATE TRIGGER okno_sync_memberships
  AFTER INSERT OR UPDATE OR DELETE ON user_departments
  FOR EACH ROW EXECUTE FUNCTION okno_sync_membership_changed();

-- Accounts that existed before this migration.
INSERT INTO sync_departments (org_id, id, seq, doc)
SELECT d.org_id, d.id, nextval('okno_sync_seq'), jsonb_build_object(
  'id', d.id, 'orgId', d.org_id, 'name', d.name, 'code', d.code,
  'updatedAt', (extract(epoch FROM now()) * 1000)::bigint, '_deleted', false)
  FROM departments d;
INSERT INTO sync_users (org_id, id, seq, doc)
SELECT u.org_id, u.id, nextval('okno_sync_seq'), jsonb_build_object(
  'id', u.id, 'orgId', u.org_id, 'displayName', u.display_name, 'role', u.role,
  'departmentIds', to_jsonb(ARRAY(SELECT d.department_id FROM user_departments d WHERE d.user_id = u.id ORDER BY 1)),
  'updatedAt', (extract(epoch FROM now()) * 1000)::bigint, '_deleted', false)
  FROM users u;
