/**
 * The streams' shared read (issue 15): a change wakes every stream of the organisation at once, and
 * one statement reads for all of them (pullChangesBatch). Each reader must get exactly what its own
 * pull gives — its scope, its scope exits and entries, nothing once its session is revoked.
 */
import { syncCollections } from '../../../server/src/collections';
import { pullChanges, pullChangesBatch, type Reader } from '../../../server/src/sync/pull';
import { seedTestOrg, startTestServer, type TestOrg, type TestServer } from '../setup/db';
import type { SyncTarget } from './client';
import { createAppeals, editAppeal, loginAll, newFormalAppeal, type RoleKey } from './fixtures';

let server: TestServer;
let org: TestOrg;
let targets: Record<RoleKey, SyncTarget & { session: { accessToken: string } }>;
const appeals = syncCollections.find((c) => c.name === 'appeals')!;

beforeAll(async () => {
  server = await startTestServer();
  org = await seedTestOrg(server.pool);
  targets = await loginAll(server, org);
});
afterAll(async () => {
  await server?.close();
});

async function readerOf(key: RoleKey): Promise<Reader> {
  const user = org.users[key];
  const session = await server.pool.query<{ id: string }>(
    'SELECT id FROM auth_sessions WHERE user_id = $1 AND revoked_at IS NULL ORDER BY created_at DESC LIMIT 1',
    [user.id],
  );
  return { userId: user.id, orgId: org.organisation.id, sessionId: session.rows[0]!.id };
}

describe('the streams’ shared read', () => {
  it('gives every reader exactly what its own pull gives: scope, exits, entries, revoked sessions', async () => {
    const orgId = org.organisation.id;
    const { d1, d2 } = org.departments;
    const created = await createAppeals(server.pool, targets.supervisor, [
      newFormalAppeal(orgId, d1.id, { subject: 'Первый отдел' }),
      newFormalAppeal(orgId, d2.id, { subject: 'Второй отдел' }),
      newFormalAppeal(orgId, d1.id, { subject: 'Уйдёт во второй' }),
    ]);
    const middle = Number(
      (await server.pool.query('SELECT max(seq) AS seq FROM sync_appeals WHERE org_id = $1', [orgId])).rows[0]
        .seq,
    );
    // Reassigned: an exit for d1's operator and head, an entry for d2's.
    const moved = await editAppeal(server.pool, targets.supervisor, created[2].id, { departmentId: d2.id });
    expect(moved.body).toEqual({ conflicts: [], refusals: [] });
    await editAppeal(server.pool, targets.supervisor, created[0].id, { subject: 'Первый отдел, изменено' });

    const keys: RoleKey[] = ['operator1', 'operator2', 'head1', 'head2', 'supervisor', 'admin'];
    const readers = await Promise.all(keys.map(readerOf));
    // head2's session is revoked: it reads nothing, alone or together.
    const logout = await fetch(`${server.url}/api/v1/auth/logout`, {
      method: 'POST',
      headers: targets.head2.headers,
    });
    expect(logout.status).toBe(204);

    const asked = [
      ...readers.map((reader) => ({ reader, since: { seq: 0 } })),
      ...readers.map((reader) => ({ reader, since: { seq: middle } })),
    ];
    const together = await pullChangesBatch(server.pool, appeals, orgId, asked, 100);
    const alone = await Promise.all(
      asked.map((a) => pullChanges(server.pool, appeals, a.reader, a.since, 100)),
    );
    expect(together.map((t) => t.result)).toEqual(alone);
    expect(together.every((t) => !t.full)).toBe(true);

    const idsOf = (i: number) =>
      alone[i]!.documents.map((d) => JSON.parse(d) as { id: string; _deleted: boolean });
    // operator2 (d2) never sees d1's appeal; operator1 gets the moved one as a tombstone after `middle`.
    expect(idsOf(1).map((d) => d.id)).not.toContain(created[0].id);
    expect(idsOf(keys.length).find((d) => d.id === created[2].id)?._deleted).toBe(true);
    expect(idsOf(keys.length + 1).find((d) => d.id === created[2].id)?._deleted).toBe(false);
    expect(idsOf(3)).toEqual([]);
    expect(idsOf(4)).toHaveLength(3);
  });

  it('says a reader’s rows filled the limit, so its stream reads on alone', async () => {
    const orgId = org.organisation.id;
    const [reader] = await Promise.all([readerOf('supervisor')]);
    const [first, rest] = await pullChangesBatch(
      server.pool,
      appeals,
      orgId,
      [
        { reader: reader!, since: { seq: 0 } },
        { reader: reader!, since: { seq: Number.MAX_SAFE_INTEGER - 1 } },
      ],
      2,
    );
    expect(first).toMatchObject({ full: true });
    expect(first!.result.documents).toHaveLength(2);
    expect(rest).toEqual({
      result: { documents: [], checkpoint: { seq: Number.MAX_SAFE_INTEGER - 1 } },
      full: false,
    });
  });
});
