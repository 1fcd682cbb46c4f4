-- Up Migration
-- Territories and «Аналитика» (issue 14, hot spots; server/src/territories, server/src/control).
--
-- territories: the organisation's districts and settlements (a settlement may sit in a district),
-- with the other names an address may use for it (variants) and, optionally, its streets.
CREATE TABLE territories (
  org_id text NOT NULL REFERENCES organisations (id),
  id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('district', 'settlement')),
  parent_id text,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  variants text[] NOT NULL DEFAULT '{}',
  streets text[] NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, parent_id) REFERENCES territories (org_id, id),
  CHECK (parent_id IS NULL OR kind = 'settlement')
);
-- One name once under one parent (two «Ивановка» in two districts are two settlements).
CREATE UNIQUE INDEX territories_name_idx ON territories (org_id, coalesce(parent_id, ''), lower(name));

-- The dashboard's facts, one row per appeal, kept by the control job (server/src/control/facts-job.ts)
-- from sync_appeals in seq order: the territory and the place need the matcher (TypeScript), and a
-- narrow table answers a year of a million appeals from one index. received_at is epoch ms as in the
-- documents; '' is «не определена» (territory) and «без категории» (category). place_key and
-- place_label come from the appeal's own text (the problem's place), never from the applicant's
-- postal address, which is personal data.
CREATE TABLE control_appeal_facts (
  org_id text NOT NULL,
  appeal_id text NOT NULL,
  received_at bigint NOT NULL,
  category text NOT NULL,
  territory_id text NOT NULL,
  department_id text NOT NULL,
  place_key text,
  place_label text,
  PRIMARY KEY (org_id, appeal_id)
);
-- Every dashboard query is a range of received_at in one organisation; the covering columns make it
-- an index-only scan (category × territory, weekly series, rise alerts, repeat places).
CREATE INDEX control_facts_period_idx ON control_appeal_facts (org_id, received_at)
  INCLUDE (category, territory_id, department_id, place_key);
-- A drill-down into one cell.
CREATE INDEX control_facts_cell_idx ON control_appeal_facts (org_id, category, territory_id, received_at);

-- How far the control job has read each organisation's appeals (sync seq); 0 re-reads them all
-- (after the territories changed: the backfill).
CREATE TABLE control_cursor (
  org_id text PRIMARY KEY REFERENCES organisations (id),
  seq bigint NOT NULL DEFAULT 0
);

-- Rise alerts: a category in a territory at ≥ 3× its usual weekly level, once per week
-- (server/src/control/rise.ts). week_start is the Monday of the week in the organisation's zone.
CREATE TABLE control_rise_alerts (
  org_id text NOT NULL REFERENCES organisations (id),
  id text NOT NULL,
  category text NOT NULL,
  territory_id text NOT NULL,
  week_start date NOT NULL,
  week_count integer NOT NULL,
  usual_weekly numeric NOT NULL,
  detected_at bigint NOT NULL,
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, category, territory_id, week_start)
);
CREATE INDEX control_rise_alerts_recent_idx ON control_rise_alerts (org_id, detected_at DESC);

-- Down Migration
DROP TABLE control_rise_alerts;
DROP TABLE control_cursor;
DROP TABLE control_appeal_facts;
DROP TABLE territories;
