-- Up Migration
-- Delivery statuses of many outbox rows in one statement, sent with COMMIT
-- (server/src/outbox/settlements.ts). Each organisation's sync lock is taken once, in a fixed
-- order (by id, so two workers' batches never wait on each other crosswise), the changed messages
-- get fresh seqs, and one NOTIFY per organisation names its highest seq. A status that is already
-- stored changes nothing (no seq, no NOTIFY), as before.
--
-- p_updates: a JSON array of { orgId, messageId, status, error }.
CREATE FUNCTION okno_outbox_delivery_batch(p_updates jsonb) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  org text;
  last_seq bigint;
BEGIN
  FOR org IN SELECT DISTINCT u->>'orgId' FROM jsonb_array_elements(p_updates) AS u ORDER BY 1 LOOP
    PERFORM okno_sync_lock(org);
    WITH changed AS (
      UPDATE sync_messages m
         SET seq = nextval('okno_sync_seq'), updated_at = now(),
             doc = m.doc || jsonb_build_object('deliveryStatus', u.status, 'deliveryError', u.error,
                    'updatedAt', greatest((m.doc->>'updatedAt')::bigint + 1,
                                          (extract(epoch FROM clock_timestamp()) * 1000)::bigint))
        FROM jsonb_to_recordset(p_updates) AS u ("orgId" text, "messageId" text, status text, error text)
       WHERE u."orgId" = org AND m.org_id = org AND m.id = u."messageId"
         AND (m.doc->>'deliveryStatus' IS DISTINCT FROM u.status OR m.doc->>'deliveryError' IS DISTINCT FROM u.error)
      RETURNING m.seq
    )
    SELECT max(seq) INTO last_seq FROM changed;
    IF last_seq IS NOT NULL THEN
      PERFORM pg_notify('okno_sync', org || ':' || last_seq);
    END IF;
  END LOOP;
END;
$$;
