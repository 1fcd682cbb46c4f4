// `npm start`: the server (embedded PostgreSQL, demo organisation) and the desktop app.
// `npm run start:web`: the server and the web shell (the same renderer in a browser).
// Ctrl+C stops everything, the server included.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { electronBinary as findElectronBinary } from './electron-binary.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const web = process.argv.includes('--web');
const host = process.env.HOST ?? '127.0.0.1';
const port = process.env.PORT ?? '8787';
// A server listening on every interface (HOST=0.0.0.0 or ::) is reached here through loopback: the
// desktop accepts plain http only for a loopback address (shared/bridge/server-address.ts).
const reachableHost = ['0.0.0.0', '::', '[::]'].includes(host) ? '127.0.0.1' : host;
const serverUrl = process.env.OKNO_SERVER_URL ?? `http://${reachableHost}:${port}`;
const webUrl = 'http://127.0.0.1:5173';
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const children = new Set();

const say = (message) => console.log(`okno: ${message}`);
const fail = (message) => {
  console.error(`okno: ${message}`);
  return stopAll(1);
};

/** Each child gets its own process group, so stopping it stops what it spawned (npm → tsx → node). */
function start(command, args, env = {}) {
  const child = spawn(command, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...env },
    detached: process.platform !== 'win32',
  });
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}

function signalGroup(child, signal) {
  try {
    if (process.platform === 'win32') child.kill(signal);
    else process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

let stopping = false;
async function stopAll(code) {
  if (stopping) return;
  stopping = true;
  // SIGINT, like Ctrl+C in a terminal: the server stops its embedded PostgreSQL cleanly on it.
  for (const child of children) signalGroup(child, 'SIGINT');
  const deadline = Date.now() + 15_000;
  while (children.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  for (const child of children) signalGroup(child, 'SIGKILL');
  process.exit(code);
}
process.on('SIGINT', () => stopAll(130));
process.on('SIGTERM', () => stopAll(143));

/** The Electron binary is downloaded by electron's install script; offline machines do not have it. */
function electronBinary() {
  const packageDir = `${root}node_modules/electron/`;
  const binary = () => findElectronBinary(packageDir);
  if (binary()) return binary();
  if (!existsSync(`${packageDir}install.js`)) return null;
  say(
    'the Electron binary is not installed yet; downloading it once (node node_modules/electron/install.js)…',
  );
  spawnSync(process.execPath, [`${packageDir}install.js`], { cwd: root, stdio: 'inherit', timeout: 300_000 });
  return binary();
}

async function waitForHealth(server) {
  let exited = false;
  server.once('exit', () => {
    exited = true;
  });
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline && !exited) {
    try {
      const response = await fetch(`${serverUrl}/health`);
      if (response.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
}

/** The demo logins, as the demo server announces them on /health (the seed is the single source). */
async function demoLogins() {
  try {
    const { demo } = await (await fetch(`${serverUrl}/health`)).json();
    const logins = demo.accounts.map((account) => account.login).join(', ');
    return `demo accounts: ${logins} (password for all: ${demo.password})`;
  } catch {
    return 'demo accounts: see server/README.md';
  }
}

async function main() {
  if (!existsSync(`${root}server/src/main.ts`)) {
    return fail(
      'the server is missing: server/src/main.ts is not in this checkout yet, so there is nothing to start. ' +
        'The web shell and the desktop app need the central server.',
    );
  }

  let electron = null;
  if (!web) {
    electron = electronBinary();
    if (!electron) {
      return fail(
        'the Electron binary is not installed on this machine (node_modules/electron has no downloaded binary, ' +
          'and it could not be downloaded now).\n' +
          'okno: run `npm run start:web` for the web shell: the same app in a browser, against the same server.',
      );
    }
  }

  say(`starting the server (embedded PostgreSQL, demo organisation) on ${serverUrl} …`);
  const server = start(npm, ['run', 'server'], { OKNO_DEMO: '1', HOST: host, PORT: port });
  server.on('exit', (code) => {
    if (!stopping) fail(`the server stopped (exit code ${code}).`);
  });
  if (!(await waitForHealth(server))) return fail(`the server did not answer ${serverUrl}/health.`);
  say(`server ready at ${serverUrl}`);

  if (web) {
    const vite = start(process.execPath, [`${root}node_modules/vite/bin/vite.js`, '--logLevel', 'warn'], {
      OKNO_SERVER_URL: serverUrl,
    });
    vite.on('exit', (code) => {
      if (!stopping) fail(`the web shell stopped (exit code ${code}).`);
    });
    say(`web shell: ${webUrl}`);
    say(await demoLogins());
    say('press Ctrl+C to stop the web shell and the server.');
    return;
  }

  const { buildMain, buildRenderer } = await import('./build-desktop.mjs');
  say('building the desktop app (dist/renderer, dist/main) …');
  buildRenderer();
  await buildMain();
  say(await demoLogins());
  const app = start(electron, [root], { OKNO_SERVER_URL: serverUrl });
  app.on('exit', (code) => {
    if (!stopping) stopAll(code ?? 0);
  });
}

main().catch((error) => fail(String(error?.stack ?? error)));
