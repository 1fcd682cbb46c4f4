/**
 * The central server the window talks to (OKNO_SERVER_URL). Bearer tokens, refresh tokens and revealed
 * passports travel to it, so plain http is allowed only where the traffic never leaves this computer
 * (127.0.0.0/8, ::1, localhost — the embedded server of `npm start`); any other host needs https.
 */
export const defaultServerUrl = 'http://127.0.0.1:8787';

export type ServerUrlProblem = 'invalid' | 'insecure-remote';
export type ServerUrlCheck = { ok: true; url: string } | { ok: false; problem: ServerUrlProblem };

/** A hostname as WHATWG URL gives it (IPv4 canonical, IPv6 in brackets, names lower-cased). */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/** The address as the app will use it (no trailing slash), or why it may not be used. */
export function checkServerUrl(raw: string): ServerUrlCheck {
  let url: URL;
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
