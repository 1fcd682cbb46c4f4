-- Up Migration
-- Inbound channels (server/src/channels/README.md): the accounts the organisation receives through
-- (VK communities, Telegram/MAX bots, OK groups, mailboxes, portal sources), every raw event they
-- deliver, and the intake's own lookup tables. Replicated documents still live only in sync_*.

CREATE TABLE channel_accounts (
  id text PRIMARY KEY,
  org_id text NOT NULL REFERENCES organisations (id),
  network text NOT NULL CHECK (network IN ('vk', 'ok', 'telegram', 'max', 'email', 'portal')),
  -- The network's id of the community/bot/mailbox/portal source (VK group id, Telegram bot id…).
  account_id text NOT NULL,
  title text NOT NULL DEFAULT '',
  mode text NOT NULL DEFAULT 'webhook' CHECK (mode IN ('webhook', 'polling')),
  -- API base URL (tests point it at the fakes); NULL = the network's production URL.
  api_base_url text,
  -- Secrets. Never logged; shown by the CLI only when set.
  api_token text,
  webhook_secret text,
  -- VK Callback API: the string the confirmation request must be answered with.
  confirmation_code text,
  -- Unguessable part of the webhook URL (/api/v1/channels/<network>/<path_token>).
  path_token text NOT NULL UNIQUE,
  -- Source addresses allowed to call the webhook (CIDR); empty = any (the secret is the proof).
  allowed_sources text[] NOT NULL DEFAULT '{}',
  -- Network account ids of the community's administrators (forwarded-message attribution).
  administrators text[] NOT NULL DEFAULT '{}',
  -- Where new incidents from this account are routed; '' = unrouted (supervisors route).
  default_department_id text NOT NULL DEFAULT '',
  -- Portal sources: SHA-256 of the API key (hex).
  api_key_hash text UNIQUE,
  -- Network-specific settings: IMAP host/port/user/password/mailbox, attachment limits and hosts.
  settings jsonb NOT NULL DEFAULT '{}'::jsonb,
  enabled boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT channel_accounts_network_account_key UNIQUE (network, account_id),
  CONSTRAINT channel_accounts_settings_object CHECK (jsonb_typeof(settings) = 'object')
);
CREATE INDEX channel_accounts_org_idx ON channel_accounts (org_id);

-- Every event a network delivered, exactly once per (account, the network's event id). Written in
-- the same transaction as its normalisation; the webhook is acknowledged only after the commit.
-- The payload may hold personal data the citizen typed (passport numbers in the bot wizard): it is
-- stored, never logged.
CREATE TABLE inbound_events (
  id bigserial PRIMARY KEY,
  channel_account_id text NOT NULL REFERENCES channel_accounts (id),
  network text NOT NULL,
  external_id text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  payload jsonb NOT NULL,
  -- Set when normalisation ran (same transaction); NULL for events kept raw only.
  processed_at timestamptz,
  -- What normalisation made of it: 'message', 'duplicate-content', 'ignored:<reason>'…
  outcome text,
  CONSTRAINT inbound_events_external_key UNIQUE (channel_account_id, external_id)
);

-- The conversation of one peer (chat) in one channel account, and its open incident.
CREATE TABLE intake_conversations (
  id text PRIMARY KEY,
  org_id text NOT NULL REFERENCES organisations (id),
  channel_account_id text NOT NULL REFERENCES channel_accounts (id),
  chat_id text NOT NULL,
  peer_account_id text,
  -- The incident that new plain messages feed, while it is open ('' = none yet).
  open_incident_id text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT intake_conversations_peer_key UNIQUE (channel_account_id, chat_id)
);

-- Inbound messages by the network's message id: recording the same message twice yields the first.
CREATE TABLE intake_messages (
  channel_account_id text NOT NULL REFERENCES channel_accounts (id),
  external_message_id text NOT NULL,
  message_id text NOT NULL,
  conversation_id text NOT NULL,
  appeal_id text NOT NULL DEFAULT '',
  PRIMARY KEY (channel_account_id, external_message_id)
);

-- E-mail threading: every Message-ID seen or sent in a mailbox → its conversation.
CREATE TABLE email_threads (
  channel_account_id text NOT NULL REFERENCES channel_accounts (id),
  message_id text NOT NULL,
  conversation_id text NOT NULL,
  PRIMARY KEY (channel_account_id, message_id)
);

-- Files downloaded from the networks (bytes in DATA_DIR/attachments/<sha256[0:2]>/<sha256>).
CREATE TABLE inbound_attachments (
  id text PRIMARY KEY,
  org_id text NOT NULL REFERENCES organisations (id),
  message_id text NOT NULL,
  sha256 text NOT NULL,
  name text NOT NULL,
  mime_type text NOT NULL,
  size bigint NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX inbound_attachments_message_idx ON inbound_attachments (org_id, message_id);

-- Polling cursors (VK ts, Telegram offset, MAX marker, IMAP UIDVALIDITY:UID) and the lease that
-- keeps two server processes from polling the same account at once.
CREATE TABLE channel_cursors (
  channel_account_id text NOT NULL REFERENCES channel_accounts (id),
  name text NOT NULL,
  value text NOT NULL DEFAULT '',
  lease_owner text,
  lease_until timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (channel_account_id, name)
);

-- One round trip for the replicated part of an inbound write, under the organisation's sync lock
-- (100_sync.sql: seq order = commit order). Each argument may be NULL:
--   p_appeal / p_message: full documents with their scope; inserted (appeal: upserted);
--   p_conversation: a full document, inserted, or merged into the stored one when it exists.
CREATE FUNCTION okno_intake_write(
  p_org text,
  p_appeal jsonb, p_appeal_depts text[],
  p_conversation jsonb, p_conversation_depts text[],
  p_message jsonb, p_message_depts text[],
  p_audit jsonb
) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
  last_seq bigint;
  inserted integer := 0;
BEGIN
  PERFORM okno_sync_lock(p_org);
  IF p_appeal IS NOT NULL THEN
    INSERT INTO sync_appeals (org_id, id, seq, doc, department_ids, conversation_id)
    VALUES (p_org, p_appeal->>'id', nextval('okno_sync_seq'), p_appeal, p_appeal_depts,
            coalesce(p_appeal->>'conversationId', ''))
    ON CONFLICT (org_id, id) DO UPDATE
      SET seq = EXCLUDED.seq, doc = EXCLUDED.doc, department_ids = EXCLUDED.department_ids,
          conversation_id = EXCLUDED.conversation_id, updated_at = now();
  END IF;
  IF p_conversation IS NOT NULL THEN
    -- A full document (it has `channel`) is inserted when new; otherwise, or for a partial one,
    -- the stored document takes the newer lastMessageAt and updatedAt, and a name if it had none.
    IF p_conversation ? 'channel' THEN
      INSERT INTO sync_conversations (org_id, id, seq, doc, department_ids)
      VALUES (p_org, p_conversation->>'id', nextval('okno_sync_seq'), p_conversation,
              coalesce(p_conversation_depts, '{}'))
      ON CONFLICT (org_id, id) DO NOTHING;
      GET DIAGNOSTICS inserted = ROW_COUNT;
    END IF;
    IF inserted = 0 THEN
      UPDATE sync_conversations c
         SET seq = nextval('okno_sync_seq'),
             doc = c.doc || jsonb_build_object(
               'lastMessageAt', greatest((c.doc->>'lastMessageAt')::bigint, (p_conversation->>'lastMessageAt')::bigint),
               'updatedAt', greatest((c.doc->>'updatedAt')::bigint, (p_conversation->>'updatedAt')::bigint),
               'applicantDisplayName', CASE WHEN c.doc->>'applicantDisplayName' = ''
                                            THEN coalesce(p_conversation->>'applicantDisplayName', '')
                                            ELSE c.doc->>'applicantDisplayName' END),
             updated_at = now()
       WHERE c.org_id = p_org AND c.id = p_conversation->>'id';
    END IF;
  END IF;
  IF p_message IS NOT NULL THEN
    INSERT INTO sync_messages (org_id, id, seq, doc, department_ids, appeal_id, conversation_id)
    VALUES (p_org, p_message->>'id', nextval('okno_sync_seq'), p_message, coalesce(p_message_depts, '{}'),
            coalesce(p_message->>'appealId', ''), coalesce(p_message->>'conversationId', ''));
  END IF;
  IF p_audit IS NOT NULL THEN
    INSERT INTO audit_log (org_id, actor_user_id, device_id, action, entity, entity_id, fields, details)
    SELECT p_org, NULL, NULL, r.action, r.entity, r.entity_id, r.fields, r.details
      FROM jsonb_to_recordset(p_audit) AS r(action text, entity text, entity_id text, fields jsonb, details jsonb);
  END IF;
  -- At least this change's highest seq (streams only compare it with their position to wake up).
  last_seq := (SELECT last_value FROM okno_sync_seq);
  PERFORM pg_notify('okno_sync', p_org || ':' || last_seq);
  RETURN last_seq;
END;
$$;
