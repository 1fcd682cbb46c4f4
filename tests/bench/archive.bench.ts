/**
 * How much archive a desktop keeps (`npm run bench -- archive`; docs/ARCHITECTURE.md, Decisions:
 * "How much archive a desktop keeps"). An embedded PostgreSQL, the real server in a child process and
 * plain HTTP clients; a municipality's archive at retention: `perYear` appeals closed a year over
 * `retentionYears` (DOMAIN.md: retention 5 years), each with `messagesPerAppeal` messages, plus
 * `openAppeals` in work.
 *
 * - window*: a fresh supervisor desktop pulls appeals and messages with the local window
 *   (shared/model/archive.ts: closed within the last 365 days): documents, JSON megabytes, seconds;
 * - all*: the same in a second organisation whose whole archive is within the window, i.e. what a
 *   desktop would pull if it kept everything;
 * - local*: those documents written into RxDB's memory storage in this process (insert seconds, heap
 *   megabytes) — the desktop database's own write path, without IndexedDB;
 * - search*: the server's archive search for older appeals, by a word and by a filter (p50/p95 ms).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { createOknoDatabase } from '../../renderer/db/database';
import { createDepartment } from '../../server/src/accounts/departments';
import { createOrganisation } from '../../server/src/accounts/organisations';
import { createUser } from '../../server/src/accounts/users';
import { freePort, startEmbeddedPostgres } from '../../server/src/db/embedded';
import { migrate } from '../../server/src/db/migrate';
import { createPool } from '../../server/src/db/pool';
import { localArchiveCutoff } from '../../shared/model/archive';
import { type Json, pullOnce, type SyncTarget } from '../integration/sync/client';
import { newSecrets, startServerProcess } from '../integration/sync/server-process';
import { appealFixture, validDocuments } from '../unit/shared/model/fixtures';

export const scenario = 'archive';

const perYear = 15_000;
const retentionYears = 5;
const openAppeals = 2_000;
const messagesPerAppeal = 2;
const searches = 30;
const password = 'bench password 123';
const day = 86_400_000;

const subjects = [
  'Яма на дороге у дома',
  'Не вывезен мусор с контейнерной площадки',
  'Не горят фонари во дворе',
  'Нет горячей воды в квартире',
  'Холодные батареи в подъезде',
  'Сломана детская площадка',
  'Не убран снег на тротуаре',
  'Автобус не ходит по расписанию',
  'Протекает крыша дома',
  'Бездомные собаки у школы',
];
const words = ['фонарь', 'мусор', 'снег', 'крыша', 'автобус', 'собаки', 'вода', 'батареи', 'площадка', 'яма'];

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const round = (value: number, digits = 2) => Number(value.toFixed(digits));

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

/** Every document of a collection a fresh desktop pulls, with the bytes of the answers. */
async function pullEverything(target: SyncTarget, collection: string) {
  const started = performance.now();
  let checkpoint: unknown = null;
  const documents: Json[] = [];
  let bytes = 0;
  for (;;) {
    const { status, body } = await pullOnce(target, collection, checkpoint, 1000);
    if (status !== 200) throw new Error(`pull ${collection}: ${status}`);
    bytes += JSON.stringify(body).length;
    documents.push(...body.documents);
    checkpoint = body.checkpoint;
    if (body.documents.length < 1000) break;
  }
  return { documents, bytes, seconds: (performance.now() - started) / 1000 };
}

/** Writes pulled documents into the desktop's database on RxDB's memory storage. */
async function keepLocally(name: string, appeals: Json[], messages: Json[]) {
  globalThis.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const started = performance.now();
  const db = await createOknoDatabase({ name, storage: getRxStorageMemory(), validate: false });
  const strip = (doc: Json) => {
    const { _deleted, ...rest } = doc;
    return rest;
  };
  for (let i = 0; i < appeals.length; i += 1000)
    await db.appeals.bulkInsert(appeals.slice(i, i + 1000).map(strip));
  for (let i = 0; i < messages.length; i += 1000)
    await db.messages.bulkInsert(messages.slice(i, i + 1000).map(strip));
  const seconds = (performance.now() - started) / 1000;
  globalThis.gc?.();
  const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
  await db.close();
  return { seconds, heapMb };
}

export async function run(): Promise<Record<string, number>> {
  const dir = mkdtempSync(path.join(tmpdir(), 'okno-bench-archive-'));
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
    const now = Date.now();
    const total = perYear * retentionYears;
    /** One organisation; its archive is closed over `spanDays` before now. */
    const seed = async (name: string, spanDays: number) => {
      const org = await createOrganisation(pool, { name, timeZone: 'Europe/Moscow' });
      const dept = await createDepartment(pool, { orgId: org.id, code: 'b1', name: 'Отдел' });
      await createUser(pool, {
        orgId: org.id,
        login: `${name}-supervisor`,
        displayName: 'Супервизор',
        role: 'supervisor',
        departments: [],
        password,
      });
      const closed = {
        ...appealFixture({ orgId: org.id, departmentId: dept.id, conversationId: '' }),
        status: 'closed',
        result: 'explained',
        classifierCode: '0001.0001.0001.0001',
        _deleted: false,
      };
      // Closed appeals spread evenly over the span, newest last; then the open ones.
      await pool.query(
        `INSERT INTO sync_appeals (org_id, id, seq, doc, department_ids)
         SELECT $1, $6 || '-' || g, nextval('okno_sync_seq'),
                $2::jsonb || jsonb_build_object('id', $6 || '-' || g,
                  'subject', ($7::text[])[1 + g % array_length($7::text[], 1)] || ' №' || g,
                  'closedAt', CASE WHEN g <= $4 THEN ($5::bigint - (($4 - g)::numeric / $4 * $8::bigint)::bigint) END,
                  'status', CASE WHEN g <= $4 THEN 'closed' ELSE 'in_progress' END),
                ARRAY[$3]
           FROM generate_series(1, $4::int + $9::int) g`,
        [org.id, JSON.stringify(closed), dept.id, total, now, name, subjects, spanDays * day, openAppeals],
      );
      const message = { ...validDocuments.messages, orgId: org.id, conversationId: '', _deleted: false };
      await pool.query(
        `INSERT INTO sync_messages (org_id, id, seq, doc, department_ids, appeal_id)
         SELECT $1, a.id || '-m' || k, nextval('okno_sync_seq'),
                $2::jsonb || jsonb_build_object('id', a.id || '-m' || k, 'appealId', a.id), a.department_ids, a.id
           FROM sync_appeals a, generate_series(1, $3::int) k WHERE a.org_id = $1`,
        [org.id, JSON.stringify(message), messagesPerAppeal],
      );
      return name;
    };
    const windowed = await seed('bench-archive-5y', retentionYears * 365);
    const everything = await seed('bench-archive-1y', 360);
    await pool.query('ANALYZE');

    server = await startServerProcess(url, newSecrets());
    const results: Record<string, number> = { archiveOnServer: total, openAppeals, messagesPerAppeal };
    for (const [key, name] of [
      ['window', windowed],
      ['all', everything],
    ] as const) {
      const supervisor = await login(server.url, `${name}-supervisor`);
      const appeals = await pullEverything(supervisor, 'appeals');
      const messages = await pullEverything(supervisor, 'messages');
      results[`${key}Appeals`] = appeals.documents.length;
      results[`${key}Messages`] = messages.documents.length;
      results[`${key}PullSeconds`] = round(appeals.seconds + messages.seconds);
      results[`${key}PullMb`] = round((appeals.bytes + messages.bytes) / 1024 / 1024, 1);
      const local = await keepLocally(`bench-${key}`, appeals.documents, messages.documents);
      results[`${key}LocalInsertSeconds`] = round(local.seconds);
      results[`${key}LocalHeapMb`] = round(local.heapMb, 1);
    }

    const supervisor = await login(server.url, `${windowed}-supervisor`);
    const timings: number[] = [];
    for (let i = 0; i < searches; i++) {
      const params = new URLSearchParams({
        closedBefore: String(localArchiveCutoff(Date.now())),
        ...(i % 3 === 2 ? { status: 'closed' } : { q: words[i % words.length]! }),
      });
      const started = performance.now();
      const response = await fetch(`${server.url}/api/v1/archive/appeals?${params}`, {
        headers: supervisor.headers,
      });
      const body = (await response.json()) as Json;
      timings.push(performance.now() - started);
      if (response.status !== 200 || body.appeals.length === 0) throw new Error(`archive search ${params}`);
    }
    timings.sort((a, b) => a - b);
    results.searchP50Ms = round(percentile(timings, 50), 1);
    results.searchP95Ms = round(percentile(timings, 95), 1);
    return results;
  } finally {
    await server?.stop();
    await pool.end();
    await cluster.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
