-- «Помог ли ответ?» by e-mail (issue 14, server/src/quality/verdict-email.ts): a citizen's reply to
-- the question letter finds the latest open question asked of the sender's address.
CREATE INDEX quality_verdicts_email_open_idx ON quality_verdicts (org_id, chat_peer, asked_at)
  WHERE asked_via = 'email' AND value IS NULL;
