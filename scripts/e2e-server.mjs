// Starts the real Okno server for end-to-end tests on a throwaway data folder (embedded PostgreSQL
// inside it, demo organisation seeded), and deletes the folder when the server stops.
// Used by playwright.config.ts as a webServer; stops on SIGTERM/SIGINT.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dataDir = mkdtempSync(join(tmpdir(), 'okno-e2e-'));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const server = spawn(npm, ['run', 'server'], {
  stdio: 'inherit',
  // The demo organisation and its accounts, but an empty inbox: each journey seeds its own appeals.
  env: { ...process.env, DATA_DIR: dataDir, OKNO_DEMO: '1', OKNO_DEMO_APPEALS: '0' },
  detached: false,
});

let stopping = false;
function stop(signal) {
  if (stopping) return;
  stopping = true;
  server.kill(signal);
}
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));

server.on('exit', (code, signal) => {
  try {
    rmSync(dataDir, { recursive: true, force: true });
  } catch (error) {
    console.error(`e2e-server: could not remove ${dataDir}: ${error}`);
  }
  process.exit(code ?? (signal ? 0 : 1));
});
