-- Up Migration
-- A session is one login on one device: the family of refresh tokens rotated from that login.
-- Presenting a refresh token that was already rotated means it was stolen or replayed: the whole
-- family (session) is revoked, which also invalidates its access tokens.

CREATE TABLE auth_sessions (
  id text PRIMARY KEY,
  org_id text NOT NULL,
  user_id text NOT NULL,
  device_id text,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz,
  revoked_reason text CHECK (revoked_reason IN ('logout', 'refresh_reuse', 'admin')),
  FOREIGN KEY (org_id, user_id) REFERENCES users (org_id, id) ON DELETE CASCADE
);
CREATE INDEX auth_sessions_user_idx ON auth_sessions (user_id);

CREATE TABLE refresh_tokens (
  id text PRIMARY KEY,
  family_id text NOT NULL REFERENCES auth_sessions (id) ON DELETE CASCADE,
  -- SHA-256 of the token; the token itself is never stored.
  token_hash bytea NOT NULL,
  device_id text,
  issued_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  rotated_at timestamptz,
  revoked_at timestamptz,
  CONSTRAINT refresh_tokens_hash_key UNIQUE (token_hash)
);
CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id);
