-- Up Migration
-- Group commit of inbound events (server/src/channels/group-commit.ts): many webhook events are
-- written in ONE transaction, so one commit (one WAL flush) and one hold of the organisation's sync
-- lock cover them all. The organisation lock is held until commit, fsync included, so with one
-- event per transaction an organisation could never commit faster than one fsync per event.
--
-- okno_intake_write (200) is split into the unlocked body (okno_intake_apply) and the wrapper that
-- locks and notifies; okno_intake_write_batch applies a list of writes under one lock and queues
-- one NOTIFY for all of them.

CREATE FUNCTION okno_intake_apply(
  p_org text,
  p_appeal jsonb, p_appeal_depts text[],
  p_conversation jsonb, p_conversation_depts text[],
  p_message jsonb, p_message_depts text[],
  p_audit jsonb
) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  inserted integer := 0;
BEGIN
  IF p_appeal IS NOT NULL THEN
    INSERT INTO sync_appeals (org_id, id, seq, doc, department_ids, conversation_id)
    VALUES (p_org, p_appeal->>'id', nextval('okno_sync_seq'), p_appeal, p_appeal_depts,
            coalesce(p_appeal->>'conversationId', ''))
    ON CONFLICT (org_id, id) DO UPDATE
      SET seq = EXCLUDED.seq, doc = EXCLUDED.doc, department_ids = EXCLUDED.department_ids,
          conversation_id = EXCLUDED.conversation_id, updated_at = now();
  END IF;
  IF p_conversation IS NOT NULL THEN
    -- A full document (it has `channel`) is inserted when new; otherwise, or for a partial one,
    -- the stored document takes the newer lastMessageAt and updatedAt, and a name if it had none.
    IF p_conversation ? 'channel' THEN
      INSERT INTO sync_conversations (org_id, id, seq, doc, department_ids)
      VALUES (p_org, p_conversation->>'id', nextval('okno_sync_seq'), p_conversation,
              coalesce(p_conversation_depts, '{}'))
      ON CONFLICT (org_id, id) DO NOTHING;
      GET DIAGNOSTICS inserted = ROW_COUNT;
    END IF;
    IF inserted = 0 THEN
      UPDATE sync_conversations c
         SET seq = nextval('okno_sync_seq'),
             doc = c.doc || jsonb_build_object(
               'lastMessageAt', greatest((c.doc->>'lastMessageAt')::bigint, (p_conversation->>'lastMessageAt')::bigint),
               'updatedAt', greatest((c.doc->>'updatedAt')::bigint, (p_conversation->>'updatedAt')::bigint),
               'applicantDisplayName', CASE WHEN c.doc->>'applicantDisplayName' = ''
                                            THEN coalesce(p_conversation->>'applicantDisplayName', '')
                                            ELSE c.doc->>'applicantDisplayName' END),
             updated_at = now()
       WHERE c.org_id = p_org AND c.id = p_conversation->>'id';
    END IF;
  END IF;
  IF p_message IS NOT NULL THEN
    INSERT INTO sync_messages (org_id, id, seq, doc, department_ids, appeal_id, conversation_id)
    VALUES (p_org, p_message->>'id', nextval('okno_sync_seq'), p_message, coalesce(p_message_depts, '{}'),
            coalesce(p_message->>'appealId', ''), coalesce(p_message->>'conversationId', ''));
  END IF;
  IF p_audit IS NOT NULL THEN
    INSERT INTO audit_log (org_id, actor_user_id, device_id, action, entity, entity_id, fields, details)
    SELECT p_org, NULL, NULL, r.action, r.entity, r.entity_id, r.fields, r.details
      FROM jsonb_to_recordset(p_audit) AS r(action text, entity text, entity_id text, fields jsonb, details jsonb);
  END IF;
END;
$$;

CREATE OR REPLACE FUNCTION okno_intake_write(
  p_org text,
  p_appeal jsonb, p_appeal_depts text[],
  p_conversation jsonb, p_conversation_depts text[],
  p_message jsonb, p_message_depts text[],
  p_audit jsonb
) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
  last_seq bigint;
BEGIN
  PERFORM okno_sync_lock(p_org);
  PERFORM okno_intake_apply(p_org, p_appeal, p_appeal_depts, p_conversation, p_conversation_depts,
                            p_message, p_message_depts, p_audit);
  -- At least this change's highest seq (streams only compare it with their position to wake up).
  last_seq := (SELECT last_value FROM okno_sync_seq);
  PERFORM pg_notify('okno_sync', p_org || ':' || last_seq);
  RETURN last_seq;
END;
$$;

-- A JSON array of strings as text[]; NULL (absent key, JSON null) stays NULL.
CREATE FUNCTION okno_intake_text_array(p jsonb) RETURNS text[]
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN p IS NULL OR jsonb_typeof(p) <> 'array' THEN NULL
              ELSE ARRAY(SELECT jsonb_array_elements_text(p)) END
$$;

-- p_writes: a JSON array of { appeal, appealDepts, conversation, conversationDepts, message,
-- messageDepts, audit } (each key optional, same meaning as okno_intake_write's arguments), applied
-- in array order under one lock, with one NOTIFY.
CREATE FUNCTION okno_intake_write_batch(p_org text, p_writes jsonb) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
  w jsonb;
  last_seq bigint;
BEGIN
  PERFORM okno_sync_lock(p_org);
  FOR w IN SELECT value FROM jsonb_array_elements(p_writes) LOOP
    PERFORM okno_intake_apply(
      p_org,
      nullif(w->'appeal', 'null'), okno_intake_text_array(w->'appealDepts'),
      nullif(w->'conversation', 'null'), okno_intake_text_array(w->'conversationDepts'),
      nullif(w->'message', 'null'), okno_intake_text_array(w->'messageDepts'),
      nullif(w->'audit', 'null'));
  END LOOP;
  last_seq := (SELECT last_value FROM okno_sync_seq);
  PERFORM pg_notify('okno_sync', p_org || ':' || last_seq);
  RETURN last_seq;
END;
$$;
