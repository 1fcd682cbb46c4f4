-- Up Migration
-- Answer quality (issue 14; server/src/quality/): a head's approval before an answer goes out, and
-- the citizen's «Помог ли ответ?».

-- ── Approval ──────────────────────────────────────────────────────────────────────────────────
-- Which answers need a head's approval: per department and regime (59-FZ formal, portal, incident).
-- No row: no approval.
CREATE TABLE quality_approval_rules (
  org_id text NOT NULL REFERENCES organisations (id),
  department_id text NOT NULL,
  regime text NOT NULL CHECK (regime IN ('incident', 'portal', 'formal')),
  set_by text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, department_id, regime)
);

-- One row per answer held for approval. The replicated message stays `pending` with the reason
-- 'quality:approval.awaiting' and no outbox row until a head approves it (the trigger below); a
-- returned answer is `failed` with 'quality:approval.returned' and the head's comment.
CREATE TABLE answer_approvals (
  org_id text NOT NULL REFERENCES organisations (id),
  message_id text NOT NULL,
  appeal_id text NOT NULL,
  department_ids text[] NOT NULL,
  author_user_id text NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'returned')),
  submitted_text text NOT NULL,
  comment text,
  decided_by text,
  decided_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, message_id)
);
CREATE INDEX answer_approvals_pending_idx ON answer_approvals USING gin (department_ids) WHERE status = 'pending';
CREATE INDEX answer_approvals_appeal_idx ON answer_approvals (org_id, appeal_id);

-- The answer trigger's body, callable for an approved answer too (the trigger fires on INSERT only).
CREATE FUNCTION okno_outbox_enqueue_answer_doc(p_org text, p_id text, p_doc jsonb) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  conv jsonb;
  route text := coalesce(p_doc->>'replyVia', 'channel');
  net text;
  account text;
  peer text;
  row_id text := 'ans-' || md5(p_org || ':' || p_id);
BEGIN
  IF p_doc->>'direction' IS DISTINCT FROM 'out'
     OR p_doc->>'deliveryStatus' IS DISTINCT FROM 'pending'
     OR p_doc->'author'->>'kind' IS DISTINCT FROM 'staff'
     OR coalesce((p_doc->>'_deleted')::boolean, false)
     OR p_doc->>'deliveryError' IS NOT DISTINCT FROM 'quality:approval.awaiting'
     OR route = 'post' THEN
    RETURN;
  END IF;
  SELECT doc INTO conv FROM sync_conversations WHERE org_id = p_org AND id = p_doc->>'conversationId';
  IF route = 'email' THEN
    net := 'email';
    account := CASE WHEN conv->>'channel' = 'email' THEN coalesce(conv->'peer'->>'communityId', '') ELSE '' END;
    SELECT nullif(btrim(doc->'applicant'->'contacts'->>'email'), '') INTO peer
      FROM sync_appeals WHERE org_id = p_org AND id = p_doc->>'appealId';
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
  VALUES (row_id, p_org, net, account, peer, 'answer', coalesce(p_doc->>'text', ''),
          p_id, nullif(p_doc->>'appealId', ''))
  ON CONFLICT DO NOTHING;
END;
$$;

-- Same routes as migration 260; an answer awaiting approval gets no outbox row but its approval row
-- (in the departments the message was stored in: its appeal's).
CREATE OR REPLACE FUNCTION okno_outbox_enqueue_answer() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.doc->>'deliveryError' IS NOT DISTINCT FROM 'quality:approval.awaiting'
     AND NEW.doc->>'direction' = 'out' AND NEW.doc->'author'->>'kind' = 'staff' THEN
    INSERT INTO answer_approvals (org_id, message_id, appeal_id, department_ids, author_user_id, submitted_text)
    VALUES (NEW.org_id, NEW.id, coalesce(NEW.doc->>'appealId', ''), NEW.department_ids,
            coalesce(NEW.doc->'author'->>'userId', ''), coalesce(NEW.doc->>'text', ''))
    ON CONFLICT DO NOTHING;
    RETURN NULL;
  END IF;
  PERFORM okno_outbox_enqueue_answer_doc(NEW.org_id, NEW.id, NEW.doc);
  RETURN NULL;
END;
$$;

-- ── The citizen's verdict ─────────────────────────────────────────────────────────────────────
-- One question per appeal, asked once after its answer reached the citizen: in the chat (buttons
-- carry `code`) or by e-mail (a link with a one-use token; only its SHA-256 is kept).
CREATE TABLE quality_verdicts (
  org_id text NOT NULL REFERENCES organisations (id),
  appeal_id text NOT NULL,
  code text NOT NULL UNIQUE,
  token_hash text UNIQUE,
  asked_via text NOT NULL CHECK (asked_via IN ('chat', 'email')),
  -- The chat asked (its next message after «Частично»/«Нет» is the comment).
  chat_network text,
  chat_account text,
  chat_peer text,
  asked_at timestamptz NOT NULL DEFAULT now(),
  value text CHECK (value IN ('yes', 'partly', 'no')),
  comment text,
  answered_at timestamptz,
  decision text CHECK (decision IN ('rework', 'new_appeal', 'accepted')),
  decided_by text,
  decided_at timestamptz,
  PRIMARY KEY (org_id, appeal_id)
);
CREATE INDEX quality_verdicts_chat_idx ON quality_verdicts (chat_network, chat_account, chat_peer, answered_at)
  WHERE comment IS NULL AND value IN ('partly', 'no');
CREATE INDEX quality_verdicts_undecided_idx ON quality_verdicts (org_id, answered_at)
  WHERE value = 'no' AND decision IS NULL;
