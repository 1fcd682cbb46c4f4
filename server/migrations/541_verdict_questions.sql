-- Up Migration
-- «Помог ли ответ?» is asked by a periodic round (server/src/quality/verdict.ts `VerdictJob`) over the
-- staff answers sent into chats lately: this index keeps the round off the whole outbox.
CREATE INDEX outbox_messages_sent_answers_idx ON outbox_messages (sent_at)
  WHERE kind = 'answer' AND status IN ('sent', 'delivered');
