/**
 * «Аналитика» on the server (server/src/control/routes.ts): the hot-spot dashboard of a period and
 * the appeals behind one of its cells. Read without trusting the answers; errors are values.
 */
import type { ApiResult, AppealApi } from '../../api/client';

type Json = Record<string, unknown>;
const isJson = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const num = (value: unknown): number => (typeof value === 'number' ? value : 0);
const list = (value: unknown): Json[] => (Array.isArray(value) ? value.filter(isJson) : []);

export type PeriodKind = 'week' | 'month' | 'quarter' | 'custom';
export const periodKinds: readonly PeriodKind[] = ['week', 'month', 'quarter', 'custom'];

export interface Period {
  readonly kind: PeriodKind;
  /** `YYYY-MM-DD`, custom periods only */
  readonly from: string;
  readonly to: string;
}

export interface Cell {
  readonly category: string;
  readonly territoryId: string;
  readonly count: number;
  readonly previous: number;
}

export interface Rising extends Cell {
  readonly delta: number;
  readonly percent: number | null;
}

export interface RepeatPlace {
  readonly placeKey: string;
  readonly placeLabel: string;
  readonly territoryId: string;
  readonly category: string;
  readonly count: number;
}

export interface RiseAlert {
  readonly id: string;
  readonly category: string;
  readonly territoryId: string;
  readonly territoryName: string;
  readonly weekStart: string;
  readonly weekCount: number;
  readonly usualWeekly: number;
  readonly detectedAt: number;
}

export interface Dashboard {
  readonly window: { readonly previousFrom: number; readonly from: number; readonly to: number };
  readonly cells: readonly Cell[];
  readonly rising: readonly Rising[];
  readonly repeats: readonly RepeatPlace[];
  readonly weekly: readonly { readonly week: string; readonly count: number }[];
  readonly territories: readonly { readonly id: string; readonly name: string; readonly kind: string }[];
  readonly alerts: readonly RiseAlert[];
}

export interface CellQuery {
  readonly category?: string;
  readonly territoryId?: string;
  readonly placeKey?: string;
}

export interface ControlAppeal {
  readonly id: string;
  readonly registrationNumber: string | null;
  readonly subject: string;
  readonly status: string;
  readonly receivedAt: number;
}

const cellOf = (c: Json): Cell => ({
  category: str(c.category),
  territoryId: str(c.territoryId),
  count: num(c.count),
  previous: num(c.previous),
});

function parseDashboard(value: unknown): Dashboard | null {
  if (!isJson(value) || !isJson(value.window)) return null;
  return {
    window: {
      previousFrom: num(value.window.previousFrom),
      from: num(value.window.from),
      to: num(value.window.to),
    },
    cells: list(value.cells).map(cellOf),
    rising: list(value.rising).map((c) => ({
      ...cellOf(c),
      delta: num(c.delta),
      percent: typeof c.percent === 'number' ? c.percent : null,
    })),
    repeats: list(value.repeats).map((r) => ({
      placeKey: str(r.placeKey),
      placeLabel: str(r.placeLabel),
      territoryId: str(r.territoryId),
      category: str(r.category),
      count: num(r.count),
    })),
    weekly: list(value.weekly).map((w) => ({ week: str(w.week), count: num(w.count) })),
    territories: list(value.territories).map((t) => ({
      id: str(t.id),
      name: str(t.name),
      kind: str(t.kind),
    })),
    alerts: list(value.alerts).map((a) => ({
      id: str(a.id),
      category: str(a.category),
      territoryId: str(a.territoryId),
      territoryName: str(a.territoryName),
      weekStart: str(a.weekStart),
      weekCount: num(a.weekCount),
      usualWeekly: num(a.usualWeekly),
      detectedAt: num(a.detectedAt),
    })),
  };
}

function periodQuery(period: Period): URLSearchParams {
  const query = new URLSearchParams({ period: period.kind });
  if (period.kind === 'custom') {
    query.set('from', period.from);
    query.set('to', period.to);
  }
  return query;
}

export function controlApi(api: AppealApi) {
  return {
    async dashboard(period: Period, repeatMinimum: number): Promise<ApiResult<Dashboard>> {
      const query = periodQuery(period);
      query.set('repeatMinimum', String(repeatMinimum));
      const result = await api.call('GET', `/api/v1/control/dashboard?${query}`);
      if (!result.ok) return result;
      const dashboard = parseDashboard(result.value);
      return dashboard
        ? { ok: true, value: dashboard }
        : { ok: false, error: { kind: 'server', status: 200 } };
    },
    async appeals(
      period: Period,
      cell: CellQuery,
    ): Promise<ApiResult<{ appeals: ControlAppeal[]; total: number }>> {
      const query = periodQuery(period);
      if (cell.category !== undefined) query.set('category', cell.category);
      if (cell.territoryId !== undefined) query.set('territory', cell.territoryId);
      if (cell.placeKey !== undefined) query.set('place', cell.placeKey);
      const result = await api.call('GET', `/api/v1/control/appeals?${query}`);
      if (!result.ok) return result;
      const body = isJson(result.value) ? result.value : {};
      return {
        ok: true,
        value: {
          total: num(body.total),
          appeals: list(body.appeals).map((a) => ({
            id: str(a.id),
            registrationNumber: typeof a.registrationNumber === 'string' ? a.registrationNumber : null,
            subject: str(a.subject),
            status: str(a.status),
            receivedAt: num(a.receivedAt),
          })),
        },
      };
    },
  };
}
