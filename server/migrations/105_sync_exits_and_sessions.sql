-- Up Migration
-- Security findings of issue 8 (server/src/sync/README.md, "Scope exits" and "Stream").
--
-- 1. A scope-exit tombstone tells a desktop to delete its copy; it carries no more than that needs.
--    It must still pass the desktop's schema validation (a bare `{id, _deleted}` is rejected by
--    RxDB's validator and the stale copy stays forever), so the content — applicant, texts,
--    attachments, the chat it came from, links to other documents — is blanked to schema-valid
--    empty values. The department that lost the document keeps no personal data of it, not even
--    in the deleted row RxDB stores until its cleanup.
-- 2. A live replication stream stands on a session: when a session is revoked (logout, refresh
--    reuse, admin) or its user disabled, the organisation's streams are woken, and each stream
--    whose session no longer stands ends (server/src/sync/stream.ts).

CREATE FUNCTION okno_sync_exit_doc(p_collection text, p_doc jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE p_collection
    WHEN 'appeals' THEN p_doc || jsonb_build_object(
      'kind', jsonb_build_object('collective', false, 'applicantType', 'citizen', 'form', NULL,
        'organisationName', NULL, 'inn', NULL, 'coSigners', '[]'::jsonb, 'complaintAgainst', NULL),
      'applicant', jsonb_build_object('applicantId', NULL,
        'name', jsonb_build_object('lastName', '', 'firstName', '', 'patronymic', NULL),
        'contacts', jsonb_build_object('phone', NULL, 'email', NULL, 'postalAddress', NULL),
        'identification', 'none', 'passportMasked', NULL,
        'nameMatch', jsonb_build_object('verdict', 'not_checked', 'profileName', NULL, 'checkedAt', NULL)),
      'subject', '', 'text', '', 'attachments', '[]'::jsonb, 'extension', NULL, 'outcomeNote', NULL,
      'conversationId', '', 'duplicateOf', NULL, 'mergedIds', '[]'::jsonb, 'forwardedTo', NULL,
      'convertedFromId', NULL, 'convertedToId', NULL)
    WHEN 'messages' THEN p_doc || jsonb_build_object(
      'conversationId', '', 'text', '', 'attachments', '[]'::jsonb, 'deliveryError', NULL,
      'author', jsonb_build_object('kind', coalesce(p_doc->'author'->'kind', '"applicant"'::jsonb),
        'userId', NULL, 'displayName', ''))
    WHEN 'conversations' THEN p_doc || jsonb_build_object(
      'peer', jsonb_build_object('chatId', '', 'userId', NULL, 'communityId', NULL),
      'applicantId', '', 'applicantDisplayName', '', 'subject', '')
    ELSE p_doc
  END || '{"_deleted": true}'::jsonb
$$;

-- As in 100_sync.sql, with the exit rows' documents from okno_sync_exit_doc.
CREATE OR REPLACE FUNCTION okno_sync_user_scope_changed(
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
       SELECT nextval(''okno_sync_seq''), t.org_id, $2, $3, t.id, ''exit'', okno_sync_exit_doc($3, t.doc)
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

-- Exit rows written before this migration: the same reduction.
UPDATE sync_user_events SET doc = okno_sync_exit_doc(collection, doc) WHERE kind = 'exit';

-- Wakes the organisation's streams; each re-checks its session (payload without seq = "re-read").
CREATE FUNCTION okno_sync_session_ended() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('okno_sync', NEW.org_id);
  RETURN NULL;
END;
$$;

CREATE TRIGGER okno_sync_session_revoked
  AFTER UPDATE OF revoked_at ON auth_sessions
  FOR EACH ROW WHEN (OLD.revoked_at IS NULL AND NEW.revoked_at IS NOT NULL)
  EXECUTE FUNCTION okno_sync_session_ended();

CREATE TRIGGER okno_sync_user_disabled
  AFTER UPDATE OF disabled ON users
  FOR EACH ROW WHEN (NEW.disabled AND NOT OLD.disabled)
  EXECUTE FUNCTION okno_sync_session_ended();
