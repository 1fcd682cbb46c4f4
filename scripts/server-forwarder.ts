/**
 * The web shell's way to the server an official chose («Адрес сервера», renderer/features/setup).
 *
 * The window reaches its server only through its own origin (CSP `connect-src 'self'`): in Electron
 * main/os/app-protocol.ts forwards /api, /health and /ready to the remembered address; in the web
 * shell this middleware of Vite's dev and preview servers does the same for the address the tab
 * remembers (localStorage, mirrored into the SameSite=Strict cookie `okno-server`), and a probe of
 * /health names the address to check in the `x-okno-server` header. Without either, the request goes
 * on to Vite's proxy: the default server of a demo start (OKNO_SERVER_URL).
 * Plain http is forwarded only to this computer, as in main/: forwardableAddress is
 * shared/bridge/server-address.ts's checkServerUrl, restated here because a Vite config must not import
 * shared/ (see schema-validators.ts); tests/unit/scripts/server-forwarder.test.ts keeps the two equal.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { Plugin } from 'vite';

const serverPaths = /^\/(api\/v1\/|health$|ready$)/;
const serverCookie = 'okno-server';
const probeHeader = 'x-okno-server';
/** Set on the forwarder's own 502, so the window tells «unreachable» and «TLS» from a server's answer. */
const forwarderHeader = 'x-okno-forwarder';
const notForwarded = new Set([
  'host',
  'connection',
  'cookie',
  'keep-alive',
  'transfer-encoding',
  probeHeader,
]);
// Node's fetch has already decoded the body, so its encoding and length no longer hold.
const notReturned = new Set(['content-encoding', 'content-length', 'transfer-encoding', 'connection']);

/** The address to forward to (no trailing slash), or `null`: https anywhere, http only on loopback. */
export function forwardableAddress(raw: string): string | null {
  if (raw.length > 2_048) return null;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (url.username || url.password || url.search || url.hash) return null;
  const loopback =
    url.hostname === 'localhost' || url.hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(url.hostname);
  if (url.protocol === 'http:' && !loopback) return null;
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** Why fetch failed, as one header-safe line (the window classifies it: TLS or unreachable). */
function describeFailure(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth += 1) {
    parts.push(current.message, String((current as { code?: unknown }).code ?? ''));
    current = current.cause;
  }
  return (
    parts
      .join(' ')
      .replace(/[^\x20-\x7e]+/g, ' ')
      .trim()
      .slice(0, 300) || 'unreachable'
  );
}

function cookieOf(request: IncomingMessage, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) {
      try {
        return decodeURIComponent(value.join('='));
      } catch {
        return '';
      }
    }
  }
  return undefined;
}

function sendJson(response: ServerResponse, status: number, body: unknown, headers = {}): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  response.end(JSON.stringify(body));
}

async function forward(request: IncomingMessage, response: ServerResponse, next: () => void): Promise<void> {
  const path = (request.url ?? '/').split('?')[0] ?? '/';
  if (!serverPaths.test(path)) return next();
  const probed = request.headers[probeHeader];
  const probe =
    request.method === 'GET' && path === '/health' && typeof probed === 'string' ? probed : undefined;
  const chosen = probe ?? cookieOf(request, serverCookie);
  if (chosen === undefined || chosen === '') return next();
  const target = forwardableAddress(chosen);
  if (target === null) {
    sendJson(response, 400, { error: { code: 'server_address_refused', message: 'https is required' } });
    return;
  }
  const controller = new AbortController();
  response.on('close', () => controller.abort());
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined || notForwarded.has(name)) continue;
    headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
  let answer: Response;
  try {
    answer = await fetch(`${target}${request.url}`, {
      method: request.method ?? 'GET',
      headers,
      // A redirect (a misconfigured proxy) could re-send a password to a plain-http address.
      redirect: 'error',
      signal: probe ? AbortSignal.any([controller.signal, AbortSignal.timeout(10_000)]) : controller.signal,
      ...(hasBody ? { body: Readable.toWeb(request) as ReadableStream, duplex: 'half' } : {}),
    } as RequestInit);
  } catch (error) {
    if (controller.signal.aborted) return;
    sendJson(
      response,
      502,
      { error: { code: 'server_unreachable', message: 'The server cannot be reached' } },
      { [forwarderHeader]: describeFailure(error) },
    );
    return;
  }
  const returned: Record<string, string> = {};
  answer.headers.forEach((value, name) => {
    if (!notReturned.has(name)) returned[name] = value;
  });
  response.writeHead(answer.status, returned);
  if (!answer.body) {
    response.end();
    return;
  }
  Readable.fromWeb(answer.body as import('node:stream/web').ReadableStream)
    .on('error', () => response.destroy())
    .pipe(response);
}

export function serverForwarder(): Plugin {
  const middleware = (request: IncomingMessage, response: ServerResponse, next: () => void) => {
    forward(request, response, next).catch(() => {
      if (!response.headersSent)
        sendJson(response, 502, { error: { code: 'server_unreachable', message: '' } });
      else response.destroy();
    });
  };
  return {
    name: 'okno-server-forwarder',
    configureServer: (server) => {
      server.middlewares.use(middleware);
    },
    configurePreviewServer: (server) => {
      server.middlewares.use(middleware);
    },
  };
}
