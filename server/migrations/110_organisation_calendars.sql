-- Up Migration
-- Production calendars an organisation's administrator loaded (server/src/calendars): a newer
-- official edition than the one shipped in resources/calendar, or a year not shipped at all. One row
-- per organisation and year, the edition in force; every load is in audit_log (old → new edition).
-- The deadline engine (loadOrgRules) and the replicated organisation document both read the
-- settings through okno_organisation_settings, so the server and offline desktops count with the
-- same days. `settings.calendarYears` in the organisations row itself is never used.

CREATE TABLE organisation_calendars (
  org_id text NOT NULL REFERENCES organisations (id),
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2199),
  -- shared/domain/calendar/types.ts CalendarYear, as parseXmlCalendar read the file
  calendar jsonb NOT NULL CHECK (jsonb_typeof(calendar) = 'object' AND calendar->'year' = to_jsonb(year)),
  -- the xmlcalendar `date` attribute, when the file has one
  edition text,
  source_xml text NOT NULL,
  source_sha256 text NOT NULL CHECK (source_sha256 ~ '^[0-9a-f]{64}$'),
  loaded_at timestamptz NOT NULL DEFAULT now(),
  -- the administrator who loaded it through the API; null from the admin CLI
  loaded_by text,
  PRIMARY KEY (org_id, year)
);

-- The organisation's settings as the engine and desktops see them: the stored settings with the
-- loaded calendars, by year.
CREATE FUNCTION okno_organisation_settings(p_org text, p_settings jsonb) RETURNS jsonb
LANGUAGE sql STABLE AS $$
  SELECT (p_settings - 'calendarYears') || jsonb_build_object('calendarYears', coalesce(
    (SELECT jsonb_agg(c.calendar ORDER BY c.year) FROM organisation_calendars c WHERE c.org_id = p_org),
    '[]'::jsonb))
$$;

-- Migration 101's trigger function, replicating the settings above instead of the stored ones.
CREATE OR REPLACE FUNCTION okno_sync_organisation_doc() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO sync_organisations (org_id, id, seq, doc)
  VALUES (NEW.id, NEW.id, okno_sync_next_seq(NEW.id), jsonb_build_object(
    'id', NEW.id, 'name', NEW.name, 'settings', okno_organisation_settings(NEW.id, NEW.settings),
    'updatedAt', (extract(epoch FROM clock_timestamp()) * 1000)::bigint, '_deleted', false))
  ON CONFLICT (org_id, id) DO UPDATE SET seq = EXCLUDED.seq, doc = EXCLUDED.doc, updated_at = now();
  PERFORM pg_notify('okno_sync', NEW.id);
  RETURN NULL;
END;
$$;

-- Every organisation's document again, now with `calendarYears` (the desktop schema v1 requires it).
UPDATE organisations SET updated_at = updated_at;

-- Down Migration
CREATE OR REPLACE FUNCTION okno_sync_organisation_doc() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO sync_organisations (org_id, id, seq, doc)
  VALUES (NEW.id, NEW.id, okno_sync_next_seq(NEW.id), jsonb_build_object(
    'id', NEW.id, 'name', NEW.name, 'settings', NEW.settings,
    'updatedAt', (extract(epoch FROM clock_timestamp()) * 1000)::bigint, '_deleted', false))
  ON CONFLICT (org_id, id) DO UPDATE SET seq = EXCLUDED.seq, doc = EXCLUDED.doc, updated_at = now();
  PERFORM pg_notify('okno_sync', NEW.id);
  RETURN NULL;
END;
$$;
DROP FUNCTION okno_organisation_settings(text, jsonb);
DROP TABLE organisation_calendars;
