-- Up Migration
-- Finding 3: what a citizen types into the bot's wizard (names, the passport line, contacts) is
-- kept by the wizard itself — the passport encrypted — and must not stay in clear in the stored
-- raw event. okno_without_texts replaces every string under a `text` or `caption` key, at any
-- depth (Telegram message.text/caption, VK object.message.text and fwd_messages[].text, MAX
-- message.body.text and link.message.text, OK message.text), with "[removed]"; everything else —
-- ids (numeric precision kept: jsonb), dates, attachments — stays, so the event still reads as what
-- it was.
CREATE FUNCTION okno_without_texts(doc jsonb) RETURNS jsonb
LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  CASE jsonb_typeof(doc)
    WHEN 'object' THEN
      RETURN coalesce(
        (SELECT jsonb_object_agg(
                  key,
                  CASE WHEN key IN ('text', 'caption') AND jsonb_typeof(value) = 'string'
                       THEN '"[removed]"'::jsonb
                       ELSE okno_without_texts(value) END)
           FROM jsonb_each(doc)),
        '{}'::jsonb);
    WHEN 'array' THEN
      RETURN coalesce(
        (SELECT jsonb_agg(okno_without_texts(value) ORDER BY position)
           FROM jsonb_array_elements(doc) WITH ORDINALITY AS element(value, position)),
        '[]'::jsonb);
    ELSE
      RETURN doc;
  END CASE;
END;
$$;

-- The VK Callback API repeats the community's `secret` in every event body; it was stored with
-- each raw event. New events are stored without it (server/src/channels/raw-events.ts); old ones
-- lose it here.
UPDATE inbound_events SET payload = payload - 'secret' WHERE network = 'vk' AND payload ? 'secret';
