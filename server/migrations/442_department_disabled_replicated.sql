-- Up Migration
-- A department the administrator disabled (migration 400) reaches the desktops (issue 10): the
-- replicated document gains `disabled` (departments schema v1, shared/schemas/organisation.ts), so
-- the pickers leave the department out while its name still labels the appeals it had. The trigger
-- of 100_sync.sql writes it from now on; every stored document is written again with a new seq, so
-- each desktop pulls it.

CREATE OR REPLACE FUNCTION okno_sync_department_doc() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  r departments%ROWTYPE;
  deleted boolean := TG_OP = 'DELETE';
BEGIN
  IF deleted THEN r := OLD; ELSE r := NEW; END IF;
  INSERT INTO sync_departments (org_id, id, seq, doc)
  VALUES (r.org_id, r.id, okno_sync_next_seq(r.org_id), jsonb_build_object(
    'id', r.id, 'orgId', r.org_id, 'name', r.name, 'code', r.code, 'disabled', r.disabled,
    'updatedAt', (extract(epoch FROM clock_timestamp()) * 1000)::bigint, '_deleted', deleted))
  ON CONFLICT (org_id, id) DO UPDATE SET seq = EXCLUDED.seq, doc = EXCLUDED.doc, updated_at = now();
  PERFORM pg_notify('okno_sync', r.org_id);
  RETURN NULL;
END;
$$;

UPDATE sync_departments s
   SET seq = nextval('okno_sync_seq'),
       doc = s.doc || jsonb_build_object(
         'disabled', coalesce((SELECT d.disabled FROM departments d WHERE d.org_id = s.org_id AND d.id = s.id), false),
         'updatedAt', (extract(epoch FROM now()) * 1000)::bigint),
       updated_at = now();
