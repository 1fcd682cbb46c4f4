/**
 * The desktops of the organisation by version and last sync (`GET /api/v1/updates/desktops`,
 * server/src/updates/feed-routes.ts): supervisors and administrators. Answers are read without
 * trusting them; errors are values (ApiResult).
 */
import type { ApiFailure, ApiResult, AppealApi, TokenSource } from './client';
import { signedInFetch } from './signed-in-fetch';

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

/** A release of the desktop app on the organisation's server (`/api/v1/admin/releases`, administrators). */
export interface DesktopRelease {
  readonly id: string;
  readonly version: string;
  readonly channel: string;
  readonly platforms: readonly string[];
  readonly files: readonly { readonly name: string; readonly size: number }[];
  readonly rolloutPercent: number;
  readonly rolloutDepartmentIds: readonly string[];
  readonly uploadedAt: number;
  readonly withdrawnAt: number | null;
}

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

function parseRelease(value: unknown): DesktopRelease | null {
  if (!isJson(value) || typeof value.id !== 'string' || typeof value.version !== 'string') return null;
  const files = Array.isArray(value.files) ? value.files : [];
  return {
    id: value.id,
    version: value.version,
    channel: typeof value.channel === 'string' ? value.channel : 'latest',
    platforms: strings(value.platforms),
    files: files.flatMap((file) =>
      isJson(file) && typeof file.name === 'string' && typeof file.size === 'number'
        ? [{ name: file.name, size: file.size }]
        : [],
    ),
    rolloutPercent: typeof value.rolloutPercent === 'number' ? value.rolloutPercent : 100,
    rolloutDepartmentIds: strings(value.rolloutDepartmentIds),
    uploadedAt: typeof value.uploadedAt === 'number' ? value.uploadedAt : 0,
    withdrawnAt: typeof value.withdrawnAt === 'number' ? value.withdrawnAt : null,
  };
}

function releaseOf(result: ApiResult<unknown>): ApiResult<DesktopRelease> {
  if (!result.ok) return result;
  const release = isJson(result.value) ? parseRelease(result.value.release) : null;
  return release ? { ok: true, value: release } : { ok: false, error: { kind: 'server', status: 200 } };
}

export interface RolloutChange {
  readonly rolloutPercent?: number;
  readonly rolloutDepartments?: readonly string[];
}

/**
 * The administrator's releases. A file goes up as bare bytes (`upload`, the client's one raw upload);
 * the release is then published from the uploads, and the server checks every file against latest*.yml.
 */
export function releasesApi(
  api: AppealApi,
  upload: (path: string, file: Blob) => Promise<ApiResult<unknown>>,
) {
  return {
    async list(): Promise<ApiResult<DesktopRelease[]>> {
      const result = await api.call('GET', '/api/v1/admin/releases');
      if (!result.ok) return result;
      const list = isJson(result.value) && Array.isArray(result.value.releases) ? result.value.releases : [];
      return { ok: true, value: (list as unknown[]).flatMap((entry) => parseRelease(entry) ?? []) };
    },
    async publish(files: readonly File[], rollout: RolloutChange): Promise<ApiResult<DesktopRelease>> {
      const uploads: { uploadId: string; name: string }[] = [];
      for (const file of files) {
        const result = await upload(
          `/api/v1/admin/releases/uploads?name=${encodeURIComponent(file.name)}`,
          file,
        );
        if (!result.ok) return result;
        const id = isJson(result.value) && isJson(result.value.upload) ? result.value.upload.id : null;
        if (typeof id !== 'string') return { ok: false, error: { kind: 'server', status: 200 } };
        uploads.push({ uploadId: id, name: file.name });
      }
      return releaseOf(await api.call('POST', '/api/v1/admin/releases', { files: uploads, ...rollout }));
    },
    async rollout(id: string, change: RolloutChange): Promise<ApiResult<DesktopRelease>> {
      return releaseOf(await api.call('PATCH', `/api/v1/admin/releases/${encodeURIComponent(id)}`, change));
    },
    async withdraw(id: string): Promise<ApiResult<DesktopRelease>> {
      return releaseOf(
        await api.call('POST', `/api/v1/admin/releases/${encodeURIComponent(id)}/withdraw`, {}),
      );
    },
  };
}

/**
 * A release file as bare bytes, signed in through `tokens` (a 401 refreshes once and repeats, as the
 * API client does). Installers are large: the browser streams the File, nothing is read into memory.
 */
export function releaseUpload(tokens: TokenSource) {
  return async (path: string, file: Blob): Promise<ApiResult<unknown>> => {
    const response = await signedInFetch((input, init) => fetch(input, init), tokens, path, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: file,
    });
    if (!response || [502, 503, 504].includes(response.status))
      return { ok: false, error: { kind: 'network' } };
    const body: unknown = await response.json().catch(() => null);
    if (response.ok) return { ok: true, value: body };
    if (response.status === 401) return { ok: false, error: { kind: 'unauthorized' } };
    const code =
      isJson(body) && isJson(body.error) && typeof body.error.code === 'string' ? body.error.code : null;
    const failure: ApiFailure = { kind: 'server', status: response.status, ...(code ? { code } : {}) };
    return { ok: false, error: failure };
  };
}
