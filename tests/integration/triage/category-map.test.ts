/**
 * The organisation's category mapping (issue 13): a supervisor or administrator maps a portal (ПОС)
 * subcategory to another working subcategory or back to the default; each change is audited old → new
 * and listed in «Журнал администратора»; intake's next suggestion uses it at once. Operators and
 * heads cannot read or change it; another organisation sees only its own.
 */
import { seedDemo } from '../../../server/src/accounts/seed-demo';
import { defaultWorkingSubcategory } from '../../../shared/triage/working-category';
import { type TelegramFake, type TelegramWebhookDriver, tgMessageUpdate, tgUser } from '../../fakes';
import { shippedModel } from '../../unit/shared/triage/shipped-model';
import { loginAs, seedTestOrg, startTestServer, type TestServer } from '../setup/db';
import { callApi, type Json } from '../sync/client';
import { appealWithText, signInDemo, telegramBot } from './support';

const secretToken = 'tg-secret_token-category-map';
let citizenId = 151515150;

let server: TestServer;
let tg: TelegramFake;
let driver: TelegramWebhookDriver;
let orgId: string;

const signIn = (login: string) => signInDemo(server, login);

/** A message from a new citizen (a chat of their own) through the Telegram fake; the appeal intake made of it. */
async function messageAppeal(text: string): Promise<Json> {
  citizenId += 1;
  const citizen = tgUser({ id: citizenId, first_name: 'Олег', last_name: 'Жуков' });
  const report = await driver.send(tgMessageUpdate({ from: citizen, text }));
  expect(report.accepted).toBe(true);
  return appealWithText(server, text);
}

const mapUrl = '/api/v1/triage/category-map';
const resetUrl = (portal: string) => `${mapUrl}?portal=${encodeURIComponent(portal)}`;

beforeAll(async () => {
  server = await startTestServer();
  const seeded = await seedDemo(server.pool);
  orgId = seeded.organisation.id;
  ({ tg, driver } = await telegramBot(server, {
    orgId,
    defaultDepartmentId: seeded.departments[0]!.id,
    token: '151515:map-bot',
    secretToken,
  }));
});
afterAll(async () => {
  await tg?.close();
  await server?.close();
});

describe('the category mapping', () => {
  it('lists every portal subcategory of the model with its default working subcategory', async () => {
    const listed = await callApi(await signIn('demo-supervisor'), 'GET', mapUrl);
    expect(listed.status).toBe(200);
    const portals = shippedModel().category.classes;
    expect(listed.body.rows.map((row: Json) => row.portal)).toEqual([...portals]);
    for (const row of listed.body.rows) {
      expect(row).toMatchObject({
        defaultSubcategory: defaultWorkingSubcategory(row.portal),
        subcategory: defaultWorkingSubcategory(row.portal),
        edited: false,
        updatedAt: null,
      });
    }
  });

  it('an edited row is used by the next suggestion at once, audited old → new and in the journal; reset puts it back', async () => {
    const first = await messageAppeal('Огромная яма на дороге по улице Садовой, вчера пробил колесо');
    const portal: string = first.triage.category[0].value;
    const before: string = first.triage.category[0].subcategory;
    const edited = before === 'courtyards.yard-repair' ? 'roads.potholes' : 'courtyards.yard-repair';

    const supervisor = await signIn('demo-supervisor');
    const put = await callApi(supervisor, 'PUT', mapUrl, { portal, subcategory: edited });
    expect(put).toMatchObject({ status: 200, body: { portal, subcategory: edited, old: before } });
    const listed = await callApi(supervisor, 'GET', mapUrl);
    expect(listed.body.rows.find((row: Json) => row.portal === portal)).toMatchObject({
      subcategory: edited,
      defaultSubcategory: before,
      edited: true,
    });

    const second = await messageAppeal(
      'Яма на дороге по улице Садовой у дома так и не заделана, колёса бьём',
    );
    const mapped = second.triage.category.find((c: Json) => c.value === portal);
    expect(mapped).toMatchObject({ category: edited.split('.')[0], subcategory: edited });

    const audit = await server.pool.query<Json>(
      `SELECT actor_user_id, fields FROM audit_log WHERE org_id = $1 AND action = 'triage.categoryMap.set'`,
      [orgId],
    );
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0]!.fields).toEqual({ [portal]: { old: before, new: edited } });

    const admin = await signIn('demo-admin');
    const journal = await callApi(admin, 'GET', '/api/v1/admin/journal?kind=organisation');
    expect(journal.status).toBe(200);
    expect(journal.body.entries[0]).toMatchObject({
      action: 'triage.categoryMap.set',
      fields: { [portal]: { old: before, new: edited } },
    });

    const reset = await callApi(admin, 'DELETE', resetUrl(portal));
    expect(reset).toMatchObject({ status: 200, body: { portal, subcategory: before, reset: true } });
    const third = await messageAppeal('Яма на дороге по улице Садовой снова, третий раз пишу про колесо');
    const back = third.triage.category.find((c: Json) => c.value === portal);
    expect(back?.subcategory).toBe(before);
    const journalAfter = await callApi(admin, 'GET', '/api/v1/admin/journal?kind=organisation');
    expect(journalAfter.body.entries[0]).toMatchObject({
      action: 'triage.categoryMap.reset',
      fields: { [portal]: { old: edited, new: before } },
    });
    // Resetting a row that is not edited changes nothing and audits nothing.
    expect(await callApi(admin, 'DELETE', resetUrl(portal))).toMatchObject({
      status: 200,
      body: { reset: false },
    });
    const resets = await server.pool.query(
      `SELECT 1 FROM audit_log WHERE org_id = $1 AND action = 'triage.categoryMap.reset'`,
      [orgId],
    );
    expect(resets.rowCount).toBe(1);
  });

  it('choosing the default working subcategory for an edited row resets it, audited as a reset', async () => {
    const supervisor = await signIn('demo-supervisor');
    const portal = 'Безнадзорные животные';
    const byDefault = defaultWorkingSubcategory(portal);
    expect(await callApi(supervisor, 'PUT', mapUrl, { portal, subcategory: 'other.other' })).toMatchObject({
      status: 200,
    });
    expect(await callApi(supervisor, 'PUT', mapUrl, { portal, subcategory: byDefault })).toMatchObject({
      status: 200,
      body: { portal, subcategory: byDefault, old: 'other.other' },
    });
    const listed = await callApi(supervisor, 'GET', mapUrl);
    expect(listed.body.rows.find((row: Json) => row.portal === portal)).toMatchObject({
      subcategory: byDefault,
      edited: false,
    });
    const audit = await server.pool.query<Json>(
      `SELECT fields FROM audit_log WHERE org_id = $1 AND action = 'triage.categoryMap.reset' ORDER BY id DESC LIMIT 1`,
      [orgId],
    );
    expect(audit.rows[0]!.fields).toEqual({ [portal]: { old: 'other.other', new: byDefault } });
  });

  it('refuses an unknown portal subcategory or working subcategory by name (400), storing nothing', async () => {
    const supervisor = await signIn('demo-supervisor');
    const portal = shippedModel().category.classes[0]!;
    const unknownPortal = await callApi(supervisor, 'PUT', mapUrl, {
      portal: 'Погода на завтра',
      subcategory: 'roads.potholes',
    });
    expect(unknownPortal).toMatchObject({
      status: 400,
      body: { error: { code: 'unknown_portal_category' } },
    });
    expect(unknownPortal.body.error.message).toContain('Погода на завтра');
    const unknownWorking = await callApi(supervisor, 'PUT', mapUrl, { portal, subcategory: 'roads.weather' });
    expect(unknownWorking).toMatchObject({ status: 400, body: { error: { code: 'unknown_category' } } });
    expect(unknownWorking.body.error.message).toContain('roads.weather');
    const category = await callApi(supervisor, 'PUT', mapUrl, { portal, subcategory: 'roads' });
    expect(category).toMatchObject({ status: 400, body: { error: { code: 'unknown_category' } } });
    const missing = await callApi(supervisor, 'PUT', mapUrl, { portal });
    expect(missing.status).toBe(400);
    expect((await callApi(supervisor, 'DELETE', resetUrl('Погода на завтра'))).status).toBe(400);
    const stored = await server.pool.query('SELECT 1 FROM triage_category_map');
    expect(stored.rowCount).toBe(0);
  });

  it('operators and heads may not read or edit it (403); another organisation sees only its own', async () => {
    const portal = shippedModel().category.classes[0]!;
    const edited =
      defaultWorkingSubcategory(portal) === 'roads.parking' ? 'roads.sidewalks' : 'roads.parking';
    for (const login of ['demo-operator', 'demo-head']) {
      const target = await signIn(login);
      expect((await callApi(target, 'GET', mapUrl)).status).toBe(403);
      expect((await callApi(target, 'PUT', mapUrl, { portal, subcategory: edited })).status).toBe(403);
      expect((await callApi(target, 'DELETE', resetUrl(portal))).status).toBe(403);
    }
    expect(
      await callApi(await signIn('demo-supervisor'), 'PUT', mapUrl, { portal, subcategory: edited }),
    ).toMatchObject({ status: 200 });

    const other = await seedTestOrg(server.pool);
    const stranger = await loginAs(server, other.users.admin);
    const target = { url: server.url, headers: stranger.headers };
    const theirs = await callApi(target, 'GET', mapUrl);
    expect(theirs.body.rows.find((row: Json) => row.portal === portal)).toMatchObject({ edited: false });
    // Their reset does not touch this organisation's row.
    expect(await callApi(target, 'DELETE', resetUrl(portal))).toMatchObject({ body: { reset: false } });
    const ours = await callApi(await signIn('demo-supervisor'), 'GET', mapUrl);
    expect(ours.body.rows.find((row: Json) => row.portal === portal)).toMatchObject({
      subcategory: edited,
      edited: true,
    });
  });
});

describe("the screen's other readings", () => {
  it("lists automatic decisions with their outcome and the accuracy by department, the organisation's own only", async () => {
    const supervisor = await signIn('demo-supervisor');
    const departments = await server.pool.query<{ id: string }>(
      'SELECT id FROM departments WHERE org_id = $1 ORDER BY code',
      [orgId],
    );
    const [a, b] = departments.rows.map((row) => row.id);
    const appeal = await messageAppeal('Не горит фонарь у остановки на улице Садовой');
    // As intake records it: the appeal went from `from` to where it is now.
    const from = departments.rows.map((row) => row.id).find((id) => id !== appeal.departmentId)!;
    await server.pool.query(
      `INSERT INTO triage_auto_decisions (org_id, appeal_id, decided_at, from_department_id, to_department_id, confidence, threshold)
       VALUES ($1, $2, now(), $3, $4, 0.91, 0.8)`,
      [orgId, appeal.id, from, appeal.departmentId],
    );
    const byDepartment = async () =>
      (await callApi(supervisor, 'GET', '/api/v1/triage/accuracy/departments')).body.departments.find(
        (d: Json) => d.departmentId === a,
      ) ?? { decisions: 0, suggested: 0 };
    const before = await byDepartment();
    await server.pool.query(
      `INSERT INTO triage_decisions (org_id, appeal_id, decided_at, suggested_department_id, chosen_department_id)
       VALUES ($1, 'x1', now(), $2, $2), ($1, 'x2', now(), $3, $2), ($1, 'x3', now() - interval '40 days', $2, $2)`,
      [orgId, a, b],
    );
    const listed = await callApi(supervisor, 'GET', '/api/v1/triage/auto-routing/decisions');
    expect(listed.status).toBe(200);
    expect(listed.body.decisions[0]).toMatchObject({
      appealId: appeal.id,
      fromDepartmentId: from,
      toDepartmentId: appeal.departmentId,
      confidence: 0.91,
      threshold: 0.8,
      outcome: 'standing',
      subject: appeal.subject,
      undoneAt: null,
    });
    // Two decisions of the last 30 days chose `a`, one as suggested; one 40 days old does not count.
    const after = await byDepartment();
    expect(after.decisions).toBe(before.decisions + 2);
    expect(after.suggested).toBe(before.suggested + 2);
    expect(after.departmentTop1).toBeGreaterThan(0);
    expect(after.departmentTop1).toBeLessThanOrEqual(1);

    // «Отменить» on the screen: the appeal goes back, and the list says who undid it.
    const undone = await callApi(
      supervisor,
      'POST',
      `/api/v1/triage/auto-routing/decisions/${appeal.id}/undo`,
      {},
    );
    expect(undone).toMatchObject({ status: 200, body: { departmentId: from } });
    const relisted = await callApi(supervisor, 'GET', '/api/v1/triage/auto-routing/decisions');
    const shown = relisted.body.decisions.find((d: Json) => d.appealId === appeal.id);
    expect(shown).toMatchObject({ outcome: 'undone', undoneBy: expect.any(String) });
    expect(shown.undoneAt).toBeGreaterThan(0);

    const other = await seedTestOrg(server.pool);
    const stranger = await loginAs(server, other.users.supervisor);
    const target = { url: server.url, headers: stranger.headers };
    expect(await callApi(target, 'GET', '/api/v1/triage/auto-routing/decisions')).toMatchObject({
      status: 200,
      body: { decisions: [] },
    });
    expect(await callApi(target, 'GET', '/api/v1/triage/accuracy/departments')).toMatchObject({
      body: { departments: [] },
    });
    expect(
      (await callApi(await signIn('demo-operator'), 'GET', '/api/v1/triage/auto-routing/decisions')).status,
    ).toBe(403);
  });
});
