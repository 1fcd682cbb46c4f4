/**
 * Registration numbers and deadlines: fields the server alone sets.
 *
 * Numbers come from `registration_counters` (one row per organisation and year) through
 * `INSERT … ON CONFLICT DO UPDATE SET next = next + 1 RETURNING` inside the pushing transaction: the
 * row lock serialises registrations of one organisation across processes, and a rolled-back push
 * rolls its number back, so numbers are unique, consecutive and gap-free.
 */
import { type OrgDeadlineSettings, tryComputeDeadlines } from '../../../shared/domain/deadlines';
import {
  defaultRegistrationPattern,
  formatRegistrationNumber,
  validatePattern,
} from '../../../shared/domain/registration-number';
import { applyAction, isClosed, type TransitionSubject } from '../../../shared/domain/status-machine';
import type { Appeal } from '../../../shared/model/appeal';
import { appealDeadlineInput } from '../../../shared/model/appeal-deadlines';
import {
  deadlineSettingsOf,
  defaultOrganisationSettings,
  type OrganisationSettings,
} from '../../../shared/model/organisation';
import { noDueAt } from '../../../shared/model/primitives';
import type { Queryable } from '../db/pool';

type Doc = Record<string, unknown>;

export interface OrgRules {
  timeZone: string;
  /** Validated against the shared format; the shared default when the stored one does not parse. */
  registrationPattern: string;
  shiftRule: 'next' | 'previous';
  /** Everything the deadline engine needs: working hours, portal terms, incident SLA. */
  deadlines: OrgDeadlineSettings;
}

/**
 * The organisation's settings (`organisations.settings`, the shared OrganisationSettings shape) with
 * the production calendars its administrator loaded (`okno_organisation_settings`, migration 110).
 */
export async function loadOrgRules(db: Queryable, orgId: string): Promise<OrgRules> {
  const result = await db.query<{ settings: Partial<OrganisationSettings> }>(
    'SELECT okno_organisation_settings(id, settings) AS settings FROM organisations WHERE id = $1',
    [orgId],
  );
  const settings: OrganisationSettings = { ...defaultOrganisationSettings, ...result.rows[0]?.settings };
  const pattern = settings.registrationNumberPattern;
  return {
    timeZone: settings.timeZone,
    registrationPattern: validatePattern(pattern).ok ? pattern : defaultRegistrationPattern,
    shiftRule: settings.deadlineShiftRule === 'previous' ? 'previous' : 'next',
    deadlines: deadlineSettingsOf(settings),
  };
}

function yearIn(timeZone: string, at: number): number {
  return Number(new Intl.DateTimeFormat('en', { timeZone, year: 'numeric' }).format(at));
}

/** Offset of `timeZone` from UTC at `at`, in minutes. */
function offsetMinutes(timeZone: string, at: number): number {
  const name = new Intl.DateTimeFormat('en', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName')?.value;
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name ?? '');
  if (!match) return 0;
  return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]));
}

/** The last millisecond of a calendar date in the organisation's time zone. */
function endOfDay(date: string, timeZone: string): number {
  const utc = Date.parse(`${date}T23:59:59.999Z`);
  return utc - offsetMinutes(timeZone, utc) * 60_000;
}

async function nextNumber(db: Queryable, orgId: string, year: number): Promise<number> {
  const result = await db.query<{ number: number }>(
    `INSERT INTO registration_counters (org_id, year, next) VALUES ($1, $2, 2)
     ON CONFLICT (org_id, year) DO UPDATE SET next = registration_counters.next + 1
     RETURNING next - 1 AS number`,
    [orgId, year],
  );
  return result.rows[0]!.number;
}

async function departmentCode(
  db: Queryable,
  orgId: string,
  departmentId: unknown,
): Promise<string | undefined> {
  if (typeof departmentId !== 'string' || departmentId === '') return undefined;
  const result = await db.query<{ code: string }>(
    'SELECT code FROM departments WHERE org_id = $1 AND id = $2',
    [orgId, departmentId],
  );
  return result.rows[0]?.code;
}

/** Registers a formal appeal that has no number yet (the system actor's `register` action). */
export async function registerIfDue(
  db: Queryable,
  orgId: string,
  rules: OrgRules,
  doc: Doc,
  now: number,
): Promise<Doc> {
  if (doc.regime !== 'formal' || doc.registrationNumber || doc._deleted || doc.status !== 'received')
    return doc;
  const year = yearIn(rules.timeZone, now);
  const sequence = await nextNumber(db, orgId, year);
  const formatted = formatRegistrationNumber(rules.registrationPattern, {
    year,
    sequence,
    departmentCode: await departmentCode(db, orgId, doc.departmentId),
  });
  const number = formatted.ok
    ? formatted.value
    : (
        formatRegistrationNumber(defaultRegistrationPattern, { year, sequence }) as {
          ok: true;
          value: string;
        }
      ).value;
  const registered = applyAction(
    doc as unknown as TransitionSubject,
    'register',
    { role: 'admin', system: true },
    {
      registrationNumber: number,
    },
    now,
  );
  if (!registered.ok) return doc;
  return { ...doc, ...registered.value.changes, status: registered.value.status };
}

const deadlineInputs = ['regime', 'receivedAt', 'registeredAt', 'extension', 'urgent', 'category', 'status'];

/** Recomputes `legalDeadline`, `controlDate` and `dueAt` when an input changed (or on creation). */
export function withDeadlines(master: Doc | null, doc: Doc, rules: OrgRules): Doc {
  if (master && deadlineInputs.every((k) => JSON.stringify(master[k]) === JSON.stringify(doc[k]))) {
    return {
      ...doc,
      legalDeadline: master.legalDeadline,
      controlDate: master.controlDate,
      dueAt: master.dueAt,
    };
  }
  if (isClosed(doc.status as never)) return { ...doc, dueAt: noDueAt };
  const regime = doc.regime as 'formal' | 'portal' | 'incident';
  if (regime === 'formal' && typeof doc.registeredAt !== 'number') {
    return { ...doc, legalDeadline: null, controlDate: null, dueAt: noDueAt };
  }
  const computed = tryComputeDeadlines(appealDeadlineInput(doc as unknown as Appeal, rules.deadlines));
  if (!computed.ok) {
    return {
      ...doc,
      legalDeadline: master?.legalDeadline ?? null,
      controlDate: master?.controlDate ?? null,
      dueAt: master?.dueAt ?? noDueAt,
    };
  }
  const { legalDeadline, controlDate } = computed.value;
  if (regime === 'incident') {
    // Incident terms are instants; the appeal's date fields hold calendar dates only.
    return { ...doc, legalDeadline: null, controlDate: null, dueAt: Date.parse(controlDate) };
  }
  return { ...doc, legalDeadline, controlDate, dueAt: endOfDay(controlDate, rules.timeZone) };
}
