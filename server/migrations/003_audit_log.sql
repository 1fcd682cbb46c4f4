-- Up Migration
-- Append-only record of every change (who, when, which fields old → new, from which device) and
-- every reveal and export. The database itself refuses UPDATE, DELETE and TRUNCATE, so no code
-- path (or compromised application account short of a superuser dropping the trigger) can rewrite
-- history.

CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  org_id text NOT NULL REFERENCES organisations (id),
  at timestamptz NOT NULL DEFAULT now(),
  actor_user_id text,
  device_id text,
  action text NOT NULL,
  entity text NOT NULL,
  entity_id text,
  -- { "<field>": { "old": …, "new": … } }
  fields jsonb,
  details jsonb
);
CREATE INDEX audit_log_entity_idx ON audit_log (org_id, entity, entity_id, id);
CREATE INDEX audit_log_at_idx ON audit_log (org_id, at);

CREATE FUNCTION audit_log_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_log_no_update_delete
  BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();

CREATE TRIGGER audit_log_no_truncate
  BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
