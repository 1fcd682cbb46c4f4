import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { schemaValidators } from './scripts/schema-validators.js';
import { serverForwarder } from './scripts/server-forwarder.js';

// The web shell and the Electron window load the same renderer build (dist/renderer). The window
// reaches the server through its own origin: /api, /health and /ready are forwarded to the address the
// official chose (scripts/server-forwarder.ts), else to OKNO_SERVER_URL — the demo default — here, and
// by the app:// protocol handler in main/ for the Electron window.
const root = fileURLToPath(new URL('./renderer', import.meta.url));
const outDir = fileURLToPath(new URL('./dist/renderer', import.meta.url));
const version = (
  JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string }
).version;
const serverUrl = process.env.OKNO_SERVER_URL ?? 'http://127.0.0.1:8787';
// '/api/v1/', not '/api': in development Vite serves the renderer's own modules by path, and
// renderer/api/client.ts is requested as /api/client.ts — it must not be sent to the server.
const proxy = Object.fromEntries(
  ['/api/v1/', '/health', '/ready'].map((path) => [path, { target: serverUrl }]),
);

/**
 * The dev server (HMR) injects an inline React Refresh preamble, which the strict CSP of index.html
 * forbids. Only while serving in development is inline script allowed; builds keep `script-src 'self'`.
 */
function relaxCspForDevServer(): Plugin {
  return {
    name: 'okno-dev-csp',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'"),
  };
}

export default defineConfig({
  root,
  base: '/',
  plugins: [react(), relaxCspForDevServer(), schemaValidators(), serverForwarder()],
  define: {
    'import.meta.env.VITE_OKNO_VERSION': JSON.stringify(version),
    // The demo default the web shell offers; an installed desktop asks main/ and has none.
    'import.meta.env.VITE_OKNO_SERVER_URL': JSON.stringify(serverUrl),
  },
  // One bundle is fine: the window loads it from disk (Electron) or localhost, never over a slow link.
  build: { outDir, emptyOutDir: true, sourcemap: true, target: 'chrome130', chunkSizeWarningLimit: 4000 },
  // Warm-up: the dev server transforms the renderer's module graph as it starts, not on the first
  // page load (which otherwise spent over 10 s on a loaded 2-core machine before the local database opened).
  server: { host: '127.0.0.1', port: 5173, strictPort: true, proxy, warmup: { clientFiles: ['./main.tsx'] } },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true, proxy },
});
