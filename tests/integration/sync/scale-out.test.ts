/**
 * Past one machine (issue 15): two real server processes on one PostgreSQL, and scripts/balancer.mjs
 * in front of them. A change pushed through process A reaches the streams of process B through
 * LISTEN/NOTIFY and B's shared read — exactly the streams whose scope holds it, with the scope exit
 * and entry of a reassignment — and streams and pushes pass through the balancer.
 */
import type { TestDatabase, TestOrg } from '../setup/db';
import { type Json, openStream, type StreamHandle, type SyncTarget } from './client';
import { createAppeals, editAppeal, newFormalAppeal } from './fixtures';
import { type Replicas, startReplicas } from './replicas';
import { type Balancer, type ServerProcess, startBalancer } from './server-process';

let replicas: Replicas;
let database: TestDatabase;
let org: TestOrg;
let processes: ServerProcess[] = [];
let as: Replicas['as'];
let balancer: Balancer;
const streams: StreamHandle[] = [];

beforeAll(async () => {
  replicas = await startReplicas();
  ({ database, org, processes, as } = replicas);
  balancer = await startBalancer(processes);
}, 120_000);
afterAll(async () => {
  for (const stream of streams) stream.close();
  await balancer?.stop();
  await replicas?.stop();
});

/** A stream recording every document it is sent; resolves `opened` after its first RESYNC. */
function watch(base: { url: string }, target: SyncTarget) {
  const seen: Json[] = [];
  let resynced: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    resynced = resolve;
  });
  const stream = openStream(`${base.url}/api/v1/sync/appeals/stream`, target.headers, (data) => {
    if (data === 'RESYNC') resynced();
    else seen.push(...(data as Json).documents);
  });
  streams.push(stream);
  return { seen, ready };
}

describe('two server processes behind the balancer', () => {
  it('deliver a change pushed through process A to exactly the streams of process B whose scope holds it', async () => {
    const [a, b] = processes as [ServerProcess, ServerProcess];
    const orgId = org.organisation.id;
    const { d1, d2 } = org.departments;
    const writer = await as('supervisor', a);
    // Three streams per reader on B, so B's shared read serves many readers at once.
    const readers = {
      operator1: await as('operator1', b),
      operator2: await as('operator2', b),
      head1: await as('head1', b),
      supervisor: await as('supervisor', b),
    };
    const watched = Object.fromEntries(
      Object.entries(readers).map(([key, target]) => [key, [1, 2, 3].map(() => watch(b, target))]),
    ) as Record<keyof typeof readers, ReturnType<typeof watch>[]>;
    await Promise.all(Object.values(watched).flatMap((list) => list.map((w) => w.ready)));

    const [appeal] = await createAppeals(database.pool, writer, [newFormalAppeal(orgId, d1.id)]);
    const edited = await editAppeal(database.pool, writer, appeal.id, { subject: 'Через процесс A' });
    expect(edited.body).toEqual({ conflicts: [], refusals: [] });
    const has = (w: ReturnType<typeof watch>, check: (d: Json) => boolean) =>
      w.seen.some((d) => d.id === appeal.id && check(d));
    for (const key of ['operator1', 'head1', 'supervisor'] as const) {
      for (const w of watched[key]) {
        await vi.waitFor(() => expect(has(w, (d) => d.subject === 'Через процесс A')).toBe(true), {
          timeout: 3000,
        });
      }
    }

    // Reassigned through A: d1's operator gets the tombstone, d2's the appeal.
    const moved = await editAppeal(database.pool, writer, appeal.id, { departmentId: d2.id });
    expect(moved.body).toEqual({ conflicts: [], refusals: [] });
    for (const w of watched.operator1) {
      await vi.waitFor(() => expect(has(w, (d) => d._deleted === true)).toBe(true), { timeout: 3000 });
    }
    for (const w of watched.operator2) {
      await vi.waitFor(
        () => expect(has(w, (d) => d._deleted === false && d.departmentId === d2.id)).toBe(true),
        { timeout: 3000 },
      );
      // Never the d1 state, nor the subject it had there.
      expect(w.seen.filter((d) => d.id === appeal.id).every((d) => d.departmentId === d2.id)).toBe(true);
    }
    // The d1 head's tombstone carries no text of the appeal.
    for (const w of watched.head1) {
      await vi.waitFor(() => expect(has(w, (d) => d._deleted === true)).toBe(true), { timeout: 3000 });
      expect(
        w.seen.filter((d) => d.id === appeal.id && d._deleted).every((d) => d.text !== appeal.text),
      ).toBe(true);
    }
  });

  it('pass streams and pushes through the balancer: a push through it reaches streams on both processes', async () => {
    const orgId = org.organisation.id;
    const writer = await as('supervisor', balancer);
    const reader = await as('operator1', balancer);
    // Round-robin: four streams opened one after another land on both processes.
    const watched = [];
    for (let i = 0; i < 4; i++) {
      const w = watch(balancer, reader);
      await w.ready;
      watched.push(w);
    }
    const [appeal] = await createAppeals(database.pool, writer, [
      newFormalAppeal(orgId, org.departments.d1.id),
    ]);
    await editAppeal(database.pool, writer, appeal.id, { subject: 'Через балансировщик' });
    for (const w of watched) {
      await vi.waitFor(
        () =>
          expect(w.seen.some((d) => d.id === appeal.id && d.subject === 'Через балансировщик')).toBe(true),
        { timeout: 3000 },
      );
    }
    const refused = await fetch(`${balancer.url}/api/v1/sync/appeals/pull?limit=5`);
    expect(refused.status).toBe(401);
  });
});
