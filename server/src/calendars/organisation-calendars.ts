/**
 * Production calendars an organisation loads: a newer official edition than the one shipped in
 * resources/calendar, or a year not shipped yet. The administrator gives an xmlcalendar file (admin
 * CLI `calendar-load`, or POST /api/v1/admin/calendars); it is read by the parser the shipped
 * calendars go through, checked, stored in `organisation_calendars` (migration 110) and audited with
 * the edition it replaces. From then on every deadline of the organisation is counted with it: on
 * the server (loadOrgRules) and on desktops (the replicated organisation's `settings.calendarYears`);
 * open appeals whose stored deadlines it moves are recomputed in the same transaction.
 */
import { createHash } from 'node:crypto';
import type pg from 'pg';
import { checkCalendarYear, parseXmlCalendar, ruCalendars } from '../../../shared/domain/calendar';
import type { DomainError } from '../../../shared/domain/result';
import { appendAudit } from '../audit/audit';
import { t } from '../bot/texts';
import { inTransaction, type Queryable } from '../db/pool';
import { type RecomputeActor, recomputeOpenDeadlines } from './recompute';

/** A file that cannot be put in force; `error` is the parser's or checker's `deadlines:errors.*`. */
export class CalendarLoadError extends Error {
  constructor(readonly error: DomainError) {
    super(`${t('en', error.code, error.params)} Nothing was loaded.`);
    this.name = 'CalendarLoadError';
  }
}

/** Where the calendar of a year comes from. */
export interface CalendarEdition {
  /** `loaded` by the organisation, `shipped` with Okno, or `none`: the art. 112 fallback, with a warning. */
  source: 'loaded' | 'shipped' | 'none';
  /** The xmlcalendar `date` attribute, when the file has one. */
  edition: string | null;
  /** SHA-256 of the loaded file (loaded calendars only). */
  sha256: string | null;
}

export interface CalendarLoad {
  year: number;
  previous: CalendarEdition;
  current: CalendarEdition;
  /** False when exactly this file was already in force: nothing was written. */
  changed: boolean;
  /** Open appeals whose stored deadlines moved. */
  recomputed: number;
}

export interface CalendarInForce extends CalendarEdition {
  year: number;
  loadedAt: number | null;
  loadedBy: string | null;
}

function shippedEdition(year: number): CalendarEdition {
  const shipped = ruCalendars.find((calendar) => calendar.year === year);
  return shipped
    ? { source: 'shipped', edition: shipped.edition ?? null, sha256: null }
    : { source: 'none', edition: null, sha256: null };
}

export interface CalendarLoadInput extends RecomputeActor {
  orgId: string;
  /** The xmlcalendar file as text. */
  xml: string;
}

/** Puts the calendar in `xml` in force for its year; a bad file throws CalendarLoadError and changes nothing. */
export async function loadOrganisationCalendar(db: pg.Pool, input: CalendarLoadInput): Promise<CalendarLoad> {
  const parsed = parseXmlCalendar(input.xml);
  if (!parsed.ok) throw new CalendarLoadError(parsed.error);
  const checked = checkCalendarYear(parsed.value);
  if (!checked.ok) throw new CalendarLoadError(checked.error);
  const calendar = checked.value;
  const { year } = calendar;
  const sha256 = createHash('sha256').update(input.xml).digest('hex');
  const current: CalendarEdition = { source: 'loaded', edition: calendar.edition ?? null, sha256 };
  return inTransaction(db, async (tx) => {
    // The organisation's sync lock first, as every push takes it: no push changes an appeal
    // between the recomputation below and the commit.
    await tx.query('SELECT okno_sync_lock($1)', [input.orgId]);
    const existing = await tx.query<{ edition: string | null; source_sha256: string }>(
      'SELECT edition, source_sha256 FROM organisation_calendars WHERE org_id = $1 AND year = $2',
      [input.orgId, year],
    );
    const row = existing.rows[0];
    const previous: CalendarEdition = row
      ? { source: 'loaded', edition: row.edition, sha256: row.source_sha256 }
      : shippedEdition(year);
    if (previous.sha256 === sha256) return { year, previous, current, changed: false, recomputed: 0 };

    await tx.query(
      `INSERT INTO organisation_calendars (org_id, year, calendar, edition, source_xml, source_sha256, loaded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (org_id, year) DO UPDATE
         SET calendar = EXCLUDED.calendar, edition = EXCLUDED.edition, source_xml = EXCLUDED.source_xml,
             source_sha256 = EXCLUDED.source_sha256, loaded_at = now(), loaded_by = EXCLUDED.loaded_by`,
      [
        input.orgId,
        year,
        JSON.stringify(calendar),
        current.edition,
        input.xml,
        sha256,
        input.actorUserId ?? null,
      ],
    );
    // The replicated organisation document carries the calendars (migration 110's trigger).
    await tx.query('UPDATE organisations SET updated_at = now() WHERE id = $1', [input.orgId]);
    const recomputed = await recomputeOpenDeadlines(tx, input.orgId, { calendarYear: year }, input);
    await appendAudit(tx, {
      orgId: input.orgId,
      actorUserId: input.actorUserId ?? null,
      deviceId: input.deviceId ?? null,
      action: 'organisation.calendar_load',
      entity: 'organisation',
      entityId: input.orgId,
      fields: { [`calendar.${year}`]: { old: previous, new: current } },
      details: { year, recomputedAppeals: recomputed },
    });
    return { year, previous, current, changed: true, recomputed };
  });
}

/** Every year with an official calendar for the organisation: the shipped ones and the loaded ones. */
export async function listOrganisationCalendars(db: Queryable, orgId: string): Promise<CalendarInForce[]> {
  const loaded = await db.query<{
    year: number;
    edition: string | null;
    source_sha256: string;
    loaded_at: Date;
    loaded_by: string | null;
  }>(
    'SELECT year, edition, source_sha256, loaded_at, loaded_by FROM organisation_calendars WHERE org_id = $1',
    [orgId],
  );
  const byYear = new Map<number, CalendarInForce>();
  for (const shipped of ruCalendars) {
    byYear.set(shipped.year, {
      year: shipped.year,
      ...shippedEdition(shipped.year),
      loadedAt: null,
      loadedBy: null,
    });
  }
  for (const row of loaded.rows) {
    byYear.set(row.year, {
      year: row.year,
      source: 'loaded',
      edition: row.edition,
      sha256: row.source_sha256,
      loadedAt: row.loaded_at.getTime(),
      loadedBy: row.loaded_by,
    });
  }
  return [...byYear.values()].sort((a, b) => a.year - b.year);
}
