/**
 * «Аналитика» → «Очаги» (issue 14): the numbers of category × territory against the period before,
 * the rising problems, repeat problems at one place, the drill-down to the appeals behind a cell, the
 * scope of each role, and the rise alert's once-a-week rule at a fixed date.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectRiseAlerts } from '../../../server/src/control/alerts';
import { createTerritory } from '../../../server/src/territories/store';
import { loginAs, seedTestOrg, startTestServer, type TestOrg, type TestServer } from '../setup/db';
import type { Json, SyncTarget } from '../sync/client';
import { type AppealSpec, controlJobCaughtUp, day, seedAppeals } from './support';

let server: TestServer;
let org: TestOrg;
let other: TestOrg;
const as: Record<string, SyncTarget> = {};
let berezovka = '';
let roadsIds: string[] = [];

const get = async (who: string, path: string) => {
  const response = await fetch(`${server.url}/api/v1${path}`, { headers: as[who]!.headers });
  return { status: response.status, body: (await response.json()) as Json };
};
const actor = { userId: null, deviceId: null };

beforeAll(async () => {
  server = await startTestServer();
  org = await seedTestOrg(server.pool);
  other = await seedTestOrg(server.pool);
  for (const key of ['operator1', 'head1', 'supervisor'] as const)
    as[key] = { url: server.url, headers: (await loginAs(server, org.users[key])).headers };
  as.stranger = { url: server.url, headers: (await loginAs(server, other.users.supervisor)).headers };
  const district = await createTerritory(
    server.pool,
    org.organisation.id,
    { kind: 'district', parentId: null, name: 'Северный район', variants: [], streets: [] },
    actor,
  );
  berezovka = (
    await createTerritory(
      server.pool,
      org.organisation.id,
      { kind: 'settlement', parentId: district.id, name: 'Берёзовка', variants: [], streets: ['Школьная'] },
      actor,
    )
  ).id;
  const now = Date.now();
  const [d1, d2] = [org.departments.d1.id, org.departments.d2.id];
  const current = now - 2 * day;
  const previous = now - 40 * day;
  const specs: AppealSpec[] = [
    { departmentId: d1, category: 'roads', text: 'Берёзовка, ул. Школьная, 7: яма', receivedAt: current },
    {
      departmentId: d1,
      category: 'roads',
      text: 'Яма у дома 7 на улице Школьной',
      receivedAt: current - 1000,
    },
    {
      departmentId: d1,
      category: 'roads',
      text: 'В Берёзовке по ул. Школьная д. 7 провал',
      receivedAt: current - 2000,
    },
    {
      departmentId: d1,
      category: 'roads',
      text: 'Берёзовка: разбита дорога к школе',
      receivedAt: current - 3000,
    },
    { departmentId: d1, category: 'roads', text: 'Берёзовка, нет асфальта', receivedAt: current - 4000 },
    { departmentId: d2, category: 'lighting', text: 'Берёзовка, не горит фонарь', receivedAt: current },
    { departmentId: d2, category: 'waste', text: 'Не вывозят мусор', receivedAt: current },
    { departmentId: d2, category: 'waste', text: 'Переполнены баки', receivedAt: current },
    { departmentId: d1, category: 'roads', text: 'Берёзовка, яма', receivedAt: previous },
    { departmentId: d2, category: 'lighting', text: 'Берёзовка, темно', receivedAt: previous },
    { departmentId: d2, category: 'lighting', text: 'Берёзовка, нет света на улице', receivedAt: previous },
  ];
  const ids = await seedAppeals(server, as.supervisor!, org.organisation.id, specs);
  roadsIds = ids.slice(0, 5);
  await seedAppeals(
    server,
    { url: server.url, headers: (await loginAs(server, other.users.supervisor)).headers },
    other.organisation.id,
    [{ departmentId: other.departments.d1.id, category: 'roads', text: 'Чужая яма', receivedAt: current }],
  );
  await controlJobCaughtUp(server, org.organisation.id);
  await controlJobCaughtUp(server, other.organisation.id);
}, 120_000);

afterAll(async () => {
  await server?.close();
});

const sorted = (cells: Json[]) =>
  [...cells].sort((a, b) => `${a.category}${a.territoryId}`.localeCompare(`${b.category}${b.territoryId}`));

describe('the hot-spot dashboard', () => {
  it('counts appeals by category × territory against the period before, with the unknown territory', async () => {
    const { status, body } = await get('supervisor', '/control/dashboard?period=month');
    expect(status).toBe(200);
    expect(sorted(body.cells)).toEqual([
      { category: 'lighting', territoryId: berezovka, count: 1, previous: 2 },
      { category: 'roads', territoryId: berezovka, count: 5, previous: 1 },
      { category: 'waste', territoryId: '', count: 2, previous: 0 },
    ]);
    expect(body.rising).toEqual([
      { category: 'roads', territoryId: berezovka, count: 5, previous: 1, delta: 4, percent: 400 },
    ]);
    expect(body.weekly.reduce((sum: number, week: Json) => sum + week.count, 0)).toBe(8);
    expect(body.territories.map((t: Json) => t.name).sort()).toEqual(['Берёзовка', 'Северный район']);
  });

  it('lists a repeat problem at one place: the same street and house, one category, three times', async () => {
    const { body } = await get('supervisor', '/control/dashboard?period=month&repeatMinimum=3');
    expect(body.repeats).toEqual([
      {
        placeKey: 'ул. школьн|7',
        placeLabel: 'ул. Школьная, 7',
        territoryId: berezovka,
        category: 'roads',
        count: 3,
      },
    ]);
    const atPlace = await get(
      'supervisor',
      `/control/appeals?period=month&place=${encodeURIComponent('ул. школьн|7')}`,
    );
    expect(atPlace.body.total).toBe(3);
  });

  it('drills down from a cell to exactly its appeals, and audits what it showed', async () => {
    const { status, body } = await get(
      'supervisor',
      `/control/appeals?period=month&category=roads&territory=${berezovka}`,
    );
    expect(status).toBe(200);
    expect(body.total).toBe(5);
    expect(body.appeals.map((a: Json) => a.id).sort()).toEqual([...roadsIds].sort());
    expect(body.appeals[0]).toMatchObject({
      category: 'roads',
      territoryId: berezovka,
      status: 'registered',
    });
    const unknown = await get('supervisor', '/control/appeals?period=month&category=waste&territory=');
    expect(unknown.body.total).toBe(2);
    const audit = await server.pool.query(
      `SELECT details FROM audit_log WHERE org_id = $1 AND action = 'control.drilldown' ORDER BY id`,
      [org.organisation.id],
    );
    expect(audit.rows.at(-2)!.details.shown.sort()).toEqual([...roadsIds].sort());
  });

  it('shows a head only their departments, refuses an operator and shows another organisation nothing', async () => {
    const head = await get('head1', '/control/dashboard?period=month');
    expect(sorted(head.body.cells)).toEqual([
      { category: 'roads', territoryId: berezovka, count: 5, previous: 1 },
    ]);
    expect(head.body.alerts).toEqual([]);
    expect((await get('head1', '/control/appeals?period=month&category=lighting')).body.total).toBe(0);
    expect((await get('operator1', '/control/dashboard?period=month')).status).toBe(403);
    expect((await get('operator1', '/control/appeals?period=month')).status).toBe(403);
    expect((await get('head1', '/control/alerts')).status).toBe(403);
    const stranger = await get('stranger', '/control/dashboard?period=month');
    expect(stranger.body.cells).toEqual([{ category: 'roads', territoryId: '', count: 1, previous: 0 }]);
    expect((await get('stranger', `/control/appeals?period=month&territory=${berezovka}`)).body.total).toBe(
      0,
    );
  });

  it('refuses a period that is not one', async () => {
    const reversed = await get(
      'supervisor',
      '/control/dashboard?period=custom&from=2026-05-10&to=2026-05-01',
    );
    expect(reversed.status).toBe(400);
    expect(reversed.body.error.code).toBe('invalid_period');
    expect((await get('supervisor', '/control/dashboard?period=year')).status).toBe(400);
    const custom = await get('supervisor', '/control/dashboard?period=custom&from=2020-01-01&to=2020-01-31');
    expect(custom.body.cells).toEqual([]);
  });
});

describe('rise alerts', () => {
  // Wednesday 18 March 2026, 12:00 in Moscow; the week began on Monday 16 March.
  const now = Date.UTC(2026, 2, 18, 9, 0);
  const week = 7 * day;

  it('fire once a week for a category at three times its usual level, never for 0 → 3', async () => {
    const orgId = org.organisation.id;
    const specs: AppealSpec[] = [];
    // Usual: one pothole a week for the eight weeks before the last seven days.
    for (let w = 1; w <= 8; w += 1)
      specs.push({
        departmentId: org.departments.d1.id,
        category: 'roads',
        text: 'Берёзовка: яма',
        receivedAt: now - w * week - day,
      });
    for (let i = 0; i < 5; i += 1) {
      specs.push({
        departmentId: org.departments.d1.id,
        category: 'roads',
        text: 'Берёзовка: новая яма',
        receivedAt: now - i * 3600_000,
      });
    }
    for (let i = 0; i < 3; i += 1)
      specs.push({
        departmentId: org.departments.d2.id,
        category: 'lighting',
        text: 'Берёзовка: фонарь',
        receivedAt: now - i * 3600_000,
      });
    await seedAppeals(server, as.supervisor!, orgId, specs);
    await controlJobCaughtUp(server, orgId);

    expect(await detectRiseAlerts(server.pool, orgId, now)).toBe(1);
    expect(await detectRiseAlerts(server.pool, orgId, now + 3600_000)).toBe(0);
    const stored = await server.pool.query(
      `SELECT category, territory_id, to_char(week_start, 'YYYY-MM-DD') AS week, week_count, usual_weekly::float8 AS usual
         FROM control_rise_alerts WHERE org_id = $1 AND week_start = '2026-03-16'`,
      [orgId],
    );
    expect(stored.rows).toEqual([
      { category: 'roads', territory_id: berezovka, week: '2026-03-16', week_count: 5, usual: 1 },
    ]);
  });
});
