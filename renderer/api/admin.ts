/**
 * The administrator's calls (server/src/admin/routes.ts): staff, departments and «Журнал
 * администратора». Answers are read without trusting them; errors are values (ApiResult).
 */
import type { ApiResult, AppealApi } from './client';

type Json = Record<string, unknown>;
const isJson = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const num = (value: unknown): number => (typeof value === 'number' ? value : 0);
const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

export interface AdminUser {
  readonly id: string;
  readonly login: string;
  readonly displayName: string;
  readonly position: string;
  readonly phone: string;
  readonly role: string;
  readonly departmentIds: readonly string[];
  readonly disabled: boolean;
  readonly activeSessions: number;
}

export interface AdminDepartment {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly disabled: boolean;
  readonly staff: number;
  readonly openAppeals: number;
}

export interface ActiveSession {
  readonly id: string;
  readonly deviceId: string | null;
  readonly createdAt: number;
  readonly lastUsedAt: number;
}

export interface JournalEntry {
  readonly id: string;
  readonly at: number;
  readonly action: string;
  readonly entityLabel: string | null;
  readonly actorId: string | null;
  readonly actorName: string | null;
  readonly fields: Readonly<Record<string, { readonly old: unknown; readonly new: unknown }>>;
  readonly details: Readonly<Record<string, unknown>>;
}

export const journalKinds = [
  'users',
  'departments',
  'channels',
  'organisation',
  'updates',
  'templates',
] as const;
export type JournalKind = (typeof journalKinds)[number];

export interface JournalFilters {
  readonly from?: number;
  readonly to?: number;
  readonly kind?: JournalKind;
  readonly actorId?: string;
  readonly before?: string;
}

export const channelNetworks = ['telegram', 'vk', 'max', 'ok', 'email', 'portal'] as const;
export type ChannelNetwork = (typeof channelNetworks)[number];

/** A channel account as the server shows it to an administrator: secrets only as «set or not». */
export interface AdminChannel {
  readonly id: string;
  readonly network: ChannelNetwork;
  readonly accountId: string;
  readonly title: string;
  readonly mode: 'webhook' | 'polling';
  readonly apiBaseUrl: string;
  readonly defaultDepartmentId: string;
  readonly enabled: boolean;
  readonly hasToken: boolean;
  readonly webhookPath: string | null;
  /** A mailbox's IMAP settings, the password only as «set or not». */
  readonly imap: MailboxImap | null;
  /** OK: the REST credentials the comment poller signs with, each only as «set or not» (issue 13). */
  readonly okRest: OkRestKeys | null;
  /** OK: what the comment poller met last (OK's code and words), null when it went well. */
  readonly commentsError: string | null;
  readonly commentsPolledAt: string | null;
}

export interface OkRestKeys {
  readonly hasApplicationKey: boolean;
  readonly hasApplicationSecretKey: boolean;
  readonly hasAccessToken: boolean;
}

export interface MailboxImap {
  readonly host: string;
  readonly port: number;
  readonly tls: boolean;
  readonly user: string;
  readonly hasPassword: boolean;
}

/** What the form sends; an empty `token` keeps the stored one (the server never shows it back). */
export interface ChannelCard {
  readonly title?: string;
  readonly mode?: 'webhook' | 'polling';
  readonly apiBaseUrl?: string;
  readonly token?: string;
  readonly defaultDepartmentId?: string;
  readonly enabled?: boolean;
  /** A mailbox's IMAP login; an empty password keeps the stored one. OK: the REST keys, empty keeps. */
  readonly settings?: {
    readonly imap?: { host: string; port: number; tls: boolean; user: string; password: string };
    readonly rest?: { applicationKey: string; applicationSecretKey: string; accessToken: string };
  };
}

/** The answer of «Проверить подключение»: a code of `admin:channels.check`, the network's words. */
export interface ChannelCheck {
  readonly ok: boolean;
  readonly code: string;
  readonly name: string;
  readonly detail: string;
}

function parseChannel(value: unknown): AdminChannel | null {
  if (!isJson(value) || !str(value.id)) return null;
  const network = channelNetworks.find((n) => n === value.network);
  if (!network) return null;
  return {
    id: str(value.id),
    network,
    accountId: str(value.accountId),
    title: str(value.title),
    mode: value.mode === 'polling' ? 'polling' : 'webhook',
    apiBaseUrl: str(value.apiBaseUrl),
    defaultDepartmentId: str(value.defaultDepartmentId),
    enabled: value.enabled === true,
    hasToken: value.hasToken === true,
    webhookPath: str(value.webhookPath) || null,
    imap: parseImap(isJson(value.settings) ? value.settings.imap : null),
    okRest: parseOkRest(isJson(value.settings) ? value.settings.rest : null),
    commentsError: str(value.commentsError) || null,
    commentsPolledAt: str(value.commentsPolledAt) || null,
  };
}

function parseOkRest(value: unknown): OkRestKeys | null {
  if (!isJson(value)) return null;
  return {
    hasApplicationKey: str(value.applicationKey) !== '',
    hasApplicationSecretKey: str(value.applicationSecretKey) !== '',
    hasAccessToken: str(value.accessToken) !== '',
  };
}

function parseImap(value: unknown): MailboxImap | null {
  if (!isJson(value)) return null;
  return {
    host: str(value.host),
    port: num(value.port),
    tls: value.tls !== false,
    user: str(value.user),
    hasPassword: str(value.password) !== '',
  };
}

function parseCheck(value: unknown): ChannelCheck | null {
  if (!isJson(value) || !str(value.code)) return null;
  return { ok: value.ok === true, code: str(value.code), name: str(value.name), detail: str(value.detail) };
}

export interface UserCard {
  readonly displayName: string;
  readonly position: string;
  readonly phone: string;
  readonly role: string;
  readonly departmentIds: readonly string[];
}

export function parseAdminUser(value: unknown): AdminUser | null {
  if (!isJson(value) || !str(value.id)) return null;
  return {
    id: str(value.id),
    login: str(value.login),
    displayName: str(value.displayName),
    position: str(value.position),
    phone: str(value.phone),
    role: str(value.role),
    departmentIds: strings(value.departmentIds),
    disabled: value.disabled === true,
    activeSessions: num(value.activeSessions),
  };
}

function parseDepartment(value: unknown): AdminDepartment | null {
  if (!isJson(value) || !str(value.id)) return null;
  return {
    id: str(value.id),
    code: str(value.code),
    name: str(value.name),
    disabled: value.disabled === true,
    staff: num(value.staff),
    openAppeals: num(value.openAppeals),
  };
}

export function parseJournalEntry(value: unknown): JournalEntry | null {
  if (!isJson(value) || !str(value.id) || !str(value.action)) return null;
  const fields: Record<string, { old: unknown; new: unknown }> = {};
  if (isJson(value.fields)) {
    for (const [name, change] of Object.entries(value.fields)) {
      if (isJson(change)) fields[name] = { old: change.old ?? null, new: change.new ?? null };
    }
  }
  return {
    id: str(value.id),
    at: num(value.at),
    action: str(value.action),
    entityLabel: str(value.entityLabel) || null,
    actorId: str(value.actorId) || null,
    actorName: str(value.actorName) || null,
    fields,
    details: isJson(value.details) ? value.details : {},
  };
}

function listOf<T>(result: ApiResult<unknown>, key: string, parse: (v: unknown) => T | null): ApiResult<T[]> {
  if (!result.ok) return result;
  const list = isJson(result.value) && Array.isArray(result.value[key]) ? result.value[key] : [];
  return { ok: true, value: (list as unknown[]).flatMap((entry) => parse(entry) ?? []) };
}

function oneOf<T>(result: ApiResult<unknown>, key: string, parse: (v: unknown) => T | null): ApiResult<T> {
  if (!result.ok) return result;
  const value = isJson(result.value) ? parse(result.value[key]) : null;
  return value ? { ok: true, value } : { ok: false, error: { kind: 'server', status: 200 } };
}

/** The query of a journal page (`GET /api/v1/admin/journal`). */
function journalPath(filters: JournalFilters, limit = 100): string {
  const params = new URLSearchParams({ limit: String(limit) });
  for (const [key, value] of Object.entries(filters)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  return `/api/v1/admin/journal?${params.toString()}`;
}

const userPath = (id: string, rest = '') => `/api/v1/admin/users/${encodeURIComponent(id)}${rest}`;

export function adminApi(api: AppealApi) {
  return {
    async users(): Promise<ApiResult<AdminUser[]>> {
      return listOf(await api.call('GET', '/api/v1/admin/users'), 'users', parseAdminUser);
    },
    /** The new user, and the password the server made up (shown once) when none was given. */
    async createUser(
      card: UserCard & { login: string; password: string },
    ): Promise<ApiResult<{ user: AdminUser; password: string | null }>> {
      const { password, ...rest } = card;
      const result = await api.call('POST', '/api/v1/admin/users', password ? card : rest);
      const user = oneOf(result, 'user', parseAdminUser);
      if (!user.ok || !result.ok)
        return user.ok ? { ok: false, error: { kind: 'server', status: 200 } } : user;
      const given = isJson(result.value) ? str(result.value.password) : '';
      return { ok: true, value: { user: user.value, password: given || null } };
    },
    async updateUser(
      id: string,
      change: Partial<UserCard> & { disabled?: boolean },
    ): Promise<ApiResult<AdminUser>> {
      return oneOf(await api.call('PATCH', userPath(id), change), 'user', parseAdminUser);
    },
    /** A new password made up by the server, shown once. */
    async resetPassword(id: string): Promise<ApiResult<string>> {
      const result = await api.call('POST', userPath(id, '/password'), {});
      if (!result.ok) return result;
      const password = isJson(result.value) ? str(result.value.password) : '';
      return password ? { ok: true, value: password } : { ok: false, error: { kind: 'server', status: 200 } };
    },
    async sessions(id: string): Promise<ApiResult<ActiveSession[]>> {
      return listOf(await api.call('GET', userPath(id, '/sessions')), 'sessions', (value) =>
        isJson(value) && str(value.id)
          ? {
              id: str(value.id),
              deviceId: str(value.deviceId) || null,
              createdAt: num(value.createdAt),
              lastUsedAt: num(value.lastUsedAt),
            }
          : null,
      );
    },
    /** Ends one session, or all of the user's; answers how many ended. */
    async endSessions(id: string, sessionId?: string): Promise<ApiResult<number>> {
      const result = await api.call('POST', userPath(id, '/sessions/end'), sessionId ? { sessionId } : {});
      if (!result.ok) return result;
      return { ok: true, value: isJson(result.value) ? num(result.value.ended) : 0 };
    },
    async departments(): Promise<ApiResult<AdminDepartment[]>> {
      return listOf(await api.call('GET', '/api/v1/admin/departments'), 'departments', parseDepartment);
    },
    async createDepartment(code: string, name: string): Promise<ApiResult<AdminDepartment>> {
      const result = await api.call('POST', '/api/v1/admin/departments', { code, name });
      return oneOf(result, 'department', parseDepartment);
    },
    async updateDepartment(
      id: string,
      change: { name?: string; disabled?: boolean },
    ): Promise<ApiResult<AdminDepartment>> {
      const path = `/api/v1/admin/departments/${encodeURIComponent(id)}`;
      return oneOf(await api.call('PATCH', path, change), 'department', parseDepartment);
    },
    async channels(): Promise<ApiResult<AdminChannel[]>> {
      return listOf(await api.call('GET', '/api/v1/admin/channels'), 'channels', parseChannel);
    },
    async createChannel(
      card: ChannelCard & { network: ChannelNetwork; accountId: string },
    ): Promise<ApiResult<AdminChannel>> {
      return oneOf(await api.call('POST', '/api/v1/admin/channels', card), 'channel', parseChannel);
    },
    async updateChannel(id: string, change: ChannelCard): Promise<ApiResult<AdminChannel>> {
      const path = `/api/v1/admin/channels/${encodeURIComponent(id)}`;
      return oneOf(await api.call('PATCH', path, change), 'channel', parseChannel);
    },
    async checkChannel(id: string): Promise<ApiResult<ChannelCheck>> {
      const path = `/api/v1/admin/channels/${encodeURIComponent(id)}/check`;
      return oneOf(await api.call('POST', path, {}), 'check', parseCheck);
    },
    async journal(
      filters: JournalFilters,
    ): Promise<ApiResult<{ entries: JournalEntry[]; next: string | null }>> {
      const result = await api.call('GET', journalPath(filters));
      const entries = listOf(result, 'entries', parseJournalEntry);
      if (!entries.ok || !result.ok)
        return entries.ok ? { ok: false, error: { kind: 'server', status: 200 } } : entries;
      const next = isJson(result.value) ? str(result.value.next) || null : null;
      return { ok: true, value: { entries: entries.value, next } };
    },
  };
}

export type AdminApi = ReturnType<typeof adminApi>;
