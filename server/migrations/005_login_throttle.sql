-- Up Migration
-- Sign-in attempt budgets (server/src/auth/throttle.ts) replace the account lockout: token buckets
-- per login name, per login name from an address it signed in from before, and per client
-- address. A bucket row carries its own parameters, so retuning applies at the next attempt.

CREATE TABLE login_throttle (
  bucket text PRIMARY KEY,
  capacity double precision NOT NULL CHECK (capacity >= 1),
  refill_per_second double precision NOT NULL CHECK (refill_per_second > 0),
  tokens double precision NOT NULL,
  updated_at timestamptz NOT NULL,
  -- Whether the attempt that last wrote the row was let through (read by RETURNING).
  allowed boolean NOT NULL,
  -- Wrong passwords seen by this bucket while it was kept.
  failures integer NOT NULL DEFAULT 0
);
CREATE INDEX login_throttle_updated_idx ON login_throttle (updated_at);

-- The tokens of a bucket at `at`: refilled continuously since `since`, never above its capacity.
CREATE FUNCTION okno_login_tokens(tokens float8, capacity float8, per_second float8, since timestamptz, at timestamptz)
RETURNS float8 LANGUAGE sql IMMUTABLE AS $$
  SELECT least(capacity, tokens + greatest(0, extract(epoch FROM at - since)) * per_second)
$$;

-- Addresses each login name signed in from (lower(login)), for its own attempt budget there.
CREATE TABLE login_known_addresses (
  login_key text NOT NULL,
  address text NOT NULL,
  last_login_at timestamptz NOT NULL,
  PRIMARY KEY (login_key, address)
);
CREATE INDEX login_known_addresses_last_idx ON login_known_addresses (last_login_at);

ALTER TABLE users DROP COLUMN failed_logins, DROP COLUMN locked_until;
