-- Up Migration
-- Appeals schema v2 (shared/schemas/appeals.ts): the резолюция — co-executors, internal comments,
-- tasks with their own due dates —, the reason of the last assignment, and the link to an earlier
-- appeal this one repeats. Stored documents get the empty values a desktop's v1 → v2 migration
-- gives its own copies (migrateAppealV1toV2), so both sides hold the same document and nothing needs
-- a new sequence number.

UPDATE sync_appeals
   SET doc = jsonb_build_object('repeatOf', NULL, 'coExecutorIds', '[]'::jsonb, 'comments', '[]'::jsonb,
                                'tasks', '[]'::jsonb, 'assignmentNote', NULL) || doc
 WHERE NOT doc ? 'comments';

-- A scope exit keeps no internal comment, task or assignment reason either: they are the
-- department's internal work and may name people (as 105_sync_exits_and_sessions.sql, plus these).
CREATE OR REPLACE FUNCTION okno_sync_exit_doc(p_collection text, p_doc jsonb) RETURNS jsonb
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
      'convertedFromId', NULL, 'convertedToId', NULL,
      'repeatOf', NULL, 'coExecutorIds', '[]'::jsonb, 'comments', '[]'::jsonb, 'tasks', '[]'::jsonb,
      'assignmentNote', NULL)
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

-- Exit rows written before: valid v2 documents too.
UPDATE sync_user_events SET doc = okno_sync_exit_doc(collection, doc)
 WHERE kind = 'exit' AND collection = 'appeals';
