/**
 * Triage on the server (issue 13): every appeal the server creates or takes from a desktop carries the
 * suggestion made on arrival — incident or not, category (portal subcategory mapped to a working
 * category), the organisation's department from its learner, urgency — and a desktop cannot set it.
 */
import { demoPassword, seedDemo } from '../../../server/src/accounts/seed-demo';
import { createChannelAccount } from '../../../server/src/channels/accounts';
import type { ChannelAccount } from '../../../server/src/channels/types';
import {
  startTelegramFake,
  type TelegramFake,
  TelegramWebhookDriver,
  tgMessageUpdate,
  tgUser,
} from '../../fakes';
import { startTestServer, type TestServer } from '../setup/db';
import { type Json, pullAll, pushRows, type SyncTarget } from '../sync/client';

const secretToken = 'tg-secret_token-triage';
const citizen = tgUser({ id: 131313131, first_name: 'Анна', last_name: 'Смирнова' });
const grateful = tgUser({ id: 131313132, first_name: 'Пётр', last_name: 'Орлов' });

let server: TestServer;
let tg: TelegramFake;
let account: ChannelAccount;
let driver: TelegramWebhookDriver;
let departments: Map<string, string>;

async function signIn(login: string): Promise<SyncTarget> {
  const response = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password: demoPassword }),
  });
  const { accessToken } = await response.json();
  return { url: server.url, headers: { authorization: `Bearer ${accessToken}` } };
}

async function appealWithText(text: string): Promise<Json> {
  await server.app.okno.inboundDrained();
  const found = await server.pool.query<{ doc: Json }>(
    `SELECT doc FROM sync_appeals WHERE doc->>'text' = $1`,
    [text],
  );
  return found.rows[0]?.doc;
}

beforeAll(async () => {
  server = await startTestServer();
  const seeded = await seedDemo(server.pool);
  departments = new Map(seeded.departments.map((d) => [d.code, d.id]));
  tg = await startTelegramFake({ token: '131313:triage-bot' });
  // The bot's chats go to the roads department by default: the suggestion must come from the text.
  account = await createChannelAccount(server.pool, {
    orgId: seeded.organisation.id,
    defaultDepartmentId: departments.get('ДТ')!,
    allowedSources: ['127.0.0.1/32'],
    network: 'telegram',
    accountId: '131313',
    apiBaseUrl: tg.url,
    apiToken: '131313:triage-bot',
    webhookSecret: secretToken,
  });
  driver = new TelegramWebhookDriver({
    url: `${server.url}/api/v1/channels/${account.network}/${account.pathToken}`,
    secretToken,
  });
});
afterAll(async () => {
  await tg?.close();
  await server?.close();
});

describe('triage of incoming messages', () => {
  it('the acceptance line: no hot water for three days with a small child is an urgent ЖКХ incident for the ЖКХ department', async () => {
    const text = 'на Ленина 5 третий день нет горячей воды, маленький ребёнок';
    const report = await driver.send(tgMessageUpdate({ from: citizen, text }));
    expect(report.accepted).toBe(true);
    const appeal = await appealWithText(text);
    expect(appeal).toMatchObject({ regime: 'incident', channel: 'telegram' });
    const triage = appeal.triage;
    expect(triage.incident.value).toBe(true);
    expect(triage.urgency).toMatchObject({ urgent: true });
    expect(triage.urgency.signs).toContain('no-water');
    expect(triage.category[0]).toMatchObject({ category: 'utilities', subcategory: 'utilities.hot-water' });
    expect(triage.category[0].because.length).toBeGreaterThan(0);
    expect(triage.department[0].value).toBe(departments.get('ЖКХ'));
    expect(triage.department[0].confidence).toBeGreaterThan(0.5);
    // The suggestion reaches the desktop with the appeal.
    const pulled: Json[] = await pullAll(await signIn('demo-supervisor'), 'appeals');
    expect(pulled.find((a) => a.id === appeal.id)?.triage).toEqual(triage);
  });

  it('thanks opening a chat are suggested as not an incident', async () => {
    const text = 'Спасибо вам большое, хорошего дня!';
    await driver.send(tgMessageUpdate({ from: grateful, text }));
    const appeal = await appealWithText(text);
    expect(appeal.triage.incident.value).toBe(false);
    expect(appeal.triage.urgency.urgent).toBe(false);
  });

  it("a desktop's new appeal gets the server's suggestion; a desktop cannot write one", async () => {
    const supervisor = await signIn('demo-supervisor');
    const appeals: Json[] = await pullAll(supervisor, 'appeals');
    const demo = appeals.find((a) => a.channel !== 'telegram' && a.triage !== null);
    expect(demo?.triage.category.length).toBeGreaterThan(0);

    const forged = {
      ...demo.triage,
      department: [{ value: departments.get('СЗ'), confidence: 1, because: ['подделка'] }],
    };
    const pushed = await pushRows(
      supervisor,
      'appeals',
      [{ assumedMasterState: demo, newDocumentState: { ...demo, triage: forged } }],
      'refusals=1',
    );
    expect(pushed.status).toBe(200);
    expect(JSON.stringify(pushed.body)).toContain('sync:refusal.serverOwned');
    const stored = await server.pool.query<{ doc: Json }>('SELECT doc FROM sync_appeals WHERE id = $1', [
      demo.id,
    ]);
    expect(stored.rows[0]!.doc.triage).toEqual(demo.triage);
  });
});
