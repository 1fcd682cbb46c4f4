/**
 * Ingest benchmark (`npm run bench -- ingest`): one real server process (child process) on an
 * embedded PostgreSQL, under sustained load of mixed-network webhook events (VK Callback, Telegram,
 * MAX, OK over 2,000 chats; a fifth of them redeliveries of an earlier event) over loopback
 * keep-alive connections. First the ceiling (`webhookEventsPerSecFloor`): the same bodies, load and
 * length against a bare node:http server appending them to the same PostgreSQL with a 5 ms group
 * commit (./group-commit-ceiling.ts); run.ts reports webhookEventsPerSecRatio. Each new event is
 * verified and stored raw, then acknowledged; the server then normalises it into a conversation, an incident and a message of the replicated tables and
 * the citizen bot reacts (server/src/channels/inbound-queue.ts).
 *
 * The load generator shares the machine with the server, so it is kept cheap: request bodies and
 * headers are serialised before the run, one keep-alive agent per phase. After a warm-up:
 * - saturation (closed loop, 48 requests in flight — Telegram's default webhook max_connections
 *   is 40): webhookEventsPerSec = acknowledged events per second; webhookSaturatedP99Ms. The
 *   inbox falls behind meanwhile; inboxEventsPerSec = events normalised per second from the start
 *   of the phase until the backlog is gone (the processing was busy the whole time);
 * - target rate (open loop at INGEST_BENCH_RATE, default 1,000 events/s, sent on schedule whatever
 *   the answers), started with an empty backlog: webhookP99Ms / webhookP50Ms = latency from the
 *   moment each request was due (so a stalled server or generator is not hidden) to its
 *   acknowledgement; webhookRatePerSec = what was acknowledged per second in that phase;
 *   inboxLagP50Ms / inboxLagP99Ms = from the raw event's commit to the start of the transaction
 *   that put it into the inbox (`received_at` → `processed_at`), for that phase's events.
 * Afterwards every acknowledged distinct event must be stored exactly once (inbound_events and
 * intake_messages) and processed, else the run fails.
 * `outboxMessagesPerSec` comes from tests/bench/outbox.ts (`measureOutbox()`) when that module exists.
 * Knobs: INGEST_BENCH_SECONDS (per phase), INGEST_BENCH_RATE, INGEST_BENCH_NO_BOT=1 (intake
 * without the bot), INGEST_BENCH_PG_FLAGS, INGEST_BENCH_PG_STATS=1 (pg_stat_statements top list;
 * needs `-c shared_preload_libraries=pg_stat_statements`), INGEST_BENCH_SERVER_NODE_OPTIONS (e.g.
 * `--cpu-prof --cpu-prof-dir=/tmp/prof`), INGEST_BENCH_DEBUG.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type pg from 'pg';
import { createDepartment } from '../../server/src/accounts/departments';
import { createOrganisation } from '../../server/src/accounts/organisations';
import { createChannelAccount } from '../../server/src/channels/accounts';
import { setChannelSecretKeys } from '../../server/src/channels/secrets';
import type { ChannelAccount } from '../../server/src/channels/types';
import { freePort, startEmbeddedPostgres } from '../../server/src/db/embedded';
import { migrate } from '../../server/src/db/migrate';
import { createPool } from '../../server/src/db/pool';
import {
  maxMessageCreated,
  maxUser,
  okJson,
  okMessage,
  startMaxFake,
  startOkFake,
  startTelegramFake,
  startVkFake,
  tgMessageUpdate,
  tgUser,
  vkMessage,
  vkMessageNew,
} from '../fakes';
import { newSecrets, startServerProcess } from '../integration/sync/server-process';
import type { BenchTarget } from './targets';

export const scenario = 'ingest';

export const targets: Record<string, BenchTarget> = {
  webhookEventsPerSec: {
    ratioMin: 0.8,
    unit: 'events/s',
    what:
      'webhook events acknowledged per second, 48 in flight, each stored durably before its 200; ceiling: a bare ' +
      'node:http server appending the same bodies to PostgreSQL with a 5 ms group commit (group-commit-ceiling.ts)',
  },
  inboxEventsPerSec: {
    min: 2_000,
    unit: 'events/s',
    what: 'stored events normalised into the inbox (conversation, incident, message, bot) per second while saturated',
  },
  inboxLagP99Ms: {
    max: 1_000,
    unit: 'ms',
    what: "p99 from a raw event's commit to its inbox transaction at 1,000 events/s offered",
  },
};

const warmupSeconds = 4;
const measureSeconds = Number(process.env.INGEST_BENCH_SECONDS) || 10;
const concurrency = 48;
const targetRate = Number(process.env.INGEST_BENCH_RATE) || 1_000;
const peers = 2_000;
const duplicateShare = 0.2;

interface Request {
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** A request ready to send: nothing is serialised while the load runs. */
interface Prepared {
  path: string;
  headers: Record<string, string | number>;
  body: Buffer;
}

function prepare(request: Request): Prepared {
  const body = Buffer.from(request.body);
  return {
    path: request.path,
    headers: { 'content-type': 'application/json', 'content-length': body.length, ...request.headers },
    body,
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

function makeEvent(n: number, accounts: Record<string, ChannelAccount>): Request {
  const peer = 1_000 + (n % peers);
  const text = `Обращение ${n}: во дворе дома ${peer % 97} не вывозят мусор`;
  const route = (a: ChannelAccount) => `/api/v1/channels/${a.network}/${a.pathToken}`;
  switch (n % 4) {
    case 0: {
      const event = {
        ...vkMessageNew(vkMessage({ from_id: peer, text }), { groupId: 900 }),
        secret: 'vk-bench',
      };
      return { path: route(accounts.vk!), headers: {}, body: JSON.stringify(event) };
    }
    case 1: {
      const update = tgMessageUpdate({
        from: tgUser({ id: peer, first_name: 'Житель', last_name: String(peer) }),
        text,
        updateId: 500_000 + n,
      });
      return {
        path: route(accounts.telegram!),
        headers: { 'x-telegram-bot-api-secret-token': 'tg-bench' },
        body: JSON.stringify(update),
      };
    }
    case 2: {
      const update = maxMessageCreated({
        sender: maxUser({ user_id: peer, first_name: 'Житель' }),
        chatId: 70_000 + peer,
        text,
      });
      return {
        path: route(accounts.max!),
        headers: { 'x-max-bot-api-secret': 'max-bench' },
        body: JSON.stringify(update),
      };
    }
    default:
      return {
        path: route(accounts.ok!),
        headers: {},
        body: okJson(okMessage({ userId: String(peer), chatId: `C${peer}`, text })),
      };
  }
}

function post(agent: http.Agent, port: number, request: Prepared): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { agent, host: '127.0.0.1', port, method: 'POST', path: request.path, headers: request.headers },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(request.body);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Waits until the server has normalised every stored event; the moment it had (performance.now(),
 * within the 250 ms poll: a count over a large backlog costs the database milliseconds, so the
 * probe must not itself slow the processing it measures).
 */
async function inboxDrained(pool: pg.Pool, timeoutMs = 600_000): Promise<number> {
  const started = performance.now();
  for (;;) {
    const pending = await pool.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM inbound_events WHERE processed_at IS NULL AND outcome IS NULL',
    );
    if (pending.rows[0]!.n === 0) return performance.now();
    if (performance.now() - started > timeoutMs)
      throw new Error(`${pending.rows[0]!.n} events never reached the inbox`);
    await sleep(250);
  }
}

/** Which event the n-th request sends: a share repeats an earlier one (network retries, duplicates). */
function eventIndex(n: number, total: number): number {
  return n > 100 && (n * 7919) % 100 < duplicateShare * 100 ? (n * 31) % (n - 1) : n % total;
}

interface Tally {
  latencies: number[];
  acknowledged: number;
  failures: number;
  seconds: number;
}

function summary(tally: Tally) {
  const sorted = [...tally.latencies].sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return {
    perSec: Math.round(tally.acknowledged / tally.seconds),
    p50: round(percentile(sorted, 50)),
    p99: round(percentile(sorted, 99)),
  };
}

async function measureOutboxIfPresent(): Promise<Record<string, number>> {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const file = path.join(here, 'outbox.ts');
  if (!existsSync(file)) return {};
  const mod = (await import(pathToFileURL(file).href)) as {
    measureOutbox?: () => Promise<Record<string, number> | number>;
  };
  if (!mod.measureOutbox) return {};
  const result = await mod.measureOutbox();
  return typeof result === 'number' ? { outboxMessagesPerSec: result } : result;
}

async function processedCount(pool: pg.Pool): Promise<number> {
  const result = await pool.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM inbound_events WHERE processed_at IS NOT NULL',
  );
  return result.rows[0]!.n;
}

/** Starts the group-commit ceiling server (./group-commit-ceiling.ts) on the bench's PostgreSQL. */
async function startCeiling(databaseUrl: string): Promise<{ port: number; stop(): Promise<void> }> {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'group-commit-ceiling.ts')], {
    cwd: path.resolve(here, '..', '..'),
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let errors = '';
  child.stderr.on('data', (chunk) => {
    errors = `${errors}${chunk}`.slice(-4000);
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += String(chunk);
      const found = /listening (\d+)/.exec(out);
      if (found) resolve(Number(found[1]));
    });
    child.once('exit', (code) => reject(new Error(`the ceiling server exited with ${code}: ${errors}`)));
  });
  return {
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * The ceiling in this run: the same bodies in the same order (redeliveries included), the same 48
 * requests in flight over keep-alive, the same warm-up and length as the saturation phase, against
 * the bare group-commit server. Answers acknowledged events per second.
 */
async function measureCeiling(databaseUrl: string, events: Prepared[]): Promise<number> {
  const ceiling = await startCeiling(databaseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  try {
    let next = 0;
    let acknowledged = 0;
    let measuring = false;
    let stop = false;
    const worker = async () => {
      while (!stop) {
        const status = await post(agent, ceiling.port, events[eventIndex(next++, events.length)]!);
        if (status !== 200) throw new Error(`the ceiling server answered ${status}`);
        if (measuring) acknowledged += 1;
      }
    };
    const workers = Array.from({ length: concurrency }, worker);
    await sleep(warmupSeconds * 1000);
    measuring = true;
    const started = performance.now();
    await sleep(measureSeconds * 1000);
    measuring = false;
    const seconds = (performance.now() - started) / 1000;
    stop = true;
    await Promise.all(workers);
    return Math.round(acknowledged / seconds);
  } finally {
    agent.destroy();
    await ceiling.stop();
  }
}

export async function run(): Promise<Record<string, number>> {
  const dir = mkdtempSync(path.join(tmpdir(), 'okno-bench-ingest-'));
  const { chmodSync } = await import('node:fs');
  chmodSync(dir, 0o755);
  const cluster = await startEmbeddedPostgres({
    databaseDir: path.join(dir, 'data'),
    port: await freePort(),
    password: 'bench',
    ephemeral: true,
    ...(process.env.INGEST_BENCH_PG_FLAGS
      ? { postgresFlags: process.env.INGEST_BENCH_PG_FLAGS.split(' ') }
      : {}),
  });
  const url = cluster.urlFor('postgres');
  const pool = createPool(url, 4);
  let server: Awaited<ReturnType<typeof startServerProcess>> | undefined;
  const fakes: { close(): Promise<void> }[] = [];
  try {
    await migrate(url);
    const org = await createOrganisation(pool, { name: 'Бенчмарк приёма', timeZone: 'Europe/Moscow' });
    const dept = await createDepartment(pool, { orgId: org.id, code: 'b1', name: 'Отдел' });
    const base = { orgId: org.id, defaultDepartmentId: dept.id, allowedSources: ['127.0.0.1/32'] };
    // The networks' APIs (VK users.get for names; the bot's replies through the outbox) are the fakes.
    const users = Object.fromEntries(
      Array.from({ length: peers }, (_, i) => [
        1_000 + i,
        { first_name: 'Житель', last_name: String(1_000 + i) },
      ]),
    );
    fakes.push(
      await startVkFake({ groupId: 900, token: 'vk-t', users }),
      await startTelegramFake({ token: '900:tg-t' }),
      await startMaxFake({ token: 'max-t' }),
      await startOkFake({ token: 'ok-t' }),
    );
    const [vk, tg, max, ok] = fakes as unknown as [
      { apiBaseUrl: string },
      { url: string },
      { url: string },
      { url: string },
    ];
    // The accounts' secrets are sealed here under the key the server process is given.
    const channelKey = { id: 'bench', key: randomBytes(32) };
    setChannelSecretKeys([channelKey]);
    const accounts: Record<string, ChannelAccount> = {
      vk: await createChannelAccount(pool, {
        ...base,
        network: 'vk',
        accountId: '900',
        webhookSecret: 'vk-bench',
        apiBaseUrl: vk.apiBaseUrl,
        apiToken: 'vk-t',
      }),
      telegram: await createChannelAccount(pool, {
        ...base,
        network: 'telegram',
        accountId: '900',
        webhookSecret: 'tg-bench',
        apiBaseUrl: tg.url,
        apiToken: '900:tg-t',
      }),
      max: await createChannelAccount(pool, {
        ...base,
        network: 'max',
        accountId: '900',
        webhookSecret: 'max-bench',
        apiBaseUrl: max.url,
        apiToken: 'max-t',
      }),
      ok: await createChannelAccount(pool, {
        ...base,
        network: 'ok',
        accountId: '900',
        apiBaseUrl: ok.url,
        apiToken: 'ok-t',
      }),
    };
    const total = 60_000;
    const events = Array.from({ length: total }, (_, n) => prepare(makeEvent(n, accounts)));
    // The ceiling first, on the same PostgreSQL, before the Okno server starts (nothing else running).
    const webhookEventsPerSecFloor = await measureCeiling(url, events);
    await pool.query('DROP TABLE ceiling_events');
    await pool.query('CHECKPOINT');
    server = await startServerProcess(url, newSecrets(channelKey), {
      OKNO_CHANNELS_POLLING: '0',
      DATA_DIR: path.join(dir, 'server-data'),
      OKNO_LOG_LEVEL: 'error',
      ...(process.env.INGEST_BENCH_NO_BOT ? { OKNO_CHANNELS_BOT: '0' } : {}),
      ...(process.env.INGEST_BENCH_SERVER_NODE_OPTIONS
        ? { NODE_OPTIONS: process.env.INGEST_BENCH_SERVER_NODE_OPTIONS }
        : {}),
    });
    const port = Number(new URL(server.url).port);
    const acknowledgedEvents = new Set<number>();
    let next = 0;
    /** Sends the next request; returns its status, counting it as acknowledged when 200. */
    const send = async (agent: http.Agent) => {
      const index = eventIndex(next++, total);
      const status = await post(agent, port, events[index]!);
      if (status === 200) acknowledgedEvents.add(index);
      return status;
    };

    // Phase 1: warm-up, then saturation (closed loop).
    const closedAgent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
    const saturation: Tally = { latencies: [], acknowledged: 0, failures: 0, seconds: 0 };
    let measuring = false;
    let stop = false;
    const worker = async () => {
      while (!stop) {
        const started = performance.now();
        const status = await send(closedAgent);
        if (!measuring) continue;
        saturation.latencies.push(performance.now() - started);
        if (status === 200) saturation.acknowledged += 1;
        else saturation.failures += 1;
      }
    };
    const workers = Array.from({ length: concurrency }, worker);
    await sleep(warmupSeconds * 1000);
    if (process.env.INGEST_BENCH_PG_STATS) {
      await pool.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
      await pool.query('SELECT pg_stat_statements_reset()');
    }
    const sampler = process.env.INGEST_BENCH_DEBUG
      ? setInterval(async () => {
          const rows = await pool.query(
            `SELECT wait_event_type, wait_event, state, left(query, 70) AS q FROM pg_stat_activity WHERE datname = 'postgres' AND pid <> pg_backend_pid()`,
          );
          console.log(JSON.stringify(rows.rows));
        }, 1000)
      : null;
    // The warm-up already left a backlog: from here until it is gone the processing never idles.
    const warmupProcessed = await processedCount(pool);
    measuring = true;
    let started = performance.now();
    await sleep(measureSeconds * 1000);
    measuring = false;
    saturation.seconds = (performance.now() - started) / 1000;
    stop = true;
    await Promise.all(workers);
    closedAgent.destroy();
    const backlogGone = await inboxDrained(pool);
    const inboxEventsPerSec = Math.round(
      ((await processedCount(pool)) - warmupProcessed) / ((backlogGone - started) / 1000),
    );
    await sleep(1000);
    const rateStartedAt = (await pool.query<{ at: Date }>('SELECT now() AS at')).rows[0]!.at;

    // Phase 2: the target rate (open loop): request k is due at start + k/rate, sent on schedule.
    const openAgent = new http.Agent({ keepAlive: true, maxSockets: 512 });
    const atRate: Tally = { latencies: [], acknowledged: 0, failures: 0, seconds: 0 };
    const inFlight: Promise<void>[] = [];
    started = performance.now();
    let sent = 0;
    const deadline = started + measureSeconds * 1000;
    while (performance.now() < deadline) {
      const due = Math.min(
        Math.floor(((performance.now() - started) / 1000) * targetRate),
        measureSeconds * targetRate,
      );
      for (; sent < due; sent++) {
        const dueAt = started + (sent * 1000) / targetRate;
        inFlight.push(
          send(openAgent).then(
            (status) => {
              atRate.latencies.push(performance.now() - dueAt);
              if (status === 200) atRate.acknowledged += 1;
              else atRate.failures += 1;
            },
            () => {
              atRate.failures += 1;
            },
          ),
        );
      }
      await sleep(2);
    }
    await Promise.all(inFlight);
    atRate.seconds = (performance.now() - started) / 1000;
    if (sampler) clearInterval(sampler);
    openAgent.destroy();
    if (process.env.INGEST_BENCH_PG_STATS) {
      const top = await pool.query(
        `SELECT calls, round(total_exec_time) AS ms, round(mean_exec_time::numeric, 3) AS mean, left(regexp_replace(query, '\\s+', ' ', 'g'), 110) AS q
           FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 25`,
      );
      console.table(top.rows);
    }
    await inboxDrained(pool);
    const lag = (
      await pool.query<{ n: number; p50: number; p99: number }>(
        `SELECT count(*)::int AS n, percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS p50, percentile_cont(0.99) WITHIN GROUP (ORDER BY ms) AS p99
           FROM (SELECT extract(epoch FROM processed_at - received_at) * 1000 AS ms
                   FROM inbound_events WHERE received_at >= $1 AND processed_at IS NOT NULL) lags`,
        [rateStartedAt],
      )
    ).rows[0]!;
    if (lag.n === 0) throw new Error('no event of the target-rate phase reached the inbox');
    const failures = saturation.failures + atRate.failures;
    if (failures > 0) throw new Error(`${failures} webhook requests were not acknowledged`);
    const stored = await pool.query<{ raw: string; messages: string; inbox: string }>(
      `SELECT (SELECT count(*) FROM inbound_events) AS raw, (SELECT count(*) FROM intake_messages) AS messages,
              (SELECT count(*) FROM sync_messages WHERE doc->>'direction' = 'in') AS inbox`,
    );
    const counts = stored.rows[0]!;
    for (const [name, count] of Object.entries(counts)) {
      if (Number(count) !== acknowledgedEvents.size)
        throw new Error(`${acknowledgedEvents.size} distinct events acknowledged, ${count} stored (${name})`);
    }
    const closed = summary(saturation);
    const open = summary(atRate);
    return {
      webhookEventsPerSec: closed.perSec,
      webhookEventsPerSecFloor,
      webhookSaturatedP99Ms: closed.p99,
      webhookSaturatedP50Ms: closed.p50,
      webhookRatePerSec: open.perSec,
      webhookP99Ms: open.p99,
      webhookP50Ms: open.p50,
      inboxEventsPerSec,
      inboxLagP50Ms: Math.round(lag.p50 * 10) / 10,
      inboxLagP99Ms: Math.round(lag.p99 * 10) / 10,
      messagesStored: acknowledgedEvents.size,
      ...(await measureOutboxIfPresent()),
    };
  } finally {
    await server?.stop();
    for (const fake of fakes) await fake.close();
    await pool.end();
    await cluster.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
