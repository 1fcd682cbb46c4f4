/**
 * Ingest benchmark (`npm run bench -- ingest`): one real server process (child process) on an
 * embedded PostgreSQL, under sustained load of mixed-network webhook events (VK Callback, Telegram,
 * MAX, OK; a fifth of them redeliveries of an earlier event) over loopback keep-alive connections.
 * Each new event is verified, stored raw, normalised into a conversation, an incident and a message
 * of the replicated tables, and acknowledged after commit.
 * - webhookEventsPerSec: acknowledged events per second over the measured window;
 * - webhookP99Ms: 99th percentile of request latency (send → acknowledgement).
 * `outboxMessagesPerSec` comes from tests/bench/outbox.ts (`measureOutbox()`) when that module exists.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createDepartment } from '../../server/src/accounts/departments';
import { createOrganisation } from '../../server/src/accounts/organisations';
import { createChannelAccount } from '../../server/src/channels/accounts';
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

export const scenario = 'ingest';

const warmupSeconds = 3;
const measureSeconds = 15;
const concurrency = 48;
const peers = 2_000;
const duplicateShare = 0.2;

interface Request {
  path: string;
  headers: Record<string, string>;
  body: string;
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

function post(agent: http.Agent, port: number, request: Request): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        agent,
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: request.path,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(request.body),
          ...request.headers,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(request.body);
  });
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

export async function run(): Promise<Record<string, number>> {
  const dir = mkdtempSync(path.join(tmpdir(), 'okno-bench-ingest-'));
  const { chmodSync } = await import('node:fs');
  chmodSync(dir, 0o755);
  const cluster = await startEmbeddedPostgres({
    databaseDir: path.join(dir, 'data'),
    port: await freePort(),
    password: 'bench',
    ephemeral: true,
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
    server = await startServerProcess(url, newSecrets(), {
      OKNO_CHANNELS_POLLING: '0',
      DATA_DIR: path.join(dir, 'server-data'),
      OKNO_LOG_LEVEL: 'error',
      ...(process.env.INGEST_BENCH_NO_BOT ? { OKNO_CHANNELS_BOT: '0' } : {}),
    });
    const port = Number(new URL(server.url).port);
    const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });

    const total = 60_000;
    const events = Array.from({ length: total }, (_, n) => makeEvent(n, accounts));
    let next = 0;
    const latencies: number[] = [];
    let acknowledged = 0;
    let failures = 0;
    let measuring = false;
    let stop = false;
    const worker = async () => {
      while (!stop) {
        const n = next++;
        // A share of the traffic repeats an earlier event (network retries, duplicate deliveries).
        const request =
          n > 100 && (n * 7919) % 100 < duplicateShare * 100
            ? events[(n * 31) % (n - 1)]!
            : events[n % total]!;
        const started = performance.now();
        const status = await post(agent, port, request);
        const elapsed = performance.now() - started;
        if (status !== 200) failures += 1;
        if (measuring) {
          latencies.push(elapsed);
          if (status === 200) acknowledged += 1;
        }
      }
    };
    const workers = Array.from({ length: concurrency }, worker);
    await new Promise((r) => setTimeout(r, warmupSeconds * 1000));
    measuring = true;
    const started = performance.now();
    const sampler = process.env.INGEST_BENCH_DEBUG
      ? setInterval(async () => {
          const rows = await pool.query(
            `SELECT wait_event_type, wait_event, state, left(query, 70) AS q FROM pg_stat_activity WHERE datname = 'postgres' AND pid <> pg_backend_pid()`,
          );
          console.log(JSON.stringify(rows.rows));
        }, 1000)
      : null;
    await new Promise((r) => setTimeout(r, measureSeconds * 1000));
    if (sampler) clearInterval(sampler);
    measuring = false;
    const seconds = (performance.now() - started) / 1000;
    stop = true;
    await Promise.all(workers);
    agent.destroy();
    if (failures > 0) throw new Error(`${failures} webhook requests were not acknowledged`);
    const stored = await pool.query<{ n: string }>('SELECT count(*) AS n FROM sync_messages');
    latencies.sort((a, b) => a - b);
    return {
      webhookEventsPerSec: Math.round(acknowledged / seconds),
      webhookP99Ms: Math.round(percentile(latencies, 99) * 10) / 10,
      webhookP50Ms: Math.round(percentile(latencies, 50) * 10) / 10,
      messagesStored: Number(stored.rows[0]?.n),
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
