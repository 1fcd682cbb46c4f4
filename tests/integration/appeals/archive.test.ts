/**
 * The archive (issue 11): closed appeals stay findable in the caller's scope. A desktop keeps the
 * last `localArchiveDays` of them (the pull leaves older ones out) and finds older ones through
 * `GET /api/v1/archive/appeals` (server/src/appeals/archive.ts), paged and audited.
 */
import { localArchiveCutoff } from '../../../shared/model/archive';
import { seedTestOrg, startTestServer, type TestOrg, type TestServer } from '../setup/db';
import { type Json, pullAll, type SyncTarget } from '../sync/client';
import { createAppeals, editAppeal, loginAll, newFormalAppeal, type RoleKey } from '../sync/fixtures';

const day = 86_400_000;

describe('the archive', () => {
  let server: TestServer;
  let org: TestOrg;
  let as: Record<RoleKey, SyncTarget>;

  beforeAll(async () => {
    server = await startTestServer();
    org = await seedTestOrg(server.pool);
    as = await loginAll(server, org);
  });
  afterAll(async () => {
    await server.close();
  });

  /** A formal appeal of `department`, closed with an art. 11 outcome at `closedAt`. */
  async function closedAppeal(department: 'd1' | 'd2', subject: string, closedAt: number): Promise<Json> {
    const target = department === 'd1' ? as.operator1 : as.operator2;
    const appeal = newFormalAppeal(org.organisation.id, org.departments[department].id, {
      subject,
      receivedAt: closedAt - day,
      updatedAt: closedAt - day,
    });
    await createAppeals(server.pool, target, [appeal]);
    const closed = await editAppeal(server.pool, target, appeal.id, {
      status: 'closed',
      art11Outcome: 'unreadable',
      result: 'left_without_answer',
      classifierCode: '0001.0001.0001.0001',
      closedAt,
      updatedAt: Date.now(),
    });
    expect(closed.body.refusals).toEqual([]);
    return { ...closed.master, ...appeal, registrationNumber: closed.master.registrationNumber, closedAt };
  }

  async function search(target: SyncTarget, query: Record<string, string | number>) {
    const params = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]));
    const response = await fetch(`${server.url}/api/v1/archive/appeals?${params}`, {
      headers: target.headers,
    });
    return { status: response.status, body: (await response.json()) as Json, headers: response.headers };
  }

  it('finds a closed appeal by a word of its subject in any form, within the caller’s departments only', async () => {
    const mine = await closedAppeal('d1', 'Разбитые фонари во дворе', Date.now() - 2 * day);
    const theirs = await closedAppeal('d2', 'Разбитый фонарь у школы', Date.now() - 2 * day);
    const found = await search(as.operator1, { q: 'фонарь' });
    expect(found.status).toBe(200);
    expect(found.headers.get('cache-control')).toBe('no-store');
    const ids = found.body.appeals.map((a: Json) => a.id);
    expect(ids).toContain(mine.id);
    expect(ids).not.toContain(theirs.id);
    const byNumber = await search(as.operator1, { q: mine.registrationNumber });
    expect(byNumber.body.appeals.map((a: Json) => a.id)).toEqual([mine.id]);
    const supervisor = await search(as.supervisor, { q: 'фонарь' });
    expect(supervisor.body.appeals.map((a: Json) => a.id)).toEqual(
      expect.arrayContaining([mine.id, theirs.id]),
    );
    const otherOperator = await search(as.operator2, { q: 'фонари во дворе' });
    expect(otherOperator.body.appeals.map((a: Json) => a.id)).not.toContain(mine.id);
  });

  it('leaves an appeal closed before the local window out of the pull and finds it on the server', async () => {
    const old = await closedAppeal(
      'd1',
      'Старая жалоба на шум стройки',
      localArchiveCutoff(Date.now()) - 5 * day,
    );
    const recent = await closedAppeal('d1', 'Свежая жалоба на шум стройки', Date.now() - day);
    const pulled = (await pullAll(as.operator1, 'appeals')).map((a: Json) => a.id);
    expect(pulled).toContain(recent.id);
    expect(pulled).not.toContain(old.id);
    const older = await search(as.operator1, {
      q: 'шум стройки',
      closedBefore: localArchiveCutoff(Date.now()),
    });
    expect(older.body.appeals.map((a: Json) => a.id)).toEqual([old.id]);
    expect(older.body.appeals[0].subject).toBe('Старая жалоба на шум стройки');
  });

  it('pages newest closure first with a cursor, and audits what it showed without the words searched', async () => {
    const base = Date.now() - 10 * day;
    const appeals = [];
    for (let i = 0; i < 3; i++) appeals.push(await closedAppeal('d2', `Снос гаражей ${i}`, base + i * 1000));
    const first = await search(as.head2, { q: 'гаражей', limit: 2 });
    expect(first.body.appeals.map((a: Json) => a.id)).toEqual([appeals[2].id, appeals[1].id]);
    expect(first.body.next).toEqual(expect.any(String));
    const second = await search(as.head2, { q: 'гаражей', limit: 2, cursor: first.body.next });
    expect(second.body.appeals.map((a: Json) => a.id)).toEqual([appeals[0].id]);
    expect(second.body.next).toBeNull();
    const audit = await server.pool.query(
      `SELECT details FROM audit_log WHERE org_id = $1 AND action = 'archive.search' AND actor_user_id = $2
        ORDER BY at`,
      [org.organisation.id, org.users.head2.id],
    );
    expect(audit.rows.map((r) => r.details.appealIds)).toEqual([
      [appeals[2].id, appeals[1].id],
      [appeals[0].id],
    ]);
    expect(audit.rows[0].details.words).toBe(true);
    expect(JSON.stringify(audit.rows)).not.toContain('гараж');
  });

  it('filters by status, channel and department like the lists do', async () => {
    const appeal = await closedAppeal('d1', 'Уборка снега на остановке', Date.now() - day);
    const closed = await search(as.supervisor, { q: 'снега', status: 'closed', channel: appeal.channel });
    expect(closed.body.appeals.map((a: Json) => a.id)).toContain(appeal.id);
    const forwarded = await search(as.supervisor, { q: 'снега', status: 'forwarded' });
    expect(forwarded.body.appeals).toEqual([]);
    const otherDepartment = await search(as.supervisor, { q: 'снега', departmentId: org.departments.d2.id });
    expect(otherDepartment.body.appeals).toEqual([]);
    const nobodys = await search(as.supervisor, { q: 'снега', assigneeId: '' });
    expect(nobodys.body.appeals.map((a: Json) => a.id)).toContain(appeal.id);
    const someones = await search(as.supervisor, { q: 'снега', assigneeId: org.users.operator1.id });
    expect(someones.body.appeals).toEqual([]);
  });

  it('leaves out an appeal an administrator deleted', async () => {
    const appeal = await closedAppeal('d1', 'Удалённая жалоба на парковку', Date.now() - day);
    const deleted = await editAppeal(server.pool, as.admin, appeal.id, {
      _deleted: true,
      updatedAt: Date.now(),
    });
    expect(deleted.body.refusals).toEqual([]);
    const found = await search(as.supervisor, { q: 'парковку' });
    expect(found.body.appeals.map((a: Json) => a.id)).not.toContain(appeal.id);
  });

  it('answers bad input with a 400 error body and audits nothing', async () => {
    const bad: Record<string, string | number>[] = [
      { status: 'new' },
      { limit: 0 },
      { cursor: 'x' },
      { unknown: 1 },
    ];
    for (const query of bad) {
      const answer = await search(as.operator1, query);
      expect(answer.status).toBe(400);
      expect(answer.body.error.code).toEqual(expect.any(String));
    }
    const unauthenticated = await fetch(`${server.url}/api/v1/archive/appeals`);
    expect(unauthenticated.status).toBe(401);
  });
});
