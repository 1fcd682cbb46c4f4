/**
 * The organisation's incident-or-not learner (issue 13): «Не инцидент» (close_non_incident) and
 * «Это инцидент» / the first categorising of a chat message, pushed by a desktop, are each recorded
 * beside the suggestion made on arrival and learnt; the next message of that kind is suggested as the
 * organisation decided, and «Подсказки» counts the decisions in incident-or-not accuracy.
 */
import { seedDemo } from '../../../server/src/accounts/seed-demo';
import { learnFromDecision, triageAppeal } from '../../../server/src/triage';
import { applyAction } from '../../../shared/domain/status-machine';
import { departmentFromChannel } from '../../../shared/triage/reasons';
import { type TelegramFake, type TelegramWebhookDriver, tgMessageUpdate, tgUser } from '../../fakes';
import { startTestServer, type TestServer } from '../setup/db';
import { callApi, type Json, pushRows, type SyncTarget } from '../sync/client';
import { appealWithText, signInDemo, telegramBot } from './support';

let server: TestServer;
let tg: TelegramFake;
let driver: TelegramWebhookDriver;
let orgId: string;
let supervisor: SyncTarget;
let supervisorId: string;

beforeAll(async () => {
  server = await startTestServer();
  const seeded = await seedDemo(server.pool);
  orgId = seeded.organisation.id;
  const departments = new Map(seeded.departments.map((d) => [d.code, d.id]));
  ({ tg, driver } = await telegramBot(server, {
    orgId,
    defaultDepartmentId: departments.get('ДТ')!,
    token: '135713:incident-bot',
    secretToken: 'tg-secret_token-incident',
  }));
  supervisor = await signInDemo(server, 'demo-supervisor');
  const found = await server.pool.query<{ id: string }>('SELECT id FROM users WHERE login = $1', [
    'demo-supervisor',
  ]);
  supervisorId = found.rows[0]!.id;
});
afterAll(async () => {
  await tg?.close();
  await server?.close();
});

let nextUser = 135713000;
async function message(text: string): Promise<Json> {
  const report = await driver.send(
    tgMessageUpdate({
      from: tgUser({ id: ++nextUser, first_name: 'Житель', last_name: `Номер${nextUser}` }),
      text,
    }),
  );
  expect(report.accepted).toBe(true);
  const appeal = await appealWithText(server, text);
  expect(appeal, text).toBeTruthy();
  return appeal;
}

/** What a desktop pushes for «Не инцидент» (renderer/appeal-actions/accept-triage.ts closeNonIncident). */
async function closeNonIncident(appeal: Json): Promise<void> {
  const now = Date.now();
  const done = applyAction(
    appeal,
    'close_non_incident',
    { role: 'supervisor', userId: supervisorId, departmentIds: [] },
    undefined,
    now,
  );
  if (!done.ok) throw new Error(done.error.code);
  const pushed = await pushRows(supervisor, 'appeals', [
    {
      assumedMasterState: appeal,
      newDocumentState: { ...appeal, ...done.value.changes, status: done.value.status, updatedAt: now },
    },
  ]);
  expect(pushed.body.refusals ?? []).toEqual([]);
}

/** What a desktop pushes for «Это инцидент» (markIncident): the category as suggested, else a choice. */
async function markIncident(appeal: Json): Promise<void> {
  const pushed = await pushRows(supervisor, 'appeals', [
    {
      assumedMasterState: appeal,
      newDocumentState: {
        ...appeal,
        category: 'roads',
        subcategory: 'roads.potholes',
        updatedAt: Date.now(),
      },
    },
  ]);
  expect(pushed.body.refusals ?? []).toEqual([]);
}

describe('incident or not learns from the organisation’s decisions', () => {
  it('after its «Не инцидент» on thanks for repairs, the next such thanks is suggested as no incident', async () => {
    const probe = 'Спасибо за ремонт дороги на улице Садовой';
    const before = await triageAppeal(server.pool, orgId, probe, Date.now());
    expect(before?.incident.value).toBe(true);
    const accuracyBefore = await callApi(supervisor, 'GET', '/api/v1/triage/accuracy');
    expect(accuracyBefore.body.incident).toEqual({ decisions: 0, suggested: 0, accuracy: null });

    for (const thanks of [
      'Спасибо за ремонт дороги в селе Верхнем',
      'Спасибо за ремонт дороги на Лесной',
      'Благодарим за ремонт дороги на улице Гагарина',
      'Спасибо за ремонт дорожного покрытия на Мира',
      'Спасибо за ремонт дороги к кладбищу',
    ])
      await closeNonIncident(await message(thanks));
    for (const complaint of [
      'Когда будет ремонт дороги на Садовой, сплошные ямы',
      'Дорогу на Лесной обещали отремонтировать и не сделали',
    ])
      await markIncident(await message(complaint));

    const decisions = await server.pool.query<{ suggested: boolean | null; chosen: boolean }>(
      'SELECT suggested, chosen FROM triage_incident_decisions WHERE org_id = $1 ORDER BY id',
      [orgId],
    );
    expect(decisions.rows.map((row) => row.chosen)).toEqual([false, false, false, false, false, true, true]);
    expect(decisions.rows.every((row) => row.suggested !== null)).toBe(true);
    const learner = await server.pool.query<{ decisions: number; state: Json }>(
      'SELECT decisions, state FROM triage_incident_learners WHERE org_id = $1',
      [orgId],
    );
    expect(learner.rows[0]?.decisions).toBe(7);
    // Hash buckets and weights only: no word of the messages is kept.
    expect(JSON.stringify(learner.rows[0]?.state)).not.toMatch(/[а-яё]/i);

    const after = await message(probe);
    expect(after.triage.incident.value).toBe(false);
    expect(after.triage.incident.because).toContain('спасиб');

    const right = decisions.rows.filter((row) => row.suggested === row.chosen).length;
    const accuracy = await callApi(supervisor, 'GET', '/api/v1/triage/accuracy');
    expect(accuracy.status).toBe(200);
    expect(accuracy.body.incident).toEqual({
      decisions: 7,
      suggested: 7,
      accuracy: Number((right / 7).toFixed(3)),
    });
  });

  it('another organisation’s suggestions are not moved by these decisions', async () => {
    await server.pool.query("INSERT INTO organisations (id, name) VALUES ('org-incident-other', 'Другая')");
    const probe = 'Спасибо за ремонт дороги на улице Садовой';
    expect((await triageAppeal(server.pool, 'org-incident-other', probe, Date.now()))?.incident.value).toBe(
      true,
    );
  });
});

describe('a department suggestion before the organisation’s first decision', () => {
  it('is the channel’s default department, saying so; the learner’s once it knows', async () => {
    await server.pool.query("INSERT INTO organisations (id, name) VALUES ('org-first-day', 'Первый день')");
    const text = 'Третий день нет горячей воды в доме';
    const none = await triageAppeal(server.pool, 'org-first-day', text, Date.now());
    expect(none?.department).toEqual([]);
    const first = await triageAppeal(
      server.pool,
      'org-first-day',
      text,
      Date.now(),
      undefined,
      'dep-default',
    );
    expect(first?.department).toEqual([
      { value: 'dep-default', confidence: 0.5, because: [departmentFromChannel] },
    ]);
    await learnFromDecision(server.pool, {
      orgId: 'org-first-day',
      appealId: 'appeal-first-day',
      text: 'Нет горячей воды, течёт стояк',
      departmentId: 'dep-housing',
      suggested: 'dep-default',
    });
    const learnt = await triageAppeal(
      server.pool,
      'org-first-day',
      text,
      Date.now(),
      undefined,
      'dep-default',
    );
    expect(learnt?.department[0]?.value).toBe('dep-housing');
    expect(learnt?.department[0]?.because).not.toContain(departmentFromChannel);
  });
});
