-- Up Migration
-- Channel account secrets at rest (server/src/channels/secrets.ts): tokens, webhook secrets, the VK
-- confirmation code and secret-like settings (mailbox passwords) sealed with AES-256-GCM under the
-- personal-data keyring. The clear columns stay only for rows an older server wrote; the server
-- seals and clears them at start (the keys are not in the database, so this migration cannot).

ALTER TABLE channel_accounts
  ADD COLUMN secrets_key_id text,
  ADD COLUMN secrets_iv bytea,
  ADD COLUMN secrets_ciphertext bytea,
  ADD COLUMN secrets_tag bytea,
  ADD CONSTRAINT channel_accounts_secrets_whole CHECK (
    (secrets_key_id IS NULL) = (secrets_iv IS NULL)
    AND (secrets_key_id IS NULL) = (secrets_ciphertext IS NULL)
    AND (secrets_key_id IS NULL) = (secrets_tag IS NULL)
  );
CREATE INDEX channel_accounts_secrets_key_idx ON channel_accounts (secrets_key_id);

COMMENT ON COLUMN channel_accounts.api_token IS 'Legacy clear column: sealed into secrets_* at server start';
COMMENT ON COLUMN channel_accounts.webhook_secret IS 'Legacy clear column: sealed into secrets_* at server start';
COMMENT ON COLUMN channel_accounts.confirmation_code IS 'Legacy clear column: sealed into secrets_* at server start';
