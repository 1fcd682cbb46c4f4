-- Up Migration
-- Triage (issue 13): the organisation's incident-or-not learner (shared/triage/incident-learner.ts:
-- weights by stem hash bucket, no text), learnt from each «Это инцидент» / «Не инцидент» and first
-- categorising of a chat message; and each such decision beside what triage suggested on arrival, so a
-- supervisor sees incident-or-not accuracy over the last 30 days too.

CREATE TABLE triage_incident_learners (
  org_id text PRIMARY KEY REFERENCES organisations (id),
  state jsonb NOT NULL,
  decisions integer NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE triage_incident_decisions (
  id bigserial PRIMARY KEY,
  org_id text NOT NULL REFERENCES organisations (id),
  appeal_id text NOT NULL,
  decided_at timestamptz NOT NULL,
  -- What triage suggested on arrival; NULL when the appeal had no suggestion.
  suggested boolean,
  chosen boolean NOT NULL
);
CREATE INDEX triage_incident_decisions_org_time_idx ON triage_incident_decisions (org_id, decided_at);
