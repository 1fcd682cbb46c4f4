/**
 * Sync benchmark (`npm run bench -- sync`): an embedded PostgreSQL with 100,000 appeals, the real
 * server in child processes (so `serverRssMb` is the server's own memory), and plain HTTP clients.
 * - pull100kSeconds: a fresh supervisor client pulls all 100,000 appeals (pages of 1,000, parsed).
 *   pull100kSecondsFloor: the same documents paged out of PostgreSQL by a bare node:http server
 *   (tests/bench/pg-paging-floor.ts, one keyset SELECT of the stored JSON text per page), parsed the
 *   same way, in the same run. Floor and Okno alternate twice; each reports its better pass.
 * - pushDocsPerSec: new formal appeals pushed in batches of 100 by two clients (registration,
 *   deadlines, authority and audit included).
 * - streamLatencyP50Ms / P99Ms: 200 SSE clients connected (half a supervisor, half an operator);
 *   time from the start of a push to the moment each client has the change.
 * - «Past one machine»: the same pull, push and stream measured again through scripts/balancer.mjs
 *   (round-robin) in front of 1 and of 3 server processes on the one PostgreSQL (suffixes `1Proc`,
 *   `3Proc`; the directly measured process is one of them). With 3 processes the pushes land on any
 *   process and the 200 streams are spread over all three, so two thirds of the deliveries crossed
 *   LISTEN/NOTIFY. All pulls run before any push, so each pulls the same 100,000.
 * - Intake through each way in (last): Telegram webhook updates at a modest 100 a second for 5 s,
 *   open loop: intakeWebhooksPerSec, intakeAckP99Ms (from each update's due time) and
 *   intakeInboxDrainSeconds (from the last send until the inbox has taken them all).
 * Knob: SYNC_BENCH_SERVER_NODE_OPTIONS (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`) for the
 * directly measured server process; SYNC_BENCH_NO_CLUSTER=1 skips the balancer part.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { createDepartment } from '../../server/src/accounts/departments';
import { createOrganisation } from '../../server/src/accounts/organisations';
import { createUser } from '../../server/src/accounts/users';
import { createChannelAccount } from '../../server/src/channels/accounts';
import { setChannelSecretKeys } from '../../server/src/channels/secrets';
import { freePort, startEmbeddedPostgres } from '../../server/src/db/embedded';
import { migrate } from '../../server/src/db/migrate';
import { createPool } from '../../server/src/db/pool';
import { noDueAt } from '../../shared/model/primitives';
import { startTelegramFake, tgMessageUpdate, tgUser } from '../fakes';
import { type Json, openStream, pullOnce, pushRows, type SyncTarget } from '../integration/sync/client';
import {
  type Balancer,
  newSecrets,
  type ServerProcess,
  startBalancer,
  startServerProcess,
} from '../integration/sync/server-process';
import { appealFixture } from '../unit/shared/model/fixtures';
import type { BenchTarget } from './targets';

export const scenario = 'sync';

export const targets: Record<string, BenchTarget> = {
  pull100kSeconds: {
    ratioMax: 1.2,
    unit: 's',
    what:
      'A fresh supervisor pulls 100,000 appeals, 1,000 a page, parsed; floor: the same stored documents ' +
      'paged out of PostgreSQL by a bare node:http server, one keyset SELECT of the JSON text per page',
  },
  streamLatencyP99Ms: {
    max: 50,
    unit: 'ms',
    what: 'p99 from the start of a push to the change arriving at each of 200 connected SSE clients (1 process)',
  },
};

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const appealsToSeed = 100_000;
const pageSize = 1000;
const pushDocs = 4_000;
const pushBatch = 100;
const streamClients = 200;
const streamRounds = 30;
const password = 'bench password 123';
/** Intake through each way in: a modest open-loop webhook rate (P4's ingest bench owns the ceiling). */
const intakeRate = 100;
const intakeSeconds = 5;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function login(url: string, login: string): Promise<SyncTarget> {
  const response = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password }),
  });
  const body = (await response.json()) as Json;
  if (response.status !== 200) throw new Error(`login ${login}: ${JSON.stringify(body)}`);
  return { url, headers: { authorization: `Bearer ${body.accessToken}` } };
}

/** Starts a child process that prints a line on stdout when ready; resolves with that line. */
function startChild(
  args: string[],
  env: Record<string, string>,
): Promise<{ child: ChildProcess; line: string }> {
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      const end = out.indexOf('\n');
      if (end >= 0) resolve({ child, line: out.slice(0, end) });
    });
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}`)));
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** Seconds to page every appeal out of `pageUrl(after)`, each page parsed as JSON. */
async function timedPaging(pageUrl: (after: unknown) => Promise<Json>): Promise<number> {
  const started = performance.now();
  let checkpoint: unknown = null;
  let pulled = 0;
  for (;;) {
    const body = await pageUrl(checkpoint);
    pulled += body.documents.length;
    checkpoint = body.checkpoint;
    if (body.documents.length < pageSize) break;
  }
  if (pulled !== appealsToSeed) throw new Error(`pulled ${pulled} appeals, expected ${appealsToSeed}`);
  return (performance.now() - started) / 1000;
}

function oknoPull(target: SyncTarget): Promise<number> {
  return timedPaging(async (checkpoint) => {
    const { status, body } = await pullOnce(target, 'appeals', checkpoint, pageSize);
    if (status !== 200) throw new Error(`pull failed: ${status}`);
    return body;
  });
}

function floorPull(floorUrl: string): Promise<number> {
  return timedPaging(async (checkpoint) => {
    const after = (checkpoint as { seq: number } | null)?.seq ?? 0;
    const response = await fetch(`${floorUrl}/?after=${after}&limit=${pageSize}`);
    if (response.status !== 200) throw new Error(`floor page failed: ${await response.text()}`);
    return response.json();
  });
}

interface Bench {
  pool: pg.Pool;
  orgId: string;
  departmentId: string;
}

/** Pushes `count` new formal appeals from two clients; documents per second. */
async function measurePush(bench: Bench, clients: SyncTarget[], count: number): Promise<number> {
  const started = performance.now();
  const pusher = async (target: SyncTarget, count: number) => {
    for (let sent = 0; sent < count; sent += pushBatch) {
      const rows = Array.from({ length: pushBatch }, () => ({
        newDocumentState: {
          ...appealFixture({
            id: randomUUID(),
            orgId: bench.orgId,
            departmentId: bench.departmentId,
            status: 'received',
            registrationNumber: null,
            registeredAt: null,
            legalDeadline: null,
            controlDate: null,
            dueAt: noDueAt,
            conversationId: '',
            receivedAt: Date.now(),
            // A desktop's new appeal names no files (server/src/appeals/scans.ts).
            attachments: [],
          }),
          _deleted: false,
        },
      }));
      const { status } = await pushRows(target, 'appeals', rows);
      if (status !== 200) throw new Error(`push failed: ${status}`);
    }
  };
  await Promise.all(clients.map((c) => pusher(c, count / clients.length)));
  return count / ((performance.now() - started) / 1000);
}

/**
 * 200 SSE clients on `streamUrl`; `streamRounds` changes of one appeal pushed by the supervisor;
 * the sorted latencies from each push's start to each client having it.
 */
async function measureStream(
  bench: Bench,
  streamBase: string,
  supervisor: SyncTarget,
  operator: SyncTarget,
  label: string,
): Promise<number[]> {
  const latencies: number[] = [];
  let subject = '';
  let roundStartedAt = 0;
  const seenThisRound = new Set<number>();
  let roundDone: () => void = () => {};
  const streams = Array.from({ length: streamClients }, (_, i) =>
    openStream(
      `${streamBase}/api/v1/sync/appeals/stream`,
      i % 2 ? operator.headers : supervisor.headers,
      (data) => {
        if (data === 'RESYNC') return;
        const hit = (data as Json).documents.some((d: Json) => d.id === 'seed-1' && d.subject === subject);
        if (hit && !seenThisRound.has(i)) {
          seenThisRound.add(i);
          latencies.push(performance.now() - roundStartedAt);
          if (seenThisRound.size === streamClients) roundDone();
        }
      },
    ),
  );
  try {
    await Promise.all(streams.map((s) => s.opened));
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (let round = 0; round < streamRounds; round++) {
      const master = (await bench.pool.query('SELECT doc FROM sync_appeals WHERE id = $1', ['seed-1']))
        .rows[0].doc;
      seenThisRound.clear();
      const done = new Promise<void>((resolve) => {
        roundDone = resolve;
      });
      subject = `bench ${label} ${round}`;
      roundStartedAt = performance.now();
      const { status } = await pushRows(supervisor, 'appeals', [
        { newDocumentState: { ...master, subject }, assumedMasterState: master },
      ]);
      if (status !== 200) throw new Error(`stream round push failed: ${status}`);
      await Promise.race([done, new Promise((resolve) => setTimeout(resolve, 5000))]);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    for (const s of streams) s.close();
  }
  const missing = streamClients * streamRounds - latencies.length;
  if (missing > 0) throw new Error(`${label}: ${missing} stream deliveries did not arrive within 5 s`);
  return latencies.sort((a, b) => a - b);
}

/**
 * Telegram webhook updates sent on schedule (open loop, `intakeRate` a second for `intakeSeconds`)
 * to `base`; acknowledged per second, ack p99 from the moment each was due, and the seconds from the
 * last send until the inbox has taken every one of them (normalised into conversations).
 */
async function measureIntake(
  pool: pg.Pool,
  base: string,
  route: string,
  firstUpdateId: number,
): Promise<{ perSec: number; p99: number; drainSeconds: number }> {
  const target = new URL(base);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const total = intakeRate * intakeSeconds;
  const bodies = Array.from({ length: total }, (_, n) =>
    JSON.stringify(
      tgMessageUpdate({
        from: tgUser({ id: 5_000 + (n % 500), first_name: 'Житель', last_name: String(n % 500) }),
        text: `Обращение ${firstUpdateId + n}: во дворе дома ${n % 97} не вывозят мусор`,
        updateId: firstUpdateId + n,
      }),
    ),
  );
  const post = (body: string) =>
    new Promise<number>((resolve) => {
      const request = http.request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          method: 'POST',
          path: route,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            'x-telegram-bot-api-secret-token': 'tg-bench',
          },
        },
        (response) => {
          response.resume();
          response.on('end', () => resolve(response.statusCode ?? 0));
        },
      );
      request.on('error', () => resolve(0));
      request.end(body);
    });
  const processedBefore = Number(
    (await pool.query('SELECT count(*) AS n FROM inbound_events WHERE processed_at IS NOT NULL')).rows[0].n,
  );
  const latencies: number[] = [];
  let acknowledged = 0;
  const started = performance.now();
  const sends: Promise<void>[] = [];
  for (let n = 0; n < total; n++) {
    const due = started + (n * 1000) / intakeRate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    sends.push(
      post(bodies[n]!).then((status) => {
        if (status === 200) acknowledged += 1;
        latencies.push(performance.now() - due);
      }),
    );
  }
  await Promise.all(sends);
  const seconds = (performance.now() - started) / 1000;
  const lastSent = performance.now();
  agent.destroy();
  if (acknowledged !== total)
    throw new Error(`intake: ${total - acknowledged} webhook updates not acknowledged`);
  for (;;) {
    const processed = Number(
      (await pool.query('SELECT count(*) AS n FROM inbound_events WHERE processed_at IS NOT NULL')).rows[0].n,
    );
    if (processed - processedBefore >= total) break;
    if (performance.now() - lastSent > 120_000)
      throw new Error('intake: the inbox did not take the updates in 120 s');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  latencies.sort((x, y) => x - y);
  return {
    perSec: acknowledged / seconds,
    p99: percentile(latencies, 99),
    drainSeconds: (performance.now() - lastSent) / 1000,
  };
}

/** One way in: a base URL with the two bench users signed in through it; `suffix` names its metrics. */
interface Entry {
  suffix: string;
  url: string;
  supervisor: SyncTarget;
  operator: SyncTarget;
}

async function entry(suffix: string, url: string): Promise<Entry> {
  return {
    suffix,
    url,
    supervisor: await login(url, 'bench-supervisor'),
    operator: await login(url, 'bench-operator'),
  };
}

export async function run(): Promise<Record<string, number>> {
  const dir = mkdtempSync(path.join(tmpdir(), 'okno-bench-sync-'));
  chmodSync(dir, 0o755);
  const cluster = await startEmbeddedPostgres({
    databaseDir: path.join(dir, 'data'),
    port: await freePort(),
    password: 'bench',
    ephemeral: true,
  });
  const url = cluster.urlFor('postgres');
  const pool = createPool(url, 4);
  const servers: ServerProcess[] = [];
  const balancers: Balancer[] = [];
  let floor: ChildProcess | undefined;
  let telegram: { url: string; close(): Promise<void> } | undefined;
  try {
    await migrate(url);
    const org = await createOrganisation(pool, { name: 'Бенчмарк', timeZone: 'Europe/Moscow' });
    const dept = await createDepartment(pool, { orgId: org.id, code: 'b1', name: 'Отдел' });
    for (const [login, role, departments] of [
      ['bench-supervisor', 'supervisor', []],
      ['bench-operator', 'operator', [dept.id]],
    ] as const) {
      await createUser(pool, {
        orgId: org.id,
        login,
        displayName: login,
        role,
        departments: [...departments],
        password,
      });
    }
    const bench: Bench = { pool, orgId: org.id, departmentId: dept.id };

    // 100,000 registered appeals in one statement (the template with its id replaced).
    const template = {
      ...appealFixture({ orgId: org.id, departmentId: dept.id, conversationId: '' }),
      _deleted: false,
    };
    await pool.query(
      `INSERT INTO sync_appeals (org_id, id, seq, doc, department_ids)
       SELECT $1, 'seed-' || g, nextval('okno_sync_seq'), jsonb_set($2::jsonb, '{id}', to_jsonb('seed-' || g)), ARRAY[$3]
         FROM generate_series(1, $4::int) g`,
      [org.id, JSON.stringify(template), dept.id, appealsToSeed],
    );
    await pool.query('ANALYZE sync_appeals');

    // The Telegram account's secrets are sealed here under the key the server processes are given.
    const channelKey = { id: 'bench', key: randomBytes(32) };
    setChannelSecretKeys([channelKey]);
    telegram = await startTelegramFake({ token: '900:tg-t' });
    const account = await createChannelAccount(pool, {
      orgId: org.id,
      defaultDepartmentId: dept.id,
      allowedSources: ['127.0.0.1/32'],
      network: 'telegram',
      accountId: '900',
      webhookSecret: 'tg-bench',
      apiBaseUrl: telegram.url,
      apiToken: '900:tg-t',
    });
    const secrets = newSecrets(channelKey);
    const serverEnv = (n: number) => ({
      OKNO_CHANNELS_POLLING: '0',
      DATA_DIR: path.join(dir, `server-${n}`),
    });
    // Process A is measured directly (against the floor) and is one of the balanced processes.
    const a = await startServerProcess(url, secrets, {
      ...serverEnv(0),
      ...(process.env.SYNC_BENCH_SERVER_NODE_OPTIONS
        ? { NODE_OPTIONS: process.env.SYNC_BENCH_SERVER_NODE_OPTIONS }
        : {}),
    });
    servers.push(a);
    const entries = [await entry('', a.url)];
    if (!process.env.SYNC_BENCH_NO_CLUSTER) {
      const one = await startBalancer([a]);
      balancers.push(one);
      entries.push(await entry('1Proc', one.url));
      servers.push(
        await startServerProcess(url, secrets, serverEnv(1)),
        await startServerProcess(url, secrets, serverEnv(2)),
      );
      const three = await startBalancer(servers);
      balancers.push(three);
      entries.push(await entry('3Proc', three.url));
    }
    const floorStarted = await startChild(['--import', 'tsx', 'tests/bench/pg-paging-floor.ts'], {
      DATABASE_URL: url,
      FLOOR_ORG_ID: org.id,
    });
    floor = floorStarted.child;
    const floorUrl = `http://127.0.0.1:${floorStarted.line}`;

    // A fresh client pulls everything; the floor pages the same rows. Alternated, best of two each.
    const floorPasses: number[] = [];
    const oknoPasses: number[] = [];
    const metrics: Record<string, number> = {};
    for (let pass = 0; pass < 2; pass++) {
      floorPasses.push(await floorPull(floorUrl));
      oknoPasses.push(await oknoPull(entries[0]!.supervisor));
    }
    await stopChild(floor);
    floor = undefined;
    metrics.pull100kSeconds = Number(Math.min(...oknoPasses).toFixed(2));
    metrics.pull100kSecondsFloor = Number(Math.min(...floorPasses).toFixed(2));
    // The same 100,000 through the balancer (before any push adds appeals).
    for (const e of entries.slice(1)) {
      metrics[`pull100kSeconds${e.suffix}`] = Number((await oknoPull(e.supervisor)).toFixed(2));
    }
    // Sessions signed in afresh before each phase: a loaded run outlives an access token.
    const refresh = async () => {
      for (const [i, e] of entries.entries()) entries[i] = await entry(e.suffix, e.url);
    };
    await refresh();
    for (const e of entries) {
      // 4,000 directly (as before issue 15); 2,000 through the balancer, enough for a rate.
      const count = e.suffix === '' ? pushDocs : pushDocs / 2;
      metrics[`pushDocsPerSec${e.suffix}`] = Math.round(
        await measurePush(bench, [e.operator, e.supervisor], count),
      );
    }
    await refresh();
    for (const e of entries) {
      const latencies = await measureStream(bench, e.url, e.supervisor, e.operator, e.suffix || 'direct');
      metrics[`streamLatencyP50Ms${e.suffix}`] = Number(percentile(latencies, 50).toFixed(1));
      metrics[`streamLatencyP99Ms${e.suffix}`] = Number(percentile(latencies, 99).toFixed(1));
      if (e.suffix === '') {
        const status = readFileSync(`/proc/${a.pid}/status`, 'utf8');
        metrics.serverRssMb = Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
      }
    }
    // Last, so the inbox work behind it disturbs nothing else measured.
    for (const [index, e] of entries.entries()) {
      const intake = await measureIntake(
        pool,
        e.url,
        `/api/v1/channels/telegram/${account.pathToken}`,
        700_000 + index * 10_000,
      );
      metrics[`intakeWebhooksPerSec${e.suffix}`] = Math.round(intake.perSec);
      metrics[`intakeAckP99Ms${e.suffix}`] = Number(intake.p99.toFixed(1));
      metrics[`intakeInboxDrainSeconds${e.suffix}`] = Number(intake.drainSeconds.toFixed(2));
    }
    return metrics;
  } finally {
    if (floor) await stopChild(floor);
    for (const balancer of balancers) await balancer.stop();
    for (const server of servers) await server.stop();
    await telegram?.close();
    await pool.end();
    await cluster.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
