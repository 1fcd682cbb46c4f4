import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type Page, test } from '@playwright/test';
import { demoHint } from '../../../server/src/accounts/seed-demo';

// The README's web shell, started by exactly the command it names: the development server (Vite, HMR)
// with the server on embedded PostgreSQL and the demo organisation. The other journeys run the
// production preview, so they could not see the development build break (the CSP refused its eval).
// Only DATA_DIR (a throwaway folder) and PORT (a free one, so a developer's own server on 8787 is left
// alone) differ from a fresh checkout; the app is at the README's fixed http://127.0.0.1:5173, so
// this file's journeys share one web shell, in order (playwright.config.ts, project `web-shell`).
const readmeCommand = ['npm', ['run', 'start:web']] as const;
const webShellUrl = 'http://127.0.0.1:5173';
const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

test.use({ baseURL: webShellUrl });

interface WebShell {
  readonly process: ChildProcess;
  readonly dataDir: string;
  readonly serverUrl: string;
  readonly output: string[];
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

let shell: WebShell | undefined;

test.beforeAll(async ({ browser }) => {
  // Embedded PostgreSQL initialised, demo data seeded, the renderer compiled on first request.
  test.setTimeout(240_000);
  if (await answers(webShellUrl)) {
    throw new Error(`${webShellUrl} is already taken (a running \`npm run start:web\`?); stop it first.`);
  }
  shell = startWebShell(await freePort());
  await waitUntil(() => answers(webShellUrl), shell, 180_000);
  // The first page load compiles the renderer; do it once here, not inside the first journey.
  const page = await browser.newPage();
  await page.goto('/');
  await expect(page.getByLabel('Логин')).toBeVisible({ timeout: 120_000 });
  await page.close();
});

test.afterAll(async () => {
  if (shell) await stopWebShell(shell);
});

test('npm run start:web announces the web shell at the README’s address and the demo accounts', async () => {
  const output = shell!.output.join('');
  expect(output).toContain(`web shell: ${webShellUrl}`);
  for (const { login } of demoHint.accounts) expect(output).toContain(login);
  expect(output).toContain(`password for all: ${demoHint.password}`);
});

for (const account of demoHint.accounts) {
  test(`${account.login} signs in from the login screen's demo accounts and sees the inbox with the demo appeals`, async ({
    page,
  }) => {
    await signInFromDemoHint(page, account.login);
    await expect(page.getByTestId('user-name')).toHaveText(account.fullName);
    // The demo appeals arrive through sync, each write validated by the local database.
    await expect(page.getByTestId('inbox-row').first()).toBeVisible();
  });
}

test('Ctrl+C stops the web shell, the server and its embedded PostgreSQL', async () => {
  const running = shell!;
  const groups = processGroupsUnder(running.process.pid!);
  process.kill(-running.process.pid!, 'SIGINT');
  await running.exit;
  // npm ends at once on Ctrl+C; scripts/start.mjs goes on stopping what it started.
  await expect.poll(() => groups.filter(isAlive), { timeout: 30_000 }).toEqual([]);
  expect(await answers(webShellUrl)).toBe(false);
  expect(await answers(`${running.serverUrl}/health`)).toBe(false);
  // PostgreSQL removes its pid file only when it shuts down cleanly.
  expect(existsSync(join(running.dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
});

async function signInFromDemoHint(page: Page, login: string): Promise<void> {
  await page.goto('/');
  await page
    .getByTestId('demo-accounts')
    .getByRole('button', { name: `Подставить учётную запись ${login}` })
    .click();
  await expect(page.getByLabel('Логин')).toHaveValue(login);
  await page.getByRole('button', { name: 'Войти', exact: true }).click();
  // Either the inbox or the local database's failure (whose text the next assertion then shows).
  const inbox = page.getByRole('listbox', { name: 'Список обращений' });
  // The development server compiles modules on demand; the first page after its start may take long on a
  // loaded machine (the production preview the other journeys use has no such step).
  await expect(inbox.or(page.getByRole('main').getByRole('alert'))).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('main')).not.toContainText('Не удалось открыть локальную базу данных');
  await expect(inbox).toBeVisible();
}

function startWebShell(port: number): WebShell {
  const dataDir = mkdtempSync(join(tmpdir(), 'okno-web-shell-'));
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: String(port) };
  // What a fresh checkout has: the embedded database, the web shell's default server, demo appeals.
  for (const name of ['DATABASE_URL', 'HOST', 'OKNO_SERVER_URL', 'OKNO_DEMO_APPEALS']) delete env[name];
  const child = spawn(readmeCommand[0], readmeCommand[1], {
    cwd: repoRoot,
    env,
    // Its own process group, as in a terminal: Ctrl+C (SIGINT) reaches npm and scripts/start.mjs.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 2000) output.splice(0, output.length - 2000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { process: child, dataDir, serverUrl: `http://127.0.0.1:${port}`, output, exit };
}

/** Stops what is still running (SIGINT, then SIGKILL to every process group it started) and cleans up. */
async function stopWebShell(running: WebShell): Promise<void> {
  const groups = processGroupsUnder(running.process.pid!);
  if (running.process.exitCode === null && running.process.signalCode === null) {
    process.kill(-running.process.pid!, 'SIGINT');
    const stopped = await Promise.race([running.exit.then(() => true), sleep(30_000).then(() => false)]);
    if (!stopped) {
      for (const group of groups) {
        try {
          process.kill(-group, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    }
  }
  rmSync(running.dataDir, { recursive: true, force: true });
}

/** The process groups of `pid` and its descendants (scripts/start.mjs gives each child its own). */
function processGroupsUnder(pid: number): number[] {
  const table = spawnSync('ps', ['-eo', 'pid=,ppid=,pgid='], { encoding: 'utf8' }).stdout ?? '';
  const rows = table
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number) as [number, number, number]);
  const pids = new Set([pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [child, parent] of rows) {
      if (pids.has(parent) && !pids.has(child)) {
        pids.add(child);
        grew = true;
      }
    }
  }
  return [...new Set(rows.filter(([p]) => pids.has(p)).map(([, , group]) => group))];
}

function isAlive(processGroup: number): boolean {
  try {
    process.kill(-processGroup, 0);
    return true;
  } catch {
    return false;
  }
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(5_000) })).ok;
  } catch {
    return false;
  }
}

async function waitUntil(ready: () => Promise<boolean>, running: WebShell, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (running.process.exitCode !== null || running.process.signalCode !== null) {
      throw new Error(`npm run start:web stopped before the web shell answered:\n${running.output.join('')}`);
    }
    if (await ready()) return;
    await sleep(500);
  }
  throw new Error(
    `the web shell did not answer ${webShellUrl} in ${timeoutMs} ms:\n${running.output.join('')}`,
  );
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
