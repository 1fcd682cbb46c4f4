-- Up Migration
-- Outgoing answers in an e-mail conversation name the thread (In-Reply-To: the citizen's latest mail;
-- References: the thread's Message-IDs in order), so mail clients show them as replies
-- (server/src/outbox/email-threads.ts). Rows remembered before this migration count as the citizen's.
ALTER TABLE email_threads
  ADD COLUMN direction text NOT NULL DEFAULT 'in' CHECK (direction IN ('in', 'out')),
  ADD COLUMN remembered_at timestamptz NOT NULL DEFAULT clock_timestamp();
CREATE INDEX email_threads_conversation ON email_threads (conversation_id, remembered_at);
