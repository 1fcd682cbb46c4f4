-- Up Migration
-- The organisation itself (name and settings: time zone, registration pattern, working hours,
-- deadline rules) replicates to every member of it, so the desktop computes deadline badges with
-- the organisation's own clock. Read-only for desktops; written through the admin CLI.

CREATE TABLE sync_organisations (
  org_id text NOT NULL REFERENCES organisations (id),
  id text NOT NULL,
  seq bigint NOT NULL,
  doc jsonb NOT NULL,
  department_ids text[],
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id)
);
CREATE INDEX sync_organisations_seq_idx ON sync_organisations (org_id, seq);

CREATE FUNCTION okno_sync_organisation_doc() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO sync_organisations (org_id, id, seq, doc)
  VALUES (NEW.id, NEW.id, okno_sync_next_seq(NEW.id), jsonb_build_object(
    'id', NEW.id, 'name', NEW.name, 'settings', NEW.settings,
    'updatedAt', (extract(epoch FROM clock_timestamp()) * 1000)::bigint, '_deleted', false))
  ON CONFLICT (org_id, id) DO UPDATE SET seq = EXCLUDED.seq, doc = EXCLUDED.doc, updated_at = now();
  PERFORM pg_notify('okno_sync', NEW.id);
  RETURN NULL;
END;
$$;

CREATE TRIGGER okno_sync_organisations
  AFTER INSERT OR UPDATE ON organisations
  FOR EACH ROW EXECUTE FUNCTION okno_sync_organisation_doc();

INSERT INTO sync_organisations (org_id, id, seq, doc)
SELECT o.id, o.id, nextval('okno_sync_seq'), jsonb_build_object(
  'id', o.id, 'name', o.name, 'settings', o.settings,
  'updatedAt', (extract(epoch FROM now()) * 1000)::bigint, '_deleted', false)
  FROM organisations o;

-- Down Migration
DROP TRIGGER okno_sync_organisations ON organisations;
DROP FUNCTION okno_sync_organisation_doc();
DROP TABLE sync_organisations;
