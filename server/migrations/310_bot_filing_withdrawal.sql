-- Up Migration
-- When the applicant withdrew the appeal through the bot (заявление об отзыве, issue 12): «Мои
-- обращения» says so, and a second withdrawal is refused. The appeal itself records it as a closure
-- by the status machine's `withdraw` (result, outcomeNote, the audit entry).
ALTER TABLE bot_filings ADD COLUMN withdrawn_at timestamptz;
