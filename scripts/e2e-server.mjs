// Starts the real Okno server for end-to-end tests on a throwaway data folder (embedded PostgreSQL
// inside it, demo organisation seeded), and deletes the folder when the server stops.
// Before the server, a citizen's world (tests/e2e/support/telegram-world.ts): the project's Telegram
// fake and a Telegram channel account of the demo organisation pointing at it, with a control API on
// OKNO_E2E_TELEGRAM_PORT (default 18789) that journeys use to write, edit and read the chat.
// Used by playwright.config.ts as a webServer; stops on SIGTERM/SIGINT.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dataDir = mkdtempSync(join(tmpdir(), 'okno-e2e-'));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const tsx = join('node_modules', '.bin', process.platform === 'win32' ? 'tsx.cmd' : 'tsx');
// The demo organisation and its accounts, but an empty inbox: each journey seeds its own appeals.
// «Помог ли ответ?» ten seconds after an answered appeal's answer reached the chat (not a minute: journeys wait).
const env = {
  ...process.env,
  DATA_DIR: dataDir,
  OKNO_DEMO: '1',
  OKNO_DEMO_APPEALS: '0',
  OKNO_VERDICT_DELAY_SECONDS: '10',
};

let server;
let stopping = false;

function cleanUpAndExit(code) {
  try {
    rmSync(dataDir, { recursive: true, force: true });
  } catch (error) {
    console.error(`e2e-server: could not remove ${dataDir}: ${error}`);
  }
  process.exit(code);
}

const world = spawn(tsx, ['tests/e2e/support/telegram-world.ts'], {
  stdio: ['ignore', 'pipe', 'inherit'],
  env,
});
world.stdout.setEncoding('utf8');
world.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  if (!server && !stopping && chunk.includes('telegram-world ready')) startServer();
});
world.on('exit', (code) => {
  if (stopping) return;
  console.error(`e2e-server: the Telegram world stopped (${code})`);
  stop('SIGTERM');
  if (!server) cleanUpAndExit(1);
});

function startServer() {
  server = spawn(npm, ['run', 'server'], { stdio: 'inherit', env, detached: false });
  server.on('exit', (code, signal) => {
    stop('SIGTERM');
    cleanUpAndExit(code ?? (signal ? 0 : 1));
  });
}

function stop(signal) {
  if (stopping) return;
  stopping = true;
  server?.kill(signal);
  world.kill(signal);
  if (!server) cleanUpAndExit(0);
}
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
