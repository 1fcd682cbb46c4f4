/**
 * The desktops of the organisation by version and last sync (`GET /api/v1/updates/desktops`,
 * server/src/updates/feed-routes.ts): supervisors and administrators. Answers are read without
 * trusting them; errors are values (ApiResult).
 */
import type { ApiResult, AppealApi } from './client';

export interface DesktopVersion {
  readonly deviceKey: string;
  readonly userName: string | null;
  readonly version: string;
  readonly platform: 'win' | 'linux' | null;
  /** epoch ms */
  readonly lastSeenAt: number;
  readonly lastSyncAt: number | null;
}

type Json = Record<string, unknown>;
const isJson = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function parseDesktop(value: unknown): DesktopVersion | null {
  if (!isJson(value) || typeof value.deviceKey !== 'string' || typeof value.version !== 'string') return null;
  if (typeof value.lastSeenAt !== 'number') return null;
  return {
    deviceKey: value.deviceKey,
    userName: typeof value.userName === 'string' ? value.userName : null,
    version: value.version,
    platform: value.platform === 'win' || value.platform === 'linux' ? value.platform : null,
    lastSeenAt: value.lastSeenAt,
    lastSyncAt: typeof value.lastSyncAt === 'number' ? value.lastSyncAt : null,
  };
}

export async function desktopVersions(api: AppealApi): Promise<ApiResult<DesktopVersion[]>> {
  const result = await api.call('GET', '/api/v1/updates/desktops');
  if (!result.ok) return result;
  const list = isJson(result.value) && Array.isArray(result.value.desktops) ? result.value.desktops : [];
  return { ok: true, value: (list as unknown[]).flatMap((entry) => parseDesktop(entry) ?? []) };
}

/** Newest version first (1.10.0 above 1.9.0), then the desktop seen most recently. */
export function byVersion(a: DesktopVersion, b: DesktopVersion): number {
  return b.version.localeCompare(a.version, 'en', { numeric: true }) || b.lastSeenAt - a.lastSeenAt;
}
