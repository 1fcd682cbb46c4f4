/**
 * Sync benchmark (`npx tsx tests/bench/run.ts sync`): an embedded PostgreSQL with 100,000 appeals,
 * the real server in a child process (so `serverRssMb` is the server's own memory), and plain HTTP
 * clients.
 * - pull100kSeconds: a fresh supervisor client pulls all 100,000 appeals (batches of 1,000, parsed).
 * - pushDocsPerSec: new formal appeals pushed in batches of 100 by two clients (registration,
 *   deadlines, authority and audit included).
 * - streamLatencyP50Ms / P99Ms: 200 SSE clients connected; time from the start of a push to the
 *   moment each client has the change.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDepartment } from '../../server/src/accounts/departments';
import { createOrganisation } from '../../server/src/accounts/organisations';
import { createUser } from '../../server/src/accounts/users';
import { freePort, startEmbeddedPostgres } from '../../server/src/db/embedded';
import { migrate } from '../../server/src/db/migrate';
import { createPool } from '../../server/src/db/pool';
import { noDueAt } from '../../shared/model/primitives';
import { type Json, openStream, pullOnce, pushRows, type SyncTarget } from '../integration/sync/client';
import { newSecrets, startServerProcess } from '../integration/sync/server-process';
import { appealFixture } from '../unit/shared/model/fixtures';

export const scenario = 'sync';

const appealsToSeed = 100_000;
const pushDocs = 4_000;
const pushBatch = 100;
const streamClients = 200;
const streamRounds = 30;
const password = 'bench password 123';

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

export async function run(): Promise<Record<string, number>> {
  const dir = mkdtempSync(path.join(tmpdir(), 'okno-bench-sync-'));
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

    server = await startServerProcess(url, newSecrets());
    const supervisor = await login(server.url, 'bench-supervisor');
    const operator = await login(server.url, 'bench-operator');

    // Fresh client pulls everything.
    const pullStarted = performance.now();
    let checkpoint: unknown = null;
    let pulled = 0;
    for (;;) {
      const { status, body } = await pullOnce(supervisor, 'appeals', checkpoint, 1000);
      if (status !== 200) throw new Error(`pull failed: ${status}`);
      pulled += body.documents.length;
      checkpoint = body.checkpoint;
      if (body.documents.length < 1000) break;
    }
    const pull100kSeconds = (performance.now() - pullStarted) / 1000;
    if (pulled !== appealsToSeed) throw new Error(`pulled ${pulled} appeals, expected ${appealsToSeed}`);

    // Push throughput: new formal appeals, registered by the server.
    const pushStarted = performance.now();
    const pusher = async (target: SyncTarget, count: number) => {
      for (let sent = 0; sent < count; sent += pushBatch) {
        const rows = Array.from({ length: pushBatch }, () => ({
          newDocumentState: {
            ...appealFixture({
              id: randomUUID(),
              orgId: org.id,
              departmentId: dept.id,
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
    await Promise.all([pusher(operator, pushDocs / 2), pusher(supervisor, pushDocs / 2)]);
    const pushDocsPerSec = pushDocs / ((performance.now() - pushStarted) / 1000);

    // Stream latency with 200 connected clients.
    const latencies: number[] = [];
    let round = -1;
    let roundStartedAt = 0;
    const seenThisRound = new Set<number>();
    let roundDone: () => void = () => {};
    const streams = Array.from({ length: streamClients }, (_, i) =>
      openStream(
        `${server!.url}/api/v1/sync/appeals/stream`,
        i % 2 ? operator.headers : supervisor.headers,
        (data) => {
          if (data === 'RESYNC') return;
          const hit = (data as Json).documents.some(
            (d: Json) => d.id === 'seed-1' && d.subject === `bench ${round}`,
          );
          if (hit && !seenThisRound.has(i)) {
            seenThisRound.add(i);
            latencies.push(performance.now() - roundStartedAt);
            if (seenThisRound.size === streamClients) roundDone();
          }
        },
      ),
    );
    await Promise.all(streams.map((s) => s.opened));
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (round = 0; round < streamRounds; round++) {
      const master = (await pool.query('SELECT doc FROM sync_appeals WHERE id = $1', ['seed-1'])).rows[0].doc;
      seenThisRound.clear();
      const done = new Promise<void>((resolve) => {
        roundDone = resolve;
      });
      roundStartedAt = performance.now();
      await pushRows(supervisor, 'appeals', [
        { newDocumentState: { ...master, subject: `bench ${round}` }, assumedMasterState: master },
      ]);
      await Promise.race([done, new Promise((resolve) => setTimeout(resolve, 5000))]);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    for (const s of streams) s.close();
    latencies.sort((a, b) => a - b);
    const missing = streamClients * streamRounds - latencies.length;
    if (missing > 0) throw new Error(`${missing} stream deliveries did not arrive within 5 s`);

    const status = readFileSync(`/proc/${server.pid}/status`, 'utf8');
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return {
      pull100kSeconds: Number(pull100kSeconds.toFixed(2)),
      pushDocsPerSec: Math.round(pushDocsPerSec),
      streamLatencyP50Ms: Number(percentile(latencies, 50).toFixed(1)),
      streamLatencyP99Ms: Number(percentile(latencies, 99).toFixed(1)),
      serverRssMb: Math.round(rssKb / 1024),
    };
  } finally {
    await server?.stop();
    await pool.end();
    await cluster.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
