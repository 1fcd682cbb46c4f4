-- Up Migration
-- Problem groups (issue 13, «several citizens, one problem»): appeals of different applicants about the
-- same problem (same place, category, similar text), grouped by a person — never automatically — and
-- answered together, each citizen in their own chat (server/src/problems). The group is mirrored in the
-- replicated appeal as `problemId` (appeals schema v4) by the single server writer.
CREATE TABLE problems (
  org_id text NOT NULL REFERENCES organisations (id),
  id text NOT NULL,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id)
);

CREATE TABLE problem_members (
  org_id text NOT NULL,
  problem_id text NOT NULL,
  appeal_id text NOT NULL,
  added_by text NOT NULL,
  added_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, appeal_id),
  FOREIGN KEY (org_id, problem_id) REFERENCES problems (org_id, id) ON DELETE CASCADE
);
CREATE INDEX problem_members_problem_idx ON problem_members (org_id, problem_id);

-- Candidates are looked up among the organisation's appeals of the last days.
CREATE INDEX IF NOT EXISTS sync_appeals_received_idx ON sync_appeals (org_id, ((doc ->> 'receivedAt')::numeric));

-- Down Migration
DROP INDEX IF EXISTS sync_appeals_received_idx;
DROP TABLE problem_members;
DROP TABLE problems;
