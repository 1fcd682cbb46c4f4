-- Up Migration
-- The chat's open incident when the citizen filed a formal appeal through the bot. The incident is
-- not converted by the server (`convert_to_formal` is a staff action); both share the chat's
-- conversation, and this remembers which incident preceded the filing.
ALTER TABLE bot_filings ADD COLUMN incident_id text;
