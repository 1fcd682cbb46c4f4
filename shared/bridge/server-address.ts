/**
 * The central server a desktop talks to. Bearer tokens, refresh tokens and revealed passports travel to
 * it, so plain http is allowed only where the traffic never leaves this computer (127.0.0.0/8, ::1,
 * localhost — the embedded server of `npm start`); any other host needs https.
 *
 * A desktop finds its server by the address the official typed on the first start (remembered by
 * main/ in the userData folder, by the web shell in localStorage); a demo build may carry a default
 * (OKNO_SERVER_URL at build or start time) which an explicit choice overrides.
 */

/**
 * WHATWG URL, present everywhere shared/ runs (the window, Electron's main process, Node); declared
 * here because shared/ compiles without DOM or Node types.
 */
declare const URL: new (
  input: string,
) => Readonly<
  Record<
    'protocol' | 'hostname' | 'username' | 'password' | 'search' | 'hash' | 'origin' | 'pathname',
    string
  >
>;

export type ServerUrlProblem = 'invalid' | 'insecure-remote';
export type ServerUrlCheck = { ok: true; url: string } | { ok: false; problem: ServerUrlProblem };

/** Longest address accepted anywhere (typed, remembered or sent over the bridge). */
export const maxServerAddressLength = 2_048;

/** The HTTP API generation this desktop speaks (`/api/v1/…`); /health names the server's. */
const supportedServerApi = 1;

/** A hostname as WHATWG URL gives it (IPv4 canonical, IPv6 in brackets, names lower-cased). */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/** The address as the app will use it (no trailing slash), or why it may not be used. */
export function checkServerUrl(raw: string): ServerUrlCheck {
  if (raw.length > maxServerAddressLength) return { ok: false, problem: 'invalid' };
  let url: InstanceType<typeof URL>;
  try {
    url = new URL(raw.trim());
  } catch {
    return { ok: false, problem: 'invalid' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, problem: 'invalid' };
  if (url.username || url.password || url.search || url.hash) return { ok: false, problem: 'invalid' };
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname))
    return { ok: false, problem: 'insecure-remote' };
  return { ok: true, url: `${url.origin}${url.pathname.replace(/\/+$/, '')}` };
}

/** Why an address was not accepted on the «Адрес сервера» screen. */
export type ServerCheckProblem =
  | ServerUrlProblem
  /** Nothing answered (no route, refused, timed out, name not found). */
  | 'unreachable'
  /** The https connection failed: untrusted, expired or mismatched certificate, broken handshake. */
  | 'tls'
  /** Something answered, but not an Okno server (another site, a proxy's page). */
  | 'not-okno'
  /** An Okno server of another API generation (or one too old to name it). */
  | 'incompatible';

export type ServerCheck =
  | { readonly ok: true; readonly address: string; readonly version: string }
  | { readonly ok: false; readonly problem: ServerCheckProblem; readonly serverVersion?: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * What a server's /health answer says about it. An Okno server answers `{ status: 'ok', service:
 * 'okno', version, api }` (server/src/http/health.ts); one from before the version field answers only
 * `{ status: 'ok' }` and is too old for this desktop.
 */
export function judgeHealth(address: string, status: number, body: unknown): ServerCheck {
  if (status !== 200 || !isRecord(body) || body.status !== 'ok') return { ok: false, problem: 'not-okno' };
  if (body.service !== undefined && body.service !== 'okno') return { ok: false, problem: 'not-okno' };
  const version = typeof body.version === 'string' ? body.version.slice(0, 64) : undefined;
  if (body.service !== 'okno' || version === undefined || body.api !== supportedServerApi)
    return { ok: false, problem: 'incompatible', ...(version ? { serverVersion: version } : {}) };
  return { ok: true, address, version };
}

/**
 * A failed connection as `fetch` reports it: Chromium's net errors (Electron's net.fetch) name the
 * certificate or SSL failure in the message, Node's (undici) in the cause's code.
 */
export function connectionProblemOf(error: unknown): 'tls' | 'unreachable' {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth += 1) {
    if (current instanceof Error)
      parts.push(current.message, String((current as { code?: unknown }).code ?? ''));
    else parts.push(String(current));
    current = isRecord(current) || current instanceof Error ? (current as { cause?: unknown }).cause : null;
  }
  const text = parts.join(' ');
  return /ERR_CERT|ERR_SSL|CERT_|SSL|TLS|certificate|self[- ]signed|UNABLE_TO_VERIFY|ERR_BAD_SSL/i.test(text)
    ? 'tls'
    : 'unreachable';
}

/**
 * Checks an address as the «Адрес сервера» screen does: its form first (https, or http on loopback),
 * then its /health over the network. `get` fetches one URL (Electron's net.fetch in main/, Node's
 * fetch in the web shell's forwarder) and must not follow redirects.
 */
export async function probeServer(
  raw: string,
  get: (url: string) => Promise<{ status: number; json(): Promise<unknown> }>,
): Promise<ServerCheck> {
  const form = checkServerUrl(raw);
  if (!form.ok) return { ok: false, problem: form.problem };
  let response: { status: number; json(): Promise<unknown> };
  try {
    response = await get(`${form.url}/health`);
  } catch (error) {
    return { ok: false, problem: connectionProblemOf(error) };
  }
  const body = await response.json().catch(() => null);
  return judgeHealth(form.url, response.status, body);
}
