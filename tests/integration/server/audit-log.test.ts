import { appendAudit, entityHistory } from '../../../server/src/audit/audit';
import { createTestDatabase, loginAs, seedTestOrg, startTestServer, type TestDatabase } from '../setup/db';

describe('audit log', () => {
  let db: TestDatabase;
  let orgId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    orgId = (await seedTestOrg(db.pool)).organisation.id;
  });
  afterAll(async () => {
    await db.drop();
  });

  it('records who changed which fields, old → new, from which device, and reads an entity’s history in order', async () => {
    await appendAudit(db.pool, {
      orgId,
      actorUserId: 'u-1',
      deviceId: 'desk-7',
      action: 'appeal.update',
      entity: 'appeal',
      entityId: 'a-1',
      fields: { status: { old: 'new', new: 'in_progress' } },
    });
    await appendAudit(db.pool, {
      orgId,
      action: 'appeal.export',
      entity: 'appeal',
      entityId: 'a-1',
      details: { format: 'pdf' },
    });
    const history = await entityHistory(db.pool, orgId, 'appeal', 'a-1');
    expect(history.map((h) => h.action)).toEqual(['appeal.update', 'appeal.export']);
    expect(history[0]).toMatchObject({
      actorUserId: 'u-1',
      deviceId: 'desk-7',
      fields: { status: { old: 'new', new: 'in_progress' } },
    });
    expect(history[0]!.at).toBeInstanceOf(Date);
  });

  it.each([
    ['UPDATE', "UPDATE audit_log SET action = 'rewritten'"],
    ['DELETE', 'DELETE FROM audit_log'],
    ['TRUNCATE', 'TRUNCATE audit_log'],
  ])('is append-only: the database refuses %s', async (_operation, statement) => {
    const before = await db.pool.query('SELECT count(*)::int AS n FROM audit_log');
    await expect(db.pool.query(statement)).rejects.toThrow(/append-only/);
    const after = await db.pool.query('SELECT count(*)::int AS n FROM audit_log');
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  it('records account creation and sign-in', async () => {
    const server = await startTestServer();
    try {
      const org = await seedTestOrg(server.pool);
      await loginAs(server, org.users.head1, 'desk-9');
      const rows = await server.pool.query(
        'SELECT action, device_id, fields FROM audit_log WHERE entity_id = $1 ORDER BY id',
        [org.users.head1.id],
      );
      expect(rows.rows.map((r) => r.action)).toEqual(['user.create', 'auth.login']);
      expect(rows.rows[0].fields.role).toEqual({ old: null, new: 'head' });
      expect(JSON.stringify(rows.rows)).not.toContain('password');
      expect(rows.rows[1].device_id).toBe('desk-9');
    } finally {
      await server.close();
    }
  });
});
