// Inbox at a region's scale, in Chromium with real IndexedDB: builds the bench page
// (renderer/bench.html → renderer/features/inbox/bench/bench-main.tsx) with Vite, serves it, and runs
//   1. ?phase=load — 100,000 appeals written in pull-sized bulk batches (initialLoad100kSeconds);
//   2. ?phase=ui   — in a fresh page: cold open to first painted rows, view changes, searches,
//                    scrolling and the JS heap at the end;
//   3. ?phase=floor — in a fresh page: the same reads on raw IndexedDB (bench/floor.ts). Phase 1 also
//                    writes the same documents into raw IndexedDB with the same indexes (the floors).
import { createReadStream, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { build } from 'vite';
import type { BenchTarget } from './targets';

export const scenario = 'inbox';

/** Issue 15's targets for the desktop inbox at 100,000 appeals (floors: renderer/features/inbox/bench/floor.ts). */
export const targets: Record<string, BenchTarget> = {
  initialLoad100kSeconds: {
    ratioMax: 0.6,
    unit: 's',
    what: 'Fresh desktop: 100,000 appeals written to the local database, every view index-served; floor: the same documents into raw IndexedDB with the same indexes, 1,000 per transaction',
  },
  firstRowsUsableSeconds: {
    max: 3,
    unit: 's',
    what: 'From the start of the initial load to the first 50 rows of the default view readable from the local database',
  },
  firstInboxRenderMs: {
    max: 300,
    unit: 'ms',
    what: 'Cold start at 100,000: database open to the first inbox rows painted; floor: raw IndexedDB open, getAll(range, 50) per lane of the view, merged, 50 plain rows painted',
  },
  filterChangeP95Ms: {
    max: 30,
    ratioMax: 1.5,
    unit: 'ms',
    what: 'View change p95 at 100,000 (click to rows painted); floor: raw getAll(range, 50) per lane of the view, merged, 50 plain rows painted',
  },
  rendererHeapMb: {
    max: 250,
    unit: 'MB',
    what: 'Renderer JS heap after the ui phase at 100,000 appeals, after a GC: the page (jsHeapMb) and its workers (workersHeapMb: the search index)',
  },
  searchIndexReadyMs: {
    max: 2000,
    unit: 'ms',
    what: 'Search index ready after a restart at 100,000: from the page start (database opened cold) to the saved index read back and the changes since it applied',
  },
  searchP95Ms: {
    max: 30,
    ratioMax: 1.5,
    unit: 'ms',
    what: 'Search p95 at 100,000 (query typed to its first 40 rows painted, from the read start after the typing debounce); floor: the same 40 matched rows read raw from IndexedDB by id (one readonly transaction, a get per id) and painted as plain text',
  },
};

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
};

async function buildPage(outDir: string): Promise<void> {
  await build({
    configFile: path.join(root, 'vite.config.ts'),
    logLevel: 'warn',
    build: {
      outDir,
      emptyOutDir: true,
      sourcemap: false,
      // Chromium needs no module-preload polyfill (and Vite 8 cannot resolve it for an extra input).
      modulePreload: { polyfill: false },
      // A CPU profile (OKNO_BENCH_CPU_PROFILE) needs readable function names.
      minify: process.env.OKNO_BENCH_CPU_PROFILE === undefined,
      rollupOptions: { input: { bench: path.join(root, 'renderer', 'bench.html') } },
    },
  });
}

function serve(dir: string, port: number): Promise<{ url: string; close: () => void }> {
  const server = createServer((request, response) => {
    const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
    const file = path.join(dir, path.normalize(pathname).replace(/^(\.\.[/\\])+/, ''));
    if (!file.startsWith(dir) || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(response);
  });
  return new Promise((resolve) => {
    server.listen(port, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}`, close: () => server.close() });
    });
  });
}

/**
 * The renderer's whole JS heap after a GC: the page's and its workers' (the search worker holds the
 * index). `performance.memory` exists in the page only, so the workers are asked over the DevTools
 * protocol (auto-attached, non-flat sessions).
 */
async function rendererHeap(context: BrowserContext, page: Page): Promise<Record<string, number>> {
  const cdp = await context.newCDPSession(page);
  const workers: string[] = [];
  const replies = new Map<string, { usedSize: number }>();
  cdp.on('Target.attachedToTarget', (event) => {
    if (event.targetInfo.type === 'worker') workers.push(event.sessionId);
  });
  cdp.on('Target.receivedMessageFromTarget', (event) => {
    const message = JSON.parse(event.message) as { id?: number; result?: { usedSize: number } };
    if (message.id === 2 && message.result) replies.set(event.sessionId ?? '', message.result);
  });
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  await new Promise((resolve) => setTimeout(resolve, 500));
  for (const sessionId of workers) {
    for (const [id, method] of [
      [1, 'HeapProfiler.collectGarbage'],
      [2, 'Runtime.getHeapUsage'],
    ] as const)
      await cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) });
  }
  await cdp.send('HeapProfiler.collectGarbage');
  const pageHeap = (await cdp.send('Runtime.getHeapUsage')).usedSize;
  const deadline = Date.now() + 10_000;
  while (replies.size < workers.length && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 100));
  await cdp.detach();
  const workersHeap = [...replies.values()].reduce((sum, usage) => sum + usage.usedSize, 0);
  const mb = (bytes: number) => Math.round(bytes / 2 ** 20);
  return {
    rendererHeapMb: replies.size === workers.length ? mb(pageHeap + workersHeap) : Number.NaN,
    workersHeapMb: mb(workersHeap),
    workers: workers.length,
  };
}

export async function run(): Promise<Record<string, number>> {
  const outDir = mkdtempSync(path.join(tmpdir(), 'okno-bench-'));
  // OKNO_BENCH_PROFILE keeps the browser profile (and its 100k database) between runs, to iterate on phase 2.
  const kept = process.env.OKNO_BENCH_PROFILE;
  const reuse = kept !== undefined && existsSync(path.join(kept, 'Default'));
  const profile = kept ?? mkdtempSync(path.join(tmpdir(), 'okno-bench-profile-'));
  await buildPage(outDir);
  // IndexedDB belongs to an origin: a kept profile needs the same port every time.
  const server = await serve(outDir, kept ? 18999 : 0);
  // A persistent profile: the database written in phase 1 is opened cold by a fresh page in phase 2.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    viewport: { width: 1440, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--enable-precise-memory-info', '--js-flags=--expose-gc'],
  });
  try {
    const phase = async (name: 'load' | 'ui' | 'floor' | 'search', timeoutMs: number) => {
      const page = await context.newPage();
      page.on('pageerror', (error) => console.error(`bench page (${name}):`, error));
      page.on('console', (message) => {
        if (message.text().startsWith('bench:')) console.log(message.text());
      });
      const profilePath = name === 'ui' ? process.env.OKNO_BENCH_CPU_PROFILE : undefined;
      const cdp = profilePath ? await context.newCDPSession(page) : null;
      if (cdp) {
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
        await cdp.send('Profiler.start');
      }
      await page.goto(`${server.url}/bench.html?phase=${name}`);
      await page.waitForFunction(() => window.__bench !== undefined, undefined, {
        timeout: timeoutMs,
        polling: 500,
      });
      const result = (await page.evaluate(() => window.__bench)) as
        | Record<string, number>
        | { error: string };
      if (cdp && profilePath) {
        const { profile } = await cdp.send('Profiler.stop');
        writeFileSync(profilePath, JSON.stringify(profile));
        console.log(`bench: CPU profile of the ui phase in ${profilePath}`);
      }
      const heap = name === 'ui' && !('error' in result) ? await rendererHeap(context, page) : {};
      await page.close();
      if ('error' in result) throw new Error(`bench ${name}: ${result.error}`);
      return { ...result, ...heap };
    };
    const load: Record<string, number> = reuse
      ? { initialLoad100kSeconds: Number.NaN }
      : await phase('load', 600_000);
    console.log(
      `bench: initial load ${load.initialLoad100kSeconds} s (floor ${load.initialLoad100kSecondsFloor} s)`,
    );
    const ui = await phase('ui', 900_000);
    // The read floors after Okno's reads: the browser's caches then favour the floor, not Okno.
    const floor = await phase('floor', 120_000);
    // The search index after a restart: read back from what the ui phase saved (search-bench.ts).
    const search = await phase('search', 120_000);
    return { ...load, ...ui, ...floor, ...search };
  } finally {
    await context.close();
    server.close();
    rmSync(outDir, { recursive: true, force: true });
    if (!kept) rmSync(profile, { recursive: true, force: true });
  }
}

declare global {
  interface Window {
    __bench?: Record<string, number> | { error: string };
  }
}
