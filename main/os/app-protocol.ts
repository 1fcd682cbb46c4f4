import { extname, normalize, sep } from 'node:path';
import { checkServerUrl } from '../../shared/bridge/server-address';
import { contentSecurityPolicy } from '../security/content-security-policy';

/** Paths the window may reach on the central server; everything else is the app's own files. */
const serverPaths = /^\/(api\/|health$|ready$)/;

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
};

export interface AppProtocolDeps {
  /** Absolute path of the built renderer (dist/renderer). */
  readonly rendererDir: string;
  /**
   * The central server now, e.g. https://okno.city.example (http only on this computer), or `null`
   * before the official has chosen one (main/os/server-settings.ts). Read on every request: after
   * «Сменить сервер» the next request goes to the new address.
   */
  readonly serverUrl: () => string | null;
  /** Electron's net.fetch (Chromium's network stack: system proxy and certificates). */
  readonly fetch: (input: string, init?: RequestInit & { duplex?: 'half' }) => Promise<Response>;
  readonly readFile: (path: string) => Promise<Uint8Array<ArrayBuffer>>;
  /** This desktop's version, sent to the server as `X-Okno-Version` (the supervisor's list of desktops). */
  readonly appVersion?: string;
}

/**
 * Serves `app://okno/…`: the built renderer, and — under the same origin — the server's /api, /health
 * and /ready, forwarded as they are (streams included). The window thus needs no CORS and its CSP can
 * say `connect-src 'self'`, exactly as in the web shell behind Vite's proxy.
 * Refuses to forward to an address it must not use (plain http to another host): main/ checks every
 * address first and explains; this is the last line, so no token ever leaves in clear text.
 */
export function createAppRequestHandler(deps: AppProtocolDeps): (request: Request) => Promise<Response> {
  const root = normalize(deps.rendererDir + sep);
  const noServer = (code: string, message: string) =>
    new Response(JSON.stringify({ error: { code, message } }), {
      status: 503,
      headers: { 'Content-Type': 'application/json' },
    });

  async function serveFile(pathname: string): Promise<Response> {
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      return new Response('Bad request', { status: 400 }); // a malformed %-escape, e.g. /%E0%A4%A
    }
    const relative = decoded.replace(/^\/+/, '') || 'index.html';
    const file = normalize(root + relative);
    if (!file.startsWith(root)) return new Response('Not found', { status: 404 });
    try {
      const body = await deps.readFile(file);
      return new Response(body, {
        headers: {
          'Content-Type': contentTypes[extname(file).toLowerCase()] ?? 'application/octet-stream',
          'Content-Security-Policy': contentSecurityPolicy,
          'X-Content-Type-Options': 'nosniff',
        },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  }

  return async (request) => {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return new Response('Bad request', { status: 400 });
    }
    if (!serverPaths.test(url.pathname)) return serveFile(url.pathname);
    const address = deps.serverUrl();
    if (address === null) return noServer('server_not_chosen', 'No server address has been chosen yet');
    const server = checkServerUrl(address);
    if (!server.ok)
      return noServer('server_address_refused', `The server address is refused (${server.problem})`);
    const serverUrl = server.url;
    const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
    const headers = new Headers(request.headers);
    if (deps.appVersion) headers.set('x-okno-version', deps.appVersion);
    try {
      return await deps.fetch(`${serverUrl}${url.pathname}${url.search}`, {
        method: request.method,
        headers,
        // The server never redirects; a redirect (a misconfigured proxy) could re-send a login or a
        // passport to a plain-http address, so it fails like an unreachable server instead.
        redirect: 'error',
        ...(hasBody ? { body: request.body, duplex: 'half' as const } : {}),
      });
    } catch {
      return new Response('The server cannot be reached', { status: 502 });
    }
  };
}
