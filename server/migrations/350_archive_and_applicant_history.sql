-- Up Migration
-- Archive and applicant history (issue 11; docs/ARCHITECTURE.md, Decisions: "How much archive a
-- desktop keeps").
--
-- closed_at: the appeal's `closedAt`, generated from the document so every writer (a desktop's push,
-- the server's store, okno_intake_write) keeps it without knowing of it. The pull leaves out appeals
-- closed before the local archive window, and the archive search pages by it.
ALTER TABLE sync_appeals
  ADD COLUMN closed_at bigint GENERATED ALWAYS AS (floor((doc->>'closedAt')::numeric)::bigint) STORED;
CREATE INDEX sync_appeals_closed_idx ON sync_appeals (org_id, closed_at DESC, id) WHERE closed_at IS NOT NULL;

-- Server-side full-text search of the archive: the same words the desktop's search reads (subject,
-- text, number, applicant's name), stemmed by PostgreSQL's Russian snowball configuration.
CREATE FUNCTION okno_appeal_search_text(doc jsonb) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT concat_ws(' ', doc->>'registrationNumber', doc->>'subject', doc->>'text',
                   doc->'applicant'->'name'->>'lastName', doc->'applicant'->'name'->>'firstName',
                   doc->'applicant'->'name'->>'patronymic', doc->'kind'->>'organisationName')
$$;
CREATE INDEX sync_appeals_search_idx ON sync_appeals
  USING gin (to_tsvector('russian'::regconfig, okno_appeal_search_text(doc))) WHERE closed_at IS NOT NULL;

-- The same applicant by phone or e-mail: normalised keys, matched on the server only (a desktop
-- never receives another department's applicants). A phone is its last ten digits (+7 / 8 prefixes
-- alike), an e-mail is lower-cased and trimmed.
CREATE FUNCTION okno_phone_key(phone text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN length(regexp_replace(phone, '\D', '', 'g')) >= 10
              THEN right(regexp_replace(phone, '\D', '', 'g'), 10) END
$$;
CREATE FUNCTION okno_email_key(email text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT nullif(lower(btrim(email)), '')
$$;
CREATE INDEX sync_appeals_phone_idx ON sync_appeals
  (org_id, okno_phone_key(doc->'applicant'->'contacts'->>'phone'))
  WHERE okno_phone_key(doc->'applicant'->'contacts'->>'phone') IS NOT NULL;
CREATE INDEX sync_appeals_email_idx ON sync_appeals
  (org_id, okno_email_key(doc->'applicant'->'contacts'->>'email'))
  WHERE okno_email_key(doc->'applicant'->'contacts'->>'email') IS NOT NULL;
CREATE INDEX sync_appeals_applicant_idx ON sync_appeals ((doc->'applicant'->>'applicantId'), org_id)
  WHERE doc->'applicant'->>'applicantId' IS NOT NULL;
-- The social profile: the citizen's account in the network of the conversation.
CREATE INDEX sync_conversations_peer_idx ON sync_conversations
  (org_id, (doc->>'channel'), (doc->'peer'->>'userId')) WHERE doc->'peer'->>'userId' IS NOT NULL;

-- A repeated appeal (59-FZ art. 11 part 5 counts them): marked by a person and linked to the earlier
-- appeal of the same applicant. Never a merge: both appeals stay as they are. The evidence is what
-- the suggestion named (passport, phone, email, social, subject, category).
CREATE TABLE appeal_repeats (
  org_id text NOT NULL REFERENCES organisations (id),
  appeal_id text NOT NULL,
  previous_id text NOT NULL,
  evidence text[] NOT NULL,
  marked_by text NOT NULL,
  marked_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, appeal_id),
  CHECK (appeal_id <> previous_id)
);
CREATE INDEX appeal_repeats_previous_idx ON appeal_repeats (org_id, previous_id);

-- Down Migration
DROP TABLE appeal_repeats;
DROP INDEX sync_conversations_peer_idx;
DROP INDEX sync_appeals_applicant_idx;
DROP INDEX sync_appeals_email_idx;
DROP INDEX sync_appeals_phone_idx;
DROP FUNCTION okno_email_key(text);
DROP FUNCTION okno_phone_key(text);
DROP INDEX sync_appeals_search_idx;
DROP FUNCTION okno_appeal_search_text(jsonb);
DROP INDEX sync_appeals_closed_idx;
ALTER TABLE sync_appeals DROP COLUMN closed_at;
