-- Up Migration
-- Messages schema v1: a staff answer carries its route, `replyVia` ('channel' | 'email' | 'post';
-- null for inbound and bot messages), and the outbox sends by it (shared/model/conversation.ts).

-- Backfill the stored messages by the rule of the desktop's v0 → v1 migration strategy
-- (shared/schemas/messages.ts `replyViaOfV0`): v0 desktops put the thread's id in `conversationId`
-- for the original channel and '' for both e-mail and post, which cannot be told apart; '' becomes
-- 'email'. The seq is not bumped: a desktop migrates its own copy by the same rule, so both agree.
UPDATE sync_messages
   SET doc = doc || jsonb_build_object('replyVia',
         CASE WHEN doc->>'direction' = 'out' AND doc->'author'->>'kind' = 'staff'
              THEN CASE WHEN coalesce(doc->>'conversationId', '') <> '' THEN 'channel' ELSE 'email' END
         END)
 WHERE NOT doc ? 'replyVia';

-- Answers are enqueued by their route:
--   'channel' → the network of the message's conversation (as before; also a staff message
--               without the field, written by code that predates it);
--   'email'   → SMTP to the applicant's e-mail address from the appeal, from the e-mail
--               conversation's mailbox when the conversation is an e-mail one, otherwise from the
--               organisation's outgoing mailbox (account '' — the worker resolves it);
--   'post'    → nothing: a postal answer is printed and mailed by staff; the message stays
--               'pending' with deliveryError 'sync:delivery.printRequired' (set by the writer).
-- A route the appeal cannot take (no conversation, no address) gets network 'none', which the
-- worker fails visibly; the messages writer refuses such pushes before they get here.
CREATE OR REPLACE FUNCTION okno_outbox_enqueue_answer() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  conv jsonb;
  route text := coalesce(NEW.doc->>'replyVia', 'channel');
  net text;
  account text;
  peer text;
  row_id text := 'ans-' || md5(NEW.org_id || ':' || NEW.id);
BEGIN
  IF NEW.doc->>'direction' IS DISTINCT FROM 'out'
     OR NEW.doc->>'deliveryStatus' IS DISTINCT FROM 'pending'
     OR NEW.doc->'author'->>'kind' IS DISTINCT FROM 'staff'
     OR coalesce((NEW.doc->>'_deleted')::boolean, false)
     OR route = 'post' THEN
    RETURN NULL;
  END IF;
  SELECT doc INTO conv FROM sync_conversations WHERE org_id = NEW.org_id AND id = NEW.doc->>'conversationId';
  IF route = 'email' THEN
    net := 'email';
    account := CASE WHEN conv->>'channel' = 'email' THEN coalesce(conv->'peer'->>'communityId', '') ELSE '' END;
    SELECT nullif(btrim(doc->'applicant'->'contacts'->>'email'), '') INTO peer
      FROM sync_appeals WHERE org_id = NEW.org_id AND id = NEW.doc->>'appealId';
    IF peer IS NULL THEN
      net := 'none';
      account := '';
      peer := '';
    END IF;
  ELSE
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
  END IF;
  INSERT INTO outbox_messages (id, org_id, network, account_id, peer_id, kind, text, message_id, appeal_id)
  VALUES (row_id, NEW.org_id, net, account, peer, 'answer', coalesce(NEW.doc->>'text', ''),
          NEW.id, nullif(NEW.doc->>'appealId', ''))
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END;
$$;
