-- Up Migration
-- Files an official attaches to an answer (issue 10): uploaded before the answer is pushed, kept in
-- the same content-addressed store as citizens' files (DATA_DIR/attachments, 0700/0600), and bound
-- to the appeal they were uploaded for. The messages writer accepts an answer's `attachments` only
-- when each one is a row here of the same organisation and appeal (server/src/appeals/messages.ts);
-- the outbox reads the bytes by `sha256` when it sends the answer (server/src/appeals/answer-files.ts).
CREATE TABLE answer_files (
  id text PRIMARY KEY,
  org_id text NOT NULL REFERENCES organisations (id),
  appeal_id text NOT NULL,
  uploaded_by text NOT NULL,
  sha256 text NOT NULL,
  name text NOT NULL,
  mime_type text NOT NULL,
  size bigint NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX answer_files_appeal_idx ON answer_files (org_id, appeal_id);
