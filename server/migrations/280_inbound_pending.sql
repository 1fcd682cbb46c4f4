-- Up Migration
-- Webhook events are acknowledged once stored raw and normalised afterwards
-- (server/src/channels/inbound-queue.ts): a stored event that is neither processed nor failed is
-- pending. The sweep that picks up the ones a crash left reads them oldest first.
CREATE INDEX inbound_events_pending ON inbound_events (id)
  WHERE processed_at IS NULL AND outcome IS NULL;
