-- Issue 12: which network messages are the text of a formal appeal the bot registered. The wizard
-- keeps the text it takes (the message itself is withheld from the inbox), so when the citizen later
-- edits that message in the network, the edit must still reach the appeal — as a later version beside
-- the registered text, which stays as registered (docs/DOMAIN.md, "Edited messages").
CREATE TABLE appeal_text_messages (
  channel_account_id text NOT NULL,
  external_message_id text NOT NULL,
  org_id text NOT NULL,
  appeal_id text NOT NULL,
  PRIMARY KEY (channel_account_id, external_message_id)
);
