-- Up Migration
-- Scans of a reception or postal appeal (issue 10): the applicant's written appeal and its enclosures,
-- uploaded by an official — at once when online, from the desktop's local queue when the connection
-- returns. The bytes share the content-addressed store of citizens' and answers' files
-- (DATA_DIR/attachments, folders 0700, files 0600). The appeals writer keeps a scan on an appeal's
-- `attachments` only when it is a row here of the same organisation and appeal
-- (server/src/appeals/scans.ts), and the file route finds it only through that appeal.
CREATE TABLE appeal_scans (
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
CREATE INDEX appeal_scans_appeal_idx ON appeal_scans (org_id, appeal_id);
