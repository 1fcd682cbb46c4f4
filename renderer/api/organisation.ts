/**
 * The administrator's calls for «Организация» (server/src/admin/organisation.ts, server/src/calendars/
 * routes.ts): the organisation's settings and its production calendars. Answers are read without
 * trusting them; errors are values (ApiResult).
 */
import type { OrganisationChange } from '../../shared/domain/organisation-settings';
import type { OrganisationSettings } from '../../shared/model/organisation';
import type { ApiResult, AppealApi } from './client';

type Json = Record<string, unknown>;
const isJson = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const malformed = { ok: false, error: { kind: 'server', status: 200 } } as const;

/** The settings the administrator edits (the loaded calendars are listed apart). */
export type EditableSettings = Omit<OrganisationSettings, 'calendarYears'>;

export interface AdminOrganisation {
  readonly id: string;
  readonly name: string;
  readonly settings: EditableSettings;
  /** The number the next registration would take in this year, for the pattern's example. */
  readonly nextRegistration: {
    readonly year: number;
    readonly sequence: number;
    readonly departmentCode: string;
  };
}

export interface SettingsSaved {
  readonly organisation: AdminOrganisation;
  /** What changed, by field (`workingHours.mon`…): empty when nothing did. */
  readonly changed: readonly string[];
  readonly recomputed: number;
}

export interface CalendarInForce {
  readonly year: number;
  readonly source: 'loaded' | 'shipped' | 'none';
  readonly edition: string | null;
  readonly sha256: string | null;
  readonly loadedAt: number | null;
}

export interface CalendarLoaded {
  readonly year: number;
  readonly edition: string | null;
  readonly changed: boolean;
  readonly recomputed: number;
}

function parseOrganisation(value: unknown): AdminOrganisation | null {
  if (!isJson(value) || !str(value.id) || !isJson(value.settings) || !isJson(value.settings.workingHours))
    return null;
  const next = isJson(value.nextRegistration) ? value.nextRegistration : {};
  return {
    id: str(value.id),
    name: str(value.name),
    // The server's own settings, checked by it; the form reads each field defensively.
    settings: value.settings as unknown as EditableSettings,
    nextRegistration: {
      year: typeof next.year === 'number' ? next.year : new Date().getFullYear(),
      sequence: typeof next.sequence === 'number' ? next.sequence : 1,
      departmentCode: str(next.departmentCode) || 'D1',
    },
  };
}

function parseCalendar(value: unknown): CalendarInForce | null {
  if (!isJson(value) || typeof value.year !== 'number') return null;
  const source = value.source === 'loaded' || value.source === 'shipped' ? value.source : 'none';
  return {
    year: value.year,
    source,
    edition: str(value.edition) || null,
    sha256: str(value.sha256) || null,
    loadedAt: typeof value.loadedAt === 'number' ? value.loadedAt : null,
  };
}

export function organisationApi(api: AppealApi) {
  return {
    async organisation(): Promise<ApiResult<AdminOrganisation>> {
      const result = await api.call('GET', '/api/v1/admin/organisation');
      if (!result.ok) return result;
      const organisation = isJson(result.value) ? parseOrganisation(result.value.organisation) : null;
      return organisation ? { ok: true, value: organisation } : malformed;
    },
    /** Sends a change (shared/domain/organisation-settings.ts OrganisationChange); the server checks it again. */
    async save(change: OrganisationChange): Promise<ApiResult<SettingsSaved>> {
      const result = await api.call('PATCH', '/api/v1/admin/organisation', change);
      if (!result.ok) return result;
      const body = isJson(result.value) ? result.value : {};
      const organisation = parseOrganisation(body.organisation);
      if (!organisation) return malformed;
      return {
        ok: true,
        value: {
          organisation,
          changed: isJson(body.fields) ? Object.keys(body.fields) : [],
          recomputed: typeof body.recomputed === 'number' ? body.recomputed : 0,
        },
      };
    },
    async calendars(): Promise<ApiResult<CalendarInForce[]>> {
      const result = await api.call('GET', '/api/v1/admin/calendars');
      if (!result.ok) return result;
      const list =
        isJson(result.value) && Array.isArray(result.value.calendars) ? result.value.calendars : null;
      if (!list) return malformed;
      return { ok: true, value: list.map(parseCalendar).filter((c): c is CalendarInForce => c !== null) };
    },
    /** Puts an xmlcalendar file in force; a bad file is 400 `invalid_calendar`. */
    async loadCalendar(xml: string): Promise<ApiResult<CalendarLoaded>> {
      const result = await api.call('POST', '/api/v1/admin/calendars', { xml });
      if (!result.ok) return result;
      const body = isJson(result.value) ? result.value : {};
      const current = isJson(body.current) ? body.current : {};
      if (typeof body.year !== 'number') return malformed;
      return {
        ok: true,
        value: {
          year: body.year,
          edition: str(current.edition) || null,
          changed: body.changed === true,
          recomputed: typeof body.recomputed === 'number' ? body.recomputed : 0,
        },
      };
    },
  };
}

export type OrganisationApi = ReturnType<typeof organisationApi>;
