/**
 * The category map's responsible departments (issue 13): a supervisor names the department
 * («ответственный отдел») of a working category or subcategory; until the organisation's department
 * learner has a confident answer, a message of that category arriving through a channel is suggested
 * that department, saying it comes from the category map (shared/triage/department-choice.ts), before
 * the channel account's default. Each change is audited old → new and listed in «Журнал
 * администратора»; a department of another organisation, a disabled one or an unknown category is
 * refused by name; operators and heads cannot touch it.
 */
import { createDepartment } from '../../../server/src/accounts/departments';
import { departmentFromCategoryMap, departmentFromChannel } from '../../../shared/triage/reasons';
import { type TelegramFake, type TelegramWebhookDriver, tgMessageUpdate, tgUser } from '../../fakes';
import { loginAs, seedTestOrg, startTestServer, type TestOrg, type TestServer } from '../setup/db';
import { callApi, type Json, type SyncTarget } from '../sync/client';
import { appealWithText, telegramBot } from './support';

const secretToken = 'tg-secret_token-category-departments';
let citizenId = 161616160;

let server: TestServer;
let tg: TelegramFake;
let driver: TelegramWebhookDriver;
let org: TestOrg;
let supervisor: SyncTarget;

const departmentUrl = '/api/v1/triage/category-map/department';
const resetUrl = (category: string) => `${departmentUrl}?category=${encodeURIComponent(category)}`;

/** A message from a new citizen through the Telegram fake and the real webhook; the appeal intake made of it. */
async function messageAppeal(text: string): Promise<Json> {
  citizenId += 1;
  const citizen = tgUser({ id: citizenId, first_name: 'Ирина', last_name: 'Белова' });
  const report = await driver.send(tgMessageUpdate({ from: citizen, text }));
  expect(report.accepted).toBe(true);
  return appealWithText(server, text);
}

const auditOf = async (action: string) =>
  (
    await server.pool.query<{ fields: Json }>(
      'SELECT fields FROM audit_log WHERE org_id = $1 AND action = $2 ORDER BY id',
      [org.organisation.id, action],
    )
  ).rows.map((row) => row.fields);

beforeAll(async () => {
  server = await startTestServer();
  // A new organisation: no appeals, no decisions — its learner knows nothing (day one).
  org = await seedTestOrg(server.pool);
  ({ tg, driver } = await telegramBot(server, {
    orgId: org.organisation.id,
    defaultDepartmentId: org.departments.d1.id,
    token: '161616:departments-bot',
    secretToken,
  }));
  supervisor = { url: server.url, headers: (await loginAs(server, org.users.supervisor)).headers };
}, 120_000);
afterAll(async () => {
  await tg?.close();
  await server?.close();
});

describe('the category map’s responsible departments', () => {
  it('a message with no learner history gets its category’s responsible department through the webhook, before the channel’s default; audited and in the journal', async () => {
    const first = await messageAppeal('Огромная яма на дороге по улице Садовой, вчера пробил колесо');
    const category: string = first.triage.category[0].category;
    const subcategory: string = first.triage.category[0].subcategory;
    // Nothing mapped yet: the channel's default department, saying so.
    expect(first.triage.department[0]).toEqual({
      value: org.departments.d1.id,
      confidence: 0.5,
      because: [departmentFromChannel],
    });

    const put = await callApi(supervisor, 'PUT', departmentUrl, {
      category,
      departmentId: org.departments.d2.id,
    });
    expect(put).toMatchObject({
      status: 200,
      body: { category, departmentId: org.departments.d2.id, old: null },
    });
    const listed = await callApi(supervisor, 'GET', '/api/v1/triage/category-map');
    expect(listed.body.departments).toEqual([
      { category, departmentId: org.departments.d2.id, updatedAt: expect.any(Number) },
    ]);

    const second = await messageAppeal(
      'Яма на дороге по улице Садовой у дома так и не заделана, колёса бьём',
    );
    expect(second.triage.category[0].category).toBe(category);
    expect(second.triage.department[0]).toMatchObject({
      value: org.departments.d2.id,
      because: [departmentFromCategoryMap],
    });
    expect(second.triage.department[0].confidence).toBeGreaterThan(0);
    expect(second.triage.department[0].confidence).toBeLessThanOrEqual(1);
    // The channel's default follows as the next guess.
    expect(second.triage.department.map((d: Json) => d.value)).toContain(org.departments.d1.id);

    // A subcategory's own department wins over its category's.
    const d3 = await createDepartment(server.pool, {
      orgId: org.organisation.id,
      code: 'D3',
      name: 'Дорожный отдел',
    });
    expect(
      await callApi(supervisor, 'PUT', departmentUrl, { category: subcategory, departmentId: d3.id }),
    ).toMatchObject({ status: 200, body: { old: null } });
    const third = await messageAppeal('Опять яма на дороге по улице Садовой, колесо пробито второй раз');
    expect(third.triage.category[0].subcategory).toBe(subcategory);
    expect(third.triage.department[0]).toMatchObject({ value: d3.id, because: [departmentFromCategoryMap] });

    expect(await auditOf('triage.categoryDepartment.set')).toEqual([
      { [`categoryDepartment.${category}`]: { old: null, new: org.departments.d2.id } },
      { [`categoryDepartment.${subcategory}`]: { old: null, new: d3.id } },
    ]);
    // The same choice again changes nothing and audits nothing; another department is old → new.
    await callApi(supervisor, 'PUT', departmentUrl, { category: subcategory, departmentId: d3.id });
    await callApi(supervisor, 'PUT', departmentUrl, {
      category: subcategory,
      departmentId: org.departments.d1.id,
    });
    expect((await auditOf('triage.categoryDepartment.set')).at(-1)).toEqual({
      [`categoryDepartment.${subcategory}`]: { old: d3.id, new: org.departments.d1.id },
    });
    expect(await auditOf('triage.categoryDepartment.set')).toHaveLength(3);

    const admin = { url: server.url, headers: (await loginAs(server, org.users.admin)).headers };
    const journal = await callApi(admin, 'GET', '/api/v1/admin/journal?kind=organisation');
    expect(journal.body.entries[0]).toMatchObject({
      action: 'triage.categoryDepartment.set',
      fields: { [`categoryDepartment.${subcategory}`]: { old: d3.id, new: org.departments.d1.id } },
    });

    // Removed: audited old → none, and the next message is back on the channel's default.
    for (const code of [subcategory, category])
      expect(await callApi(supervisor, 'DELETE', resetUrl(code))).toMatchObject({
        status: 200,
        body: { category: code, reset: true },
      });
    expect(await callApi(supervisor, 'DELETE', resetUrl(category))).toMatchObject({
      status: 200,
      body: { reset: false },
    });
    expect(await auditOf('triage.categoryDepartment.reset')).toEqual([
      { [`categoryDepartment.${subcategory}`]: { old: org.departments.d1.id, new: null } },
      { [`categoryDepartment.${category}`]: { old: org.departments.d2.id, new: null } },
    ]);
    const journalAfter = await callApi(admin, 'GET', '/api/v1/admin/journal?kind=organisation');
    expect(journalAfter.body.entries[0]).toMatchObject({ action: 'triage.categoryDepartment.reset' });
    const fourth = await messageAppeal('Яма на дороге по улице Садовой всё ещё на месте, четвёртый раз пишу');
    expect(fourth.triage.department[0]).toMatchObject({
      value: org.departments.d1.id,
      because: [departmentFromChannel],
    });
  });

  it('refuses a department of another organisation, a disabled one, an unknown category (4xx by name), storing nothing', async () => {
    const other = await seedTestOrg(server.pool);
    const foreign = await callApi(supervisor, 'PUT', departmentUrl, {
      category: 'roads',
      departmentId: other.departments.d1.id,
    });
    expect(foreign).toMatchObject({ status: 400, body: { error: { code: 'unknown_department' } } });
    expect(foreign.body.error.message).toContain(other.departments.d1.id);
    const ghost = await callApi(supervisor, 'PUT', departmentUrl, {
      category: 'roads',
      departmentId: 'dep-none',
    });
    expect(ghost).toMatchObject({ status: 400, body: { error: { code: 'unknown_department' } } });

    const closed = await createDepartment(server.pool, {
      orgId: org.organisation.id,
      code: 'D9',
      name: 'Упразднённый отдел',
    });
    await server.pool.query('UPDATE departments SET disabled = true WHERE id = $1', [closed.id]);
    const disabled = await callApi(supervisor, 'PUT', departmentUrl, {
      category: 'roads',
      departmentId: closed.id,
    });
    expect(disabled).toMatchObject({ status: 409, body: { error: { code: 'department_disabled' } } });
    expect(disabled.body.error.message).toContain(closed.id);

    const unknown = await callApi(supervisor, 'PUT', departmentUrl, {
      category: 'roads.weather',
      departmentId: org.departments.d2.id,
    });
    expect(unknown).toMatchObject({ status: 400, body: { error: { code: 'unknown_category' } } });
    expect(unknown.body.error.message).toContain('roads.weather');
    expect((await callApi(supervisor, 'PUT', departmentUrl, { category: 'roads' })).status).toBe(400);
    expect((await callApi(supervisor, 'DELETE', resetUrl('weather'))).status).toBe(400);
    const stored = await server.pool.query('SELECT 1 FROM triage_category_departments WHERE org_id = $1', [
      org.organisation.id,
    ]);
    expect(stored.rowCount).toBe(0);
  });

  it('operators and heads may not set or remove one (403); another organisation’s list is its own', async () => {
    for (const user of [org.users.operator1, org.users.head1]) {
      const target = { url: server.url, headers: (await loginAs(server, user)).headers };
      expect(
        (
          await callApi(target, 'PUT', departmentUrl, {
            category: 'roads',
            departmentId: org.departments.d2.id,
          })
        ).status,
      ).toBe(403);
      expect((await callApi(target, 'DELETE', resetUrl('roads'))).status).toBe(403);
    }
    expect(
      await callApi(supervisor, 'PUT', departmentUrl, {
        category: 'roads',
        departmentId: org.departments.d2.id,
      }),
    ).toMatchObject({ status: 200 });
    const other = await seedTestOrg(server.pool);
    const stranger = { url: server.url, headers: (await loginAs(server, other.users.supervisor)).headers };
    expect((await callApi(stranger, 'GET', '/api/v1/triage/category-map')).body.departments).toEqual([]);
    // Their removal does not touch this organisation's row.
    expect(await callApi(stranger, 'DELETE', resetUrl('roads'))).toMatchObject({ body: { reset: false } });
    expect((await callApi(supervisor, 'GET', '/api/v1/triage/category-map')).body.departments).toHaveLength(
      1,
    );
  });
});
