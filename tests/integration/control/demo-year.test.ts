/**
 * The demo organisation's year (issue 14, server/src/territories/demo.ts): its territories, a year of
 * closed appeals placed in them, and the stories the dashboard tells — spring potholes in Берёзовка,
 * autumn hot water in Сосновка, this week's heating surge in Ключи, which the rise alert reports.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../../server/src/accounts/seed-demo';
import { detectRiseAlerts } from '../../../server/src/control/alerts';
import { startTestServer, type TestServer } from '../setup/db';
import { controlJobCaughtUp } from './support';

let server: TestServer;
let orgId = '';
let seededMs = 0;

beforeAll(async () => {
  server = await startTestServer();
  const started = Date.now();
  const seeded = await seedDemo(server.pool, { appeals: false, year: true });
  seededMs = Date.now() - started;
  orgId = seeded.organisation.id;
  await controlJobCaughtUp(server, orgId, 60_000);
}, 120_000);

afterAll(async () => {
  await server?.close();
});

describe('the demo year', () => {
  it('is a few hundred closed appeals, none in the inbox, seeded in seconds', async () => {
    const counts = await server.pool.query<{ status: string; count: number }>(
      `SELECT doc->>'status' AS status, count(*)::int AS count FROM sync_appeals WHERE org_id = $1 GROUP BY 1`,
      [orgId],
    );
    expect(counts.rows.map((row) => row.status)).toEqual(['closed']);
    expect(counts.rows[0]!.count).toBeGreaterThan(400);
    expect(counts.rows[0]!.count).toBeLessThan(800);
    expect(seededMs).toBeLessThan(10_000);
  });

  it('places nearly every appeal in its settlement', async () => {
    const placed = await server.pool.query<{ unknown: number; total: number }>(
      `SELECT count(*) FILTER (WHERE territory_id = '')::int AS unknown, count(*)::int AS total
         FROM control_appeal_facts WHERE org_id = $1`,
      [orgId],
    );
    expect(placed.rows[0]!.unknown).toBe(0);
  });

  it('has this week’s heating surge in Ключи as a rise alert', async () => {
    await detectRiseAlerts(server.pool, orgId, Date.now());
    const alerts = await server.pool.query<{ category: string; name: string }>(
      `SELECT a.category, t.name FROM control_rise_alerts a JOIN territories t ON t.org_id = a.org_id AND t.id = a.territory_id
        WHERE a.org_id = $1`,
      [orgId],
    );
    expect(alerts.rows).toContainEqual({ category: 'utilities', name: 'Ключи' });
  });
});
