-- Up Migration
-- Appeals schema v4 (shared/schemas/appeals.ts): the problem group a person formed and the community
-- post an appeal came from (issue 13), its territory and the citizen's verdict on the answer (issue 14).
-- All four are the server's. Stored documents get none, as a desktop's v3 → v4 migration gives its own
-- copies (migrateAppealV3toV4), so both sides hold the same document and nothing needs a new sequence number.

UPDATE sync_appeals
   SET doc = jsonb_build_object('problemId', NULL, 'sourcePost', NULL, 'territoryId', NULL, 'verdict', NULL) || doc
 WHERE NOT doc ? 'verdict';

-- A scope exit keeps none of them either: a verdict's comment is the citizen's words, a post link names
-- where they wrote.
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
      'assignmentNote', NULL, 'triage', NULL,
      'problemId', NULL, 'sourcePost', NULL, 'territoryId', NULL, 'verdict', NULL)
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

-- Exit rows written before: valid v4 documents too.
UPDATE sync_user_events SET doc = okno_sync_exit_doc(collection, doc)
 WHERE kind = 'exit' AND collection = 'appeals';
