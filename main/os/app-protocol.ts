import { extname, normalize, sep } from 'node:path';
import { contentSecurityPolicy } from '../security/content-security-policy';
import { checkServerUrl } from '../security/server-url';

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
  /** The central server, e.g. http://127.0.0.1:8787; https for any host but this computer. */
  readonly serverUrl: string;
  /** Electron's net.fetch (Chromium's network stack: system proxy and certificates). */
  readonly fetch: (input: string, init?: RequestInit & { duplex?: 'half' }) => Promise<Response>;
  readonly readFile: (path: string) => Promise<Uint8Array<ArrayBuffer>>;
}

/**
 * Serves `app://okno/…`: the built renderer, and — under the same origin — the server's /api, /health
 * and /ready, forwarded as they are (streams included). The window thus needs no CORS and its CSP can
 * say `connect-src 'self'`, exactly as in the web shell behind Vite's proxy.
 * Throws for a server address it must not forward to (plain http to another host): main.ts checks
 * first and explains; this is the last line, so no token ever leaves in clear text.
 */
export function createAppRequestHandler(deps: AppProtocolDeps): (request: Request) => Promise<Response> {
  const root = normalize(deps.rendererDir + sep);
  const server = checkServerUrl(deps.serverUrl);
  if (!server.ok) throw new Error(`okno: refusing the server address ${deps.serverUrl} (${server.problem})`);
  const serverUrl = server.url;

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
    const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
    try {
      return await deps.fetch(`${serverUrl}${url.pathname}${url.search}`, {
        method: request.method,
        headers: request.headers,
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
