import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';

// End-to-end tests drive the web shell (the real renderer build, `vite preview`) in the system Chromium,
// against the real server on embedded PostgreSQL in a throwaway data folder (scripts/e2e-server.mjs).
// tests/e2e/web-shell starts its own: exactly the README's `npm run start:web` (development server).
// Beside the server, e2e-server.mjs starts the Telegram fake with a channel account of the demo
// organisation, and a control API for the chat journeys on OKNO_E2E_TELEGRAM_PORT (default 18789;
// tests/e2e/support/citizen.ts reads the same variable).
const serverPort = Number(process.env.OKNO_E2E_SERVER_PORT ?? 18787);
const webPort = Number(process.env.OKNO_E2E_WEB_PORT ?? 14173);
const serverUrl = `http://127.0.0.1:${serverPort}`;
const webUrl = `http://127.0.0.1:${webPort}`;
// Absolute: Vite resolves a relative --outDir against its root, renderer/.
const e2eBuild = path.resolve('dist/e2e-renderer');
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const launchOptions = {
  executablePath: chromium,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
};

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  // One at a time: the journeys share one demo organisation, and two in parallel raced each other on a clean machine.
  workers: 1,
  // A journey signs in one or two officials and waits for sync; on a loaded 2-core CI machine the
  // two-official journeys took 30–33 s (all their steps passing), so 30 s failed them by a hair.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL: webUrl,
    locale: 'ru-RU',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    // First, so its one long group (a web shell of its own, on the README's fixed port 5173, shared by
    // the file's journeys in order) runs beside the other journeys instead of after them.
    {
      name: 'web-shell',
      testMatch: 'web-shell/**/*.spec.ts',
      fullyParallel: false,
      use: { ...devices['Desktop Chrome'], launchOptions },
    },
    {
      name: 'chromium',
      testIgnore: 'web-shell/**',
      use: { ...devices['Desktop Chrome'], launchOptions },
    },
  ],
  webServer: [
    {
      command: 'node scripts/e2e-server.mjs',
      url: `${serverUrl}/health`,
      env: { PORT: String(serverPort), HOST: '127.0.0.1' },
      timeout: 180_000,
      reuseExistingServer: false,
      gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      // A build folder of its own: a `vite build` run meanwhile (an engineer's, or a screenshot script's)
      // empties dist/renderer, and the loaded page's search worker file then answers 404.
      command: `npx vite build --logLevel warn --outDir ${e2eBuild} && npx vite preview --outDir ${e2eBuild} --port ${webPort} --strictPort`,
      url: webUrl,
      env: { OKNO_SERVER_URL: serverUrl },
      timeout: 120_000,
      reuseExistingServer: false,
    },
  ],
});
