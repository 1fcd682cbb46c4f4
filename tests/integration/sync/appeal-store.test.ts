/**
 * The one writer of the server's own appeal changes (server/src/appeals/store.ts): every change gets
 * a fresh seq, its dating rule, its audit row, and one NOTIFY per call at the highest seq; a change
 * left alone writes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editAppeal, writeAppealChanges } from '../../../server/src/appeals/store';
import { entityHistory } from '../../../server/src/audit/audit';
import { inTransaction } from '../../../server/src/db/pool';
import { loginAs, seedTestOrg, startTestServer, type TestOrg, type TestServer } from '../setup/db';
import { type Json, pushRows, type SyncTarget } from './client';
import { createAppeals, newFormalAppeal } from './fixtures';

let server: TestServer;
let org: TestOrg;
let head: SyncTarget;

beforeAll(async () => {
  server = await startTestServer();
  org = await seedTestOrg(server.pool);
  const session = await loginAs(server, org.users.head1);
  head = { url: server.url, headers: session.headers };
});
afterAll(() => server?.close());

const orgId = () => org.organisation.id;

async function stored(id: string): Promise<{ seq: number; doc: Json }> {
  const result = await server.pool.query('SELECT seq, doc FROM sync_appeals WHERE id = $1', [id]);
  return { seq: Number(result.rows[0].seq), doc: result.rows[0].doc };
}

/** The NOTIFY payloads of this organisation queued by `work`, delivered at its commit. */
async function notificationsOf(work: () => Promise<unknown>): Promise<string[]> {
  const listener = await server.pool.connect();
  const payloads: string[] = [];
  listener.on('notification', (n) => {
    if (n.payload?.startsWith(`${orgId()}:`)) payloads.push(n.payload);
  });
  try {
    await listener.query('LISTEN okno_sync');
    await work();
    // A round trip on the listening connection: notifications committed before it have arrived.
    await listener.query('SELECT 1');
    await new Promise((resolve) => setTimeout(resolve, 100));
    return payloads;
  } finally {
    await listener.query('UNLISTEN *');
    listener.release();
  }
}

async function twoAppeals(): Promise<[Json, Json]> {
  const appeals = [1, 2].map(() => newFormalAppeal(orgId(), org.departments.d1.id));
  const [a, b] = await createAppeals(server.pool, head, appeals);
  return [a, b];
}

describe('appeal store', () => {
  it('gives every change a new seq and an audit row, and NOTIFYs once at the highest seq', async () => {
    const [a, b] = await twoAppeals();
    const before = Math.max((await stored(a.id)).seq, (await stored(b.id)).seq);
    const changes = [a, b].map((doc) => ({
      id: String(doc.id),
      before: doc,
      set: { subject: `changed ${doc.id}` },
      audit: { action: 'appeal.update', details: { actions: ['test'] } },
    }));
    let written: Awaited<ReturnType<typeof writeAppealChanges>> = [];
    const payloads = await notificationsOf(async () => {
      written = await inTransaction(server.pool, (tx) =>
        writeAppealChanges(tx, orgId(), changes, { rule: 'serverClock' }),
      );
    });
    const seqs = written.map((w) => w.seq);
    expect(seqs.every((seq) => seq > before)).toBe(true);
    expect((await stored(a.id)).seq).toBe(seqs[0]);
    expect((await stored(b.id)).doc.subject).toBe(`changed ${b.id}`);
    expect(payloads).toEqual([`${orgId()}:${Math.max(...seqs)}`]);
    for (const doc of [a, b]) {
      const history = await entityHistory(server.pool, orgId(), 'appeal', String(doc.id));
      expect(history.at(-1)).toMatchObject({ action: 'appeal.update', details: { actions: ['test'] } });
    }
  });

  it('dates a change by its rule: afterPrevious moves a future-dated appeal forward, serverClock takes the clock, unchanged keeps it', async () => {
    const [a] = await twoAppeals();
    const future = Date.now() + 86_400_000;
    await inTransaction(server.pool, (tx) =>
      tx.query(
        `UPDATE sync_appeals SET doc = doc || jsonb_build_object('updatedAt', $2::bigint) WHERE id = $1`,
        [a.id, future],
      ),
    );
    const now = Date.now();
    const dateBy = async (rule: 'afterPrevious' | 'serverClock' | 'unchanged') => {
      const doc = (await stored(a.id)).doc;
      await inTransaction(server.pool, (tx) =>
        writeAppealChanges(tx, orgId(), [{ id: String(a.id), before: doc, set: { subject: rule } }], {
          rule,
          now,
        }),
      );
      return Number((await stored(a.id)).doc.updatedAt);
    };
    expect(await dateBy('afterPrevious')).toBe(future + 1);
    expect(await dateBy('unchanged')).toBe(future + 1);
    expect(await dateBy('serverClock')).toBe(now);
  });

  it('writes nothing when the edit leaves the appeal alone: no seq, no NOTIFY', async () => {
    const [a] = await twoAppeals();
    const before = await stored(a.id);
    let result: unknown = 'not run';
    const payloads = await notificationsOf(async () => {
      result = await inTransaction(server.pool, (tx) =>
        editAppeal(tx, orgId(), String(a.id), () => null, { rule: 'serverClock' }),
      );
    });
    expect(result).toBeNull();
    expect(payloads).toEqual([]);
    expect(await stored(a.id)).toEqual(before);
  });

  it('keeps pushes working on an appeal the server changed (the stored state is the master)', async () => {
    const [a] = await twoAppeals();
    const changed = await inTransaction(server.pool, (tx) =>
      editAppeal(tx, orgId(), String(a.id), () => ({ set: { subject: 'by the server' } }), {
        rule: 'serverClock',
      }),
    );
    const master = (await stored(a.id)).doc;
    expect(changed?.doc).toEqual(master);
    const { status, body } = await pushRows(head, 'appeals', [
      {
        newDocumentState: { ...master, subject: 'by the head', updatedAt: Date.now() },
        assumedMasterState: master,
      },
    ]);
    expect(status).toBe(200);
    expect(body).toEqual([]);
    expect((await stored(a.id)).doc.subject).toBe('by the head');
  });
});
