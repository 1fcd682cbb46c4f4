-- Up Migration
-- Appeals schema v3 (shared/schemas/appeals.ts): the triage suggestion made on arrival (issue 13).
-- Stored documents get none, as a desktop's v2 → v3 migration gives its own copies
-- (migrateAppealV2toV3), so both sides hold the same document and nothing needs a new sequence number.

UPDATE sync_appeals SET doc = jsonb_build_object('triage', NULL) || doc WHERE NOT doc ? 'triage';

-- A scope exit keeps no suggestion either: its reasons are words of the message.
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
      'assignmentNote', NULL, 'triage', NULL)
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

-- Exit rows written before: valid v3 documents too.
UPDATE sync_user_events SET doc = okno_sync_exit_doc(collection, doc)
 WHERE kind = 'exit' AND collection = 'appeals';

-- Each organisation's department learner (shared/triage/department-learner.ts): plain JSON keyed by
-- stem hash buckets and portal category names, never message text; one row per organisation,
-- updated by one decision at a time, never on the intake's path.
CREATE TABLE triage_learners (
  org_id text PRIMARY KEY REFERENCES organisations (id),
  state jsonb NOT NULL,
  decisions integer NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL DEFAULT now()
);
