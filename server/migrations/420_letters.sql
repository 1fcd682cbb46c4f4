-- Up Migration
-- Letters (server/src/letters): the organisation's letterhead and signatories, outgoing numbers
-- drawn gap-free per organisation and year, and the record of every letter issued — an answer
-- letter or a notice (extension, forwarding, art. 11, reception receipt).

-- One row per organisation; set with `npm run server:admin -- letterhead-set` (server/src/cli/letterhead.ts).
-- Without a row, letters carry the organisation's name alone and the default outgoing pattern.
CREATE TABLE organisation_letterheads (
  org_id text PRIMARY KEY REFERENCES organisations (id),
  full_name text NOT NULL CHECK (length(full_name) BETWEEN 1 AND 500),
  address text NOT NULL CHECK (length(address) <= 500),
  contacts text NOT NULL CHECK (length(contacts) <= 500),
  -- the phone printed beside the executor's name at the foot of a letter
  executor_phone text NOT NULL CHECK (length(executor_phone) <= 40),
  -- PNG or JPEG, at most 512 KiB (checked by letterhead.ts)
  logo bytea CHECK (logo IS NULL OR octet_length(logo) <= 524288),
  -- [{name, position}], the first signs by default
  signatories jsonb NOT NULL CHECK (jsonb_typeof(signatories) = 'array' AND jsonb_array_length(signatories) >= 1),
  -- shared/domain/registration-number.ts pattern language
  outgoing_pattern text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Like registration_counters: the row lock of INSERT … ON CONFLICT DO UPDATE serialises draws, and
-- a rolled-back issue rolls its number back.
CREATE TABLE outgoing_counters (
  org_id text NOT NULL REFERENCES organisations (id),
  year integer NOT NULL,
  next integer NOT NULL DEFAULT 1 CHECK (next >= 1),
  PRIMARY KEY (org_id, year)
);

CREATE TABLE letters (
  id text PRIMARY KEY,
  org_id text NOT NULL REFERENCES organisations (id),
  appeal_id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('answer', 'extension', 'forwarding', 'art11', 'receipt')),
  -- the answer's staff message, or the notice's thread message when it is mailed; '' for none
  message_id text NOT NULL DEFAULT '',
  year integer NOT NULL,
  sequence integer NOT NULL CHECK (sequence >= 1),
  outgoing_number text NOT NULL,
  issued_at bigint NOT NULL,
  UNIQUE (org_id, year, sequence),
  -- one letter per answer, one notice of each kind per appeal
  UNIQUE (org_id, appeal_id, kind, message_id)
);
CREATE INDEX letters_appeal_idx ON letters (org_id, appeal_id);

-- How far the letters job (letters/job.ts) has read each organisation's appeals and messages.
CREATE TABLE letter_cursors (
  org_id text PRIMARY KEY REFERENCES organisations (id),
  appeal_seq bigint NOT NULL DEFAULT 0,
  message_seq bigint NOT NULL DEFAULT 0
);

-- Down Migration
DROP TABLE letter_cursors;
DROP TABLE letters;
DROP TABLE outgoing_counters;
DROP TABLE organisation_letterheads;
