import { readFileSync } from 'node:fs';
import { judgeHealth } from '../../../shared/bridge/server-address';
import { createTestDatabase, startTestServer, type TestServer } from '../setup/db';

describe('health and readiness', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('answers /health without touching the database', async () => {
    const response = await fetch(`${server.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'ok',
      service: 'okno',
      version: expect.any(String),
      api: 1,
    });
  });

  it('names itself, its version (server/package.json) and its API generation, which a desktop checks before it remembers the address', async () => {
    const { version } = JSON.parse(
      readFileSync(new URL('../../../server/package.json', import.meta.url), 'utf8'),
    ) as { version: string };
    const body = await (await fetch(`${server.url}/health`)).json();
    expect(body).toMatchObject({ service: 'okno', version, api: 1 });
    expect(judgeHealth(server.url, 200, body)).toEqual({ ok: true, address: server.url, version });
  });

  it('names the demo accounts only on a demo server, so the login screen can offer them', async () => {
    const demo = await startTestServer({ config: { demo: true } });
    try {
      const body = await (await fetch(`${demo.url}/health`)).json();
      expect(body.demo.password).toBe('okno-demo');
      expect(body.demo.accounts.map((a: { login: string }) => a.login)).toEqual([
        'demo-operator',
        'demo-head',
        'demo-supervisor',
        'demo-admin',
      ]);
    } finally {
      await demo.close();
    }
  });

  it('is ready when the database answers and every migration is applied', async () => {
    const response = await fetch(`${server.url}/ready`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready' });
  });

  it('is not ready while migrations are pending', async () => {
    const database = await createTestDatabase();
    await database.pool.query("DELETE FROM pgmigrations WHERE name = '004_personal_data'");
    const other = await startTestServer({ database });
    try {
      const response = await fetch(`${other.url}/ready`);
      expect(response.status).toBe(503);
      const body = await response.json();
      expect(body.error.code).toBe('migrations_pending');
      expect(body.error.details.pending).toEqual(['004_personal_data']);
    } finally {
      await other.close();
      await database.drop();
    }
  });

  it('is not ready when the database is unreachable', async () => {
    const database = await createTestDatabase();
    const other = await startTestServer({ database });
    try {
      await database.pool.end();
      const response = await fetch(`${other.url}/ready`);
      expect(response.status).toBe(503);
      expect((await response.json()).error.code).toBe('database_unavailable');
    } finally {
      await other.close();
      await database.drop();
    }
  });

  it('answers unknown routes with 404 in the common error shape', async () => {
    const response = await fetch(`${server.url}/api/v1/nope?x=1`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: { code: 'not_found', message: 'No route GET /api/v1/nope' },
    });
  });
});
