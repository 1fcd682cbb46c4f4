-- Up Migration
-- The phone and e-mail of the co-signers of a collective appeal filed through the bot, encrypted at
-- field level like passports (AES-256-GCM, personal-data/co-signers.ts). The appeal document keeps
-- each co-signer's name and postal address (its schema has room for no more); these rows keep the
-- rest. The GCM associated data binds a ciphertext to (org_id, co_signer_id), so a row copied onto
-- another co-signer fails authentication. `masked` (`+7912*****89`, `i***@mail.ru`) is what staff
-- see without a reveal; a reveal is audited. Positions follow `kind.coSigners` of the appeal.

CREATE TABLE co_signer_contacts (
  org_id text NOT NULL REFERENCES organisations (id),
  appeal_id text NOT NULL,
  position integer NOT NULL CHECK (position >= 0),
  co_signer_id text NOT NULL UNIQUE,
  key_id text NOT NULL,
  iv bytea NOT NULL CHECK (octet_length(iv) = 12),
  ciphertext bytea NOT NULL,
  tag bytea NOT NULL CHECK (octet_length(tag) = 16),
  masked jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, appeal_id, position)
);
CREATE INDEX co_signer_contacts_key_idx ON co_signer_contacts (key_id);
