/**
 * Triage on the server (issue 13): every appeal the server creates or takes from a desktop carries the
 * suggestion made on arrival — incident or not, category (portal subcategory mapped to a working
 * category), the organisation's department from its learner, urgency — and a desktop cannot set it.
 */
import { seedDemo } from '../../../server/src/accounts/seed-demo';
import type { Queryable } from '../../../server/src/db/pool';
import { triageAppeal, triageText } from '../../../server/src/triage';
import {
  learnDecision,
  newDepartmentLearner,
  suggestDepartments,
} from '../../../shared/triage/department-learner';
import { triageEvidence } from '../../../shared/triage/evidence';
import { departmentFromChannel } from '../../../shared/triage/reasons';
import { type TelegramFake, type TelegramWebhookDriver, tgMessageUpdate, tgUser } from '../../fakes';
import { appealFixture } from '../../unit/shared/model/fixtures';
import { shippedModel } from '../../unit/shared/triage/shipped-model';
import { loginAs, seedTestOrg, startTestServer, type TestServer } from '../setup/db';
import { callApi, type Json, pullAll, pushRows } from '../sync/client';
import { appealWithText, signInDemo, telegramBot } from './support';

const secretToken = 'tg-secret_token-triage';
const citizen = tgUser({ id: 131313131, first_name: 'Анна', last_name: 'Смирнова' });
const grateful = tgUser({ id: 131313132, first_name: 'Пётр', last_name: 'Орлов' });
const neighbour = tgUser({ id: 131313133, first_name: 'Ирина', last_name: 'Белова' });

let server: TestServer;
let tg: TelegramFake;
let driver: TelegramWebhookDriver;
let departments: Map<string, string>;

const signIn = (login: string) => signInDemo(server, login);

beforeAll(async () => {
  server = await startTestServer();
  const seeded = await seedDemo(server.pool);
  departments = new Map(seeded.departments.map((d) => [d.code, d.id]));
  ({ tg, driver } = await telegramBot(server, {
    orgId: seeded.organisation.id,
    defaultDepartmentId: departments.get('ДТ')!,
    token: '131313:triage-bot',
    secretToken,
  }));
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
    const appeal = await appealWithText(server, text);
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
    const appeal = await appealWithText(server, text);
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

async function auditOf(action: string, entityId: string): Promise<Json[]> {
  const found = await server.pool.query<Json>(
    'SELECT * FROM audit_log WHERE action = $1 AND entity_id = $2',
    [action, entityId],
  );
  return found.rows;
}

describe('automatic routing and accuracy (supervisors)', () => {
  it('an operator or a head cannot change the thresholds; bad input is a 400', async () => {
    for (const login of ['demo-operator', 'demo-head']) {
      const refused = await callApi(await signIn(login), 'PUT', '/api/v1/triage/auto-routing/utilities', {
        threshold: 0.5,
      });
      expect(refused.status).toBe(403);
      expect((await callApi(await signIn(login), 'GET', '/api/v1/triage/accuracy')).status).toBe(403);
    }
    const supervisor = await signIn('demo-supervisor');
    const low = await callApi(supervisor, 'PUT', '/api/v1/triage/auto-routing/utilities', { threshold: 0.2 });
    expect(low).toMatchObject({ status: 400, body: { error: { code: 'invalid_threshold' } } });
    const unknown = await callApi(supervisor, 'PUT', '/api/v1/triage/auto-routing/weather', {
      threshold: 0.9,
    });
    expect(unknown).toMatchObject({ status: 400, body: { error: { code: 'unknown_category' } } });
    const none = await server.pool.query('SELECT 1 FROM triage_auto_routing');
    expect(none.rowCount).toBe(0);
  });

  it('above the threshold a message goes to the suggested department, audited; a supervisor undoes it', async () => {
    const supervisor = await signIn('demo-supervisor');
    const set = await callApi(supervisor, 'PUT', '/api/v1/triage/auto-routing/utilities', { threshold: 0.5 });
    expect(set).toMatchObject({ status: 200, body: { category: 'utilities', threshold: 0.5 } });
    expect(await callApi(supervisor, 'GET', '/api/v1/triage/auto-routing')).toMatchObject({
      body: { thresholds: [{ category: 'utilities', threshold: 0.5 }] },
    });
    const orgId = (
      await server.pool.query(
        'SELECT id FROM organisations WHERE id IN (SELECT org_id FROM departments WHERE id = $1)',
        [departments.get('ЖКХ')],
      )
    ).rows[0].id;
    expect(await auditOf('triage.autoRouting.set', orgId)).toHaveLength(1);

    const text = 'В доме 7 по улице Мира нет горячей воды уже неделю';
    await driver.send(tgMessageUpdate({ from: neighbour, text }));
    const appeal = await appealWithText(server, text);
    expect(appeal.departmentId).toBe(departments.get('ЖКХ'));
    const created = await auditOf('appeal.create', appeal.id);
    expect(created[0].details.autoRouted).toMatchObject({
      from: departments.get('ДТ'),
      to: departments.get('ЖКХ'),
      threshold: 0.5,
    });

    const before = await callApi(supervisor, 'GET', '/api/v1/triage/accuracy');
    expect(before.status).toBe(200);
    expect(before.body.days).toBe(30);

    // Another organisation's supervisor sees nothing of it and cannot undo it.
    const other = await seedTestOrg(server.pool);
    const stranger = await loginAs(server, other.users.supervisor);
    const strangerTarget = { url: server.url, headers: stranger.headers };
    expect(await callApi(strangerTarget, 'GET', '/api/v1/triage/auto-routing')).toMatchObject({
      status: 200,
      body: { thresholds: [] },
    });
    expect(await callApi(strangerTarget, 'GET', '/api/v1/triage/accuracy')).toMatchObject({
      status: 200,
      body: { decisions: 0 },
    });
    const foreign = await callApi(
      strangerTarget,
      'POST',
      `/api/v1/triage/auto-routing/decisions/${appeal.id}/undo`,
    );
    expect(foreign.status).toBe(404);
    expect(
      await callApi(
        await signIn('demo-operator'),
        'POST',
        `/api/v1/triage/auto-routing/decisions/${appeal.id}/undo`,
      ),
    ).toMatchObject({ status: 403 });

    const undone = await callApi(
      supervisor,
      'POST',
      `/api/v1/triage/auto-routing/decisions/${appeal.id}/undo`,
    );
    expect(undone).toMatchObject({ status: 200, body: { departmentId: departments.get('ДТ') } });
    const stored = await server.pool.query<{ doc: Json; department_ids: string[] }>(
      'SELECT doc, department_ids FROM sync_appeals WHERE id = $1',
      [appeal.id],
    );
    expect(stored.rows[0]!.doc.departmentId).toBe(departments.get('ДТ'));
    expect(stored.rows[0]!.department_ids).toEqual([departments.get('ДТ')]);
    expect(await auditOf('triage.autoRoute.undo', appeal.id)).toHaveLength(1);
    const again = await callApi(
      supervisor,
      'POST',
      `/api/v1/triage/auto-routing/decisions/${appeal.id}/undo`,
    );
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'already_undone' } } });

    // The undo is a person's decision against the suggestion: the 30-day accuracy counts it.
    const after = await callApi(supervisor, 'GET', '/api/v1/triage/accuracy');
    expect(after.body.decisions).toBe(before.body.decisions + 1);
    expect(after.body.suggested).toBe(before.body.suggested + 1);
    expect(after.body.departmentTop1).toBeGreaterThanOrEqual(0);
    expect(after.body.departmentTop1).toBeLessThanOrEqual(1);

    // Off again: the next such message stays in the bot's default department.
    expect(
      await callApi(supervisor, 'PUT', '/api/v1/triage/auto-routing/utilities', { threshold: null }),
    ).toMatchObject({ status: 200 });
  });
});

describe('triage never blocks intake', () => {
  it('with the learner store unreadable, a message still becomes an incident, suggested only the channel’s default department', async () => {
    const other = await seedTestOrg(server.pool);
    const { tg: fake, driver: send } = await telegramBot(server, {
      orgId: other.organisation.id,
      defaultDepartmentId: other.departments.d1.id,
      token: '141414:triage-bot',
      secretToken,
    });
    try {
      await server.pool.query('ALTER TABLE triage_learners RENAME TO triage_learners_away');
      try {
        const text = 'Во дворе дома 3 не горит фонарь уже неделю';
        expect((await send.send(tgMessageUpdate({ from: citizen, text }))).accepted).toBe(true);
        const appeal = await appealWithText(server, text);
        expect(appeal).toMatchObject({ regime: 'incident', departmentId: other.departments.d1.id });
        expect(appeal.triage.incident.value).toBe(true);
        expect(appeal.triage.category.length).toBeGreaterThan(0);
        // Nothing learnt can be read: the channel's default department, saying so (issue 13).
        expect(appeal.triage.department).toEqual([
          { value: other.departments.d1.id, confidence: 0.5, because: [departmentFromChannel] },
        ]);
      } finally {
        await server.pool.query('ALTER TABLE triage_learners_away RENAME TO triage_learners');
      }
    } finally {
      await fake.close();
    }
  });
});

describe('the learner on intake’s path', () => {
  it('a learner read within the last minute costs intake no statement (a savepoint and its release ran for every appeal)', async () => {
    const other = await seedTestOrg(server.pool);
    const client = await server.pool.connect();
    const statements: unknown[] = [];
    const counted = {
      query: (...args: unknown[]) => {
        statements.push(args[0]);
        return (client.query as (...a: unknown[]) => unknown)(...args);
      },
    } as unknown as Queryable;
    try {
      await client.query('BEGIN');
      const now = Date.now();
      expect(await triageAppeal(counted, other.organisation.id, 'Яма на дороге у школы', now)).not.toBeNull();
      const reading = statements.length;
      expect(reading).toBeGreaterThan(0);
      expect(
        await triageAppeal(counted, other.organisation.id, 'Нет воды второй день', now + 1),
      ).not.toBeNull();
      expect(statements.length).toBe(reading);
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  });
});

describe('the cold start of an organisation’s learner', () => {
  it('finding: it read each appeal as its subject and then its text, a chat message’s first line twice; now as intake reads it', async () => {
    const other = await seedTestOrg(server.pool);
    // Two chat incidents, each subject intake's: the first line clipped to 117 characters and «…».
    const appeals = [
      {
        departmentId: other.departments.d1.id,
        text: 'Добрый день, у нас во дворе уже неделю не работает уличное освещение, фонари не горят, дети идут из школы в темноте, а ещё яма',
      },
      {
        departmentId: other.departments.d2.id,
        text: 'Во дворе дома огромная яма на дороге, машины объезжают её по тротуару, а вечером там темно и ничего не видно совсем',
      },
    ].map((appeal, i) => ({ ...appeal, id: `cold-start-${i}`, subject: `${appeal.text.slice(0, 117)}…` }));
    for (const appeal of appeals) {
      const doc = {
        ...appealFixture({ ...appeal, orgId: other.organisation.id, conversationId: '' }),
        _deleted: false,
      };
      await server.pool.query(
        `INSERT INTO sync_appeals (org_id, id, seq, doc, department_ids)
         VALUES ($1, $2, nextval('okno_sync_seq'), $3, ARRAY[$4])`,
        [other.organisation.id, appeal.id, JSON.stringify(doc), appeal.departmentId],
      );
    }
    const asIntakeReadsThem = newDepartmentLearner();
    for (const appeal of [...appeals].reverse()) {
      const evidence = triageEvidence(shippedModel(), triageText(appeal.subject, appeal.text));
      learnDecision(asIntakeReadsThem, evidence, appeal.departmentId);
    }
    const text = 'яма во дворе';
    const triage = await triageAppeal(server.pool, other.organisation.id, text, Date.now());
    expect(triage?.department).toEqual(
      suggestDepartments(asIntakeReadsThem, triageEvidence(shippedModel(), text)),
    );
  });
});
