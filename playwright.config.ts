import { defineConfig, devices } from '@playwright/test';

// End-to-end tests drive the web shell (the real renderer build, `vite preview`) in the system Chromium,
// against the real server on embedded PostgreSQL in a throwaway data folder (scripts/e2e-server.mjs).
const serverPort = Number(process.env.OKNO_E2E_SERVER_PORT ?? 18787);
const webPort = Number(process.env.OKNO_E2E_WEB_PORT ?? 14173);
const serverUrl = `http://127.0.0.1:${serverPort}`;
const webUrl = `http://127.0.0.1:${webPort}`;
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  workers: 2,
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
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath: chromium,
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
          ],
        },
      },
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
      command: `npx vite build --logLevel warn && npx vite preview --port ${webPort} --strictPort`,
      url: webUrl,
      env: { OKNO_SERVER_URL: serverUrl },
      timeout: 120_000,
      reuseExistingServer: false,
    },
  ],
});
