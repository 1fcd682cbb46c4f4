-- Up Migration
-- The citizen bot and the outbound outbox (server/src/bot/, server/src/outbox/, server/README.md
-- "Citizen bot and outbox").

-- ── Outbox ────────────────────────────────────────────────────────────────────────────────────
-- One row per message to send through a network (or e-mail). Workers claim rows with
-- FOR UPDATE SKIP LOCKED and only the oldest unfinished row of each chat, so two processes never
-- send the same row and a chat receives its messages in order. `idempotency_key` is drawn from
-- a sequence when the row is made, so it is unique forever (VK checks `random_id` against the
-- whole history: a hash of the id could collide and silently swallow a new message); part i of a
-- long text is sent with random_id = (key * 16 + i) mod 2^31. `parts_sent` lets a long text split into parts resume after a
-- failure without re-sending the parts already accepted.
CREATE SEQUENCE outbox_idempotency_seq AS bigint;

CREATE TABLE outbox_messages (
  id text PRIMARY KEY,
  seq bigserial NOT NULL,
  org_id text NOT NULL REFERENCES organisations (id),
  network text NOT NULL CHECK (network IN ('vk', 'ok', 'telegram', 'max', 'email', 'none')),
  account_id text NOT NULL,
  peer_id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('bot', 'notice', 'answer')),
  text text NOT NULL,
  -- [{ name, mimeType, contentBase64 }]: small generated documents (answers), not staff uploads.
  attachments jsonb NOT NULL DEFAULT '[]',
  -- Network-neutral keyboard: { buttons: [[{ label, command }]] } or null.
  keyboard jsonb,
  idempotency_key bigint NOT NULL DEFAULT nextval('outbox_idempotency_seq'),
  status text NOT NULL DEFAULT 'pending'
    CHECK (status IN ('pending', 'sending', 'sent', 'delivered', 'failed', 'unreachable')),
  attempts integer NOT NULL DEFAULT 0,
  parts_sent integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  -- A 'sending' row whose claim expired (its process died) is claimed again.
  locked_until timestamptz,
  last_error text,
  network_message_id text,
  -- The replicated message (sync_messages.id) whose delivery status this row drives, if any.
  message_id text,
  appeal_id text,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX outbox_messages_due_idx ON outbox_messages (next_attempt_at, seq)
  WHERE status IN ('pending', 'sending');
CREATE INDEX outbox_messages_chat_idx ON outbox_messages (network, account_id, peer_id, seq)
  WHERE status IN ('pending', 'sending');
CREATE UNIQUE INDEX outbox_messages_message_idx ON outbox_messages (org_id, message_id)
  WHERE message_id IS NOT NULL;

-- Shared rate limits (GCRA): one "theoretical arrival time" per key, so the limit holds across
-- every server process.
CREATE TABLE outbox_rate_limits (
  key text PRIMARY KEY,
  tat timestamptz NOT NULL
);

-- Applicants the network refuses to deliver to (VK 900/901/902, Telegram 403, …).
CREATE TABLE outbox_unreachable (
  org_id text NOT NULL REFERENCES organisations (id),
  network text NOT NULL,
  account_id text NOT NULL,
  peer_id text NOT NULL,
  error text NOT NULL,
  since timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (network, account_id, peer_id)
);

-- Answers written on a desktop: a staff message pushed into sync_messages (direction 'out',
-- delivery 'pending') gets an outbox row addressed through its conversation. Without a network
-- conversation the row is created with network 'none' and the worker fails it visibly.
CREATE FUNCTION okno_outbox_enqueue_answer() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  conv jsonb;
  net text;
  account text;
  peer text;
  row_id text := 'ans-' || md5(NEW.org_id || ':' || NEW.id);
BEGIN
  IF NEW.doc->>'direction' IS DISTINCT FROM 'out'
     OR NEW.doc->>'deliveryStatus' IS DISTINCT FROM 'pending'
     OR NEW.doc->'author'->>'kind' IS DISTINCT FROM 'staff'
     OR coalesce((NEW.doc->>'_deleted')::boolean, false) THEN
    RETURN NULL;
  END IF;
  SELECT doc INTO conv FROM sync_conversations WHERE org_id = NEW.org_id AND id = NEW.doc->>'conversationId';
  net := conv->>'channel';
  IF net = 'email' THEN
    account := coalesce(conv->'peer'->>'communityId', '');
    peer := coalesce(conv->'peer'->>'userId', conv->'peer'->>'chatId', '');
  ELSIF net IN ('vk', 'ok', 'telegram', 'max') THEN
    account := coalesce(conv->'peer'->>'communityId', '');
    peer := coalesce(conv->'peer'->>'chatId', '');
  ELSE
    net := 'none';
    account := '';
    peer := '';
  END IF;
  INSERT INTO outbox_messages (id, org_id, network, account_id, peer_id, kind, text, message_id, appeal_id)
  VALUES (row_id, NEW.org_id, net, account, peer, 'answer', coalesce(NEW.doc->>'text', ''),
          NEW.id, nullif(NEW.doc->>'appealId', ''))
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END;
$$;

CREATE TRIGGER okno_outbox_answers
  AFTER INSERT ON sync_messages
  FOR EACH ROW EXECUTE FUNCTION okno_outbox_enqueue_answer();

-- ── Bot ───────────────────────────────────────────────────────────────────────────────────────
-- One dialogue per chat with the official community/bot. `data` holds the wizard's answers so
-- far; the passport is never in it (it is stored encrypted in personal_data at once, only the
-- masked form is kept here). Flood protection is a token bucket per chat.
CREATE TABLE bot_sessions (
  network text NOT NULL,
  account_id text NOT NULL,
  peer_id text NOT NULL,
  org_id text NOT NULL REFERENCES organisations (id),
  user_id text NOT NULL,
  state text NOT NULL DEFAULT 'idle',
  data jsonb NOT NULL DEFAULT '{}',
  language text NOT NULL DEFAULT 'ru',
  last_inbound_key text,
  menu_hint_at timestamptz,
  flood_tokens double precision NOT NULL DEFAULT 10,
  flood_at timestamptz NOT NULL DEFAULT now(),
  flood_warned boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (network, account_id, peer_id)
);

-- Formal appeals filed through the bot: who filed them (the network account that alone may ask
-- about them) and the state last announced to the citizen (the notice job compares against it).
CREATE TABLE bot_filings (
  org_id text NOT NULL REFERENCES organisations (id),
  appeal_id text NOT NULL,
  network text NOT NULL,
  account_id text NOT NULL,
  peer_id text NOT NULL,
  user_id text NOT NULL,
  applicant_id text NOT NULL,
  registration_number text NOT NULL,
  language text NOT NULL DEFAULT 'ru',
  notified_seq bigint NOT NULL DEFAULT 0,
  notified jsonb NOT NULL DEFAULT '{}',
  filed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, appeal_id)
);
CREATE INDEX bot_filings_account_idx ON bot_filings (network, account_id, user_id, filed_at);
CREATE INDEX bot_filings_number_idx ON bot_filings (org_id, registration_number);
