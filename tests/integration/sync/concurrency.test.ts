/**
 * Scale-out: two real server processes (server/src/main.ts) on one PostgreSQL behave as one —
 * registration numbers stay unique and gap-free under concurrent registration through both, and a
 * push through one process reaches a stream client of the other within a second (LISTEN/NOTIFY),
 * and so does a logout, which ends the session's streams in every process.
 */
import { parseRegistrationNumber } from '../../../shared/domain/registration-number';
import { loginAs, type TestDatabase, type TestOrg } from '../setup/db';
import { type Json, openStream, pushRows } from './client';
import { editAppeal, newFormalAppeal } from './fixtures';
import { type Replicas, startReplicas } from './replicas';
import type { ServerProcess } from './server-process';

let replicas: Replicas;
let database: TestDatabase;
let org: TestOrg;
let processes: ServerProcess[] = [];
let as: Replicas['as'];

beforeAll(async () => {
  replicas = await startReplicas();
  ({ database, org, processes, as } = replicas);
}, 120_000);
afterAll(async () => {
  await replicas?.stop();
});

describe('two server processes on one database', () => {
  it('give 50 formal appeals registered concurrently through both 50 distinct consecutive numbers', async () => {
    const [p1, p2] = processes as [ServerProcess, ServerProcess];
    const targets = [await as('operator1', p1), await as('operator1', p2)];
    const appeals = Array.from({ length: 50 }, () =>
      newFormalAppeal(org.organisation.id, org.departments.d1.id),
    );
    const responses = await Promise.all(
      appeals.map((appeal, i) =>
        pushRows(targets[i % 2]!, 'appeals', [{ newDocumentState: { ...appeal, _deleted: false } }]),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(appeals.map(() => 200));
    // Each push is answered with the registered state so the desktop shows the number at once.
    for (const response of responses) expect(response.body[0].registrationNumber).toMatch(/^ОГ-\d{4}-\d{6}$/);

    const stored = await database.pool.query<{ number: string }>(
      `SELECT doc->>'registrationNumber' AS number FROM sync_appeals WHERE org_id = $1`,
      [org.organisation.id],
    );
    const sequences = stored.rows
      .map((r) => {
        const parsed = parseRegistrationNumber('ОГ-{YYYY}-{N:6}', r.number);
        if (!parsed.ok) throw new Error(`unparsable number ${r.number}`);
        return parsed.value.sequence;
      })
      .sort((a, b) => a - b);
    expect(sequences).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  });

  it('deliver a push through process 1 to a stream client of process 2 within a second', async () => {
    const [p1, p2] = processes as [ServerProcess, ServerProcess];
    const writer = await as('supervisor', p1);
    const reader = await as('operator1', p2);
    const [appeal] = (
      await pushRows(writer, 'appeals', [
        {
          newDocumentState: {
            ...newFormalAppeal(org.organisation.id, org.departments.d1.id),
            _deleted: false,
          },
        },
      ])
    ).body as Json[];

    let resolveSeen: (at: number) => void = () => {};
    const seen = new Promise<number>((resolve) => {
      resolveSeen = resolve;
    });
    const stream = openStream(`${p2.url}/api/v1/sync/appeals/stream`, reader.headers, (data) => {
      const docs = data === 'RESYNC' ? [] : (data as Json).documents;
      if (docs.some((d: Json) => d.id === appeal.id && d.subject === 'Через другой процесс'))
        resolveSeen(Date.now());
    });
    await stream.opened;
    const pushedAt = Date.now();
    const edited = await editAppeal(database.pool, writer, appeal.id, { subject: 'Через другой процесс' });
    expect(edited.body.conflicts).toEqual([]);
    const arrivedAt = await Promise.race([seen, new Promise<number>((r) => setTimeout(() => r(-1), 2000))]);
    stream.close();
    expect(arrivedAt).toBeGreaterThan(0);
    expect(arrivedAt - pushedAt).toBeLessThan(1000);
  });

  it('finding 6: end a stream on process 2 within a second of its session’s logout through process 1', async () => {
    const [p1, p2] = processes as [ServerProcess, ServerProcess];
    const session = await loginAs(p1, org.users.operator2);
    let resyncs = 0;
    const stream = openStream(`${p2.url}/api/v1/sync/appeals/stream`, session.headers, (data) => {
      if (data === 'RESYNC') resyncs += 1;
    });
    await stream.opened;
    await vi.waitFor(() => expect(resyncs).toBeGreaterThan(0));
    const loggedOutAt = Date.now();
    const logout = await fetch(`${p1.url}/api/v1/auth/logout`, { method: 'POST', headers: session.headers });
    expect(logout.status).toBe(204);
    const endedAt = await Promise.race([
      stream.ended.then(() => Date.now()),
      new Promise<number>((r) => setTimeout(() => r(-1), 2000)),
    ]);
    stream.close();
    expect(endedAt).toBeGreaterThan(0);
    expect(endedAt - loggedOutAt).toBeLessThan(1000);
  });
});
