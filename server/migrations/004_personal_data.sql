-- Up Migration
-- Passport series and number of an applicant, encrypted at field level with AES-256-GCM.
-- The ciphertext is bound to (org_id, applicant_id) through the GCM associated data, so a row
-- copied onto another applicant fails authentication. `match_hash` (HMAC-SHA256 under a separate
-- key) finds the same passport without decrypting; `masked` (`45 ** ***456`) is what desktops get.
-- applicant_id is not a foreign key: applicants live in the replicated domain tables.

CREATE TABLE personal_data (
  applicant_id text PRIMARY KEY,
  org_id text NOT NULL REFERENCES organisations (id),
  key_id text NOT NULL,
  iv bytea NOT NULL CHECK (octet_length(iv) = 12),
  ciphertext bytea NOT NULL,
  tag bytea NOT NULL CHECK (octet_length(tag) = 16),
  match_hash bytea NOT NULL,
  masked text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX personal_data_match_idx ON personal_data (org_id, match_hash);
CREATE INDEX personal_data_key_idx ON personal_data (key_id);
