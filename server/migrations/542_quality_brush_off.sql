-- Up Migration
-- The organisation's own list of bureaucratic brush-offs for the automatic answer checks (issue 14,
-- shared/quality/checks.ts `brushOff`). No row: the default list.
CREATE TABLE quality_settings (
  org_id text PRIMARY KEY REFERENCES organisations (id),
  brush_off_phrases text[] NOT NULL,
  set_by text,
  updated_at timestamptz NOT NULL DEFAULT now()
);
