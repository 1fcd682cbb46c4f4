/**
 * Hostile input against the sync endpoints: malformed or oversized pushes, forged checkpoints,
 * unknown collections, missing/expired/forged tokens. Each gets a 4xx `{ error: { code, message } }`
 * and nothing is written.
 */
import { signAccessToken } from '../../../server/src/auth/tokens';
import { loginAs, seedTestOrg, startTestServer, type TestOrg, type TestServer } from '../setup/db';
import { type Json, pullOnce, pushRows, type SyncTarget } from './client';
import { newFormalAppeal } from './fixtures';

let server: TestServer;
let org: TestOrg;
let target: SyncTarget;

beforeAll(async () => {
  server = await startTestServer();
  org = await seedTestOrg(server.pool);
  const session = await loginAs(server, org.users.supervisor);
  target = { url: server.url, headers: session.headers };
});
afterAll(async () => {
  await server?.close();
});

const appealCount = async () =>
  Number((await server.pool.query('SELECT count(*) FROM sync_appeals')).rows[0].count as string);
const validRow = () => ({
  newDocumentState: { ...newFormalAppeal(org.organisation.id, org.departments.d1.id), _deleted: false },
});

function expectError(response: { status: number; body: Json }, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.body).toEqual({ error: { code, message: expect.any(String) } });
}

describe('malformed pushes are refused whole, before anything is written', () => {
  // Bodies are built lazily: the organisation exists only once beforeAll ran.
  it.each<[string, () => unknown, number, string]>([
    ['not JSON', () => '{"newDocumentState":', 400, 'malformed_json'],
    ['an object instead of an array', () => ({ newDocumentState: {} }), 400, 'invalid_push'],
    ['a row that is not an object', () => [validRow(), 42], 400, 'invalid_push'],
    ['a row with unknown keys', () => [validRow(), { ...validRow(), extra: 1 }], 400, 'invalid_push'],
    [
      'a document without an id',
      () => [validRow(), { newDocumentState: { _deleted: false } }],
      400,
      'invalid_push',
    ],
    [
      'an id outside the id pattern',
      () => [{ newDocumentState: { id: '../../etc', _deleted: false } }],
      400,
      'invalid_push',
    ],
    [
      'a document without _deleted',
      () => [validRow(), { newDocumentState: { id: 'abc' } }],
      400,
      'invalid_push',
    ],
    [
      'the same document twice',
      () => {
        const r = validRow();
        return [r, r];
      },
      400,
      'invalid_push',
    ],
    [
      'an assumed master of another document',
      () => [{ ...validRow(), assumedMasterState: { id: 'other' } }],
      400,
      'invalid_push',
    ],
    ['more than 500 rows', () => Array.from({ length: 501 }, validRow), 413, 'push_too_large'],
  ])('%s', async (_name, body, status, code) => {
    const before = await appealCount();
    expectError(await pushRows(target, 'appeals', body()), status, code);
    expect(await appealCount()).toBe(before);
  });

  it('a body above the push limit', async () => {
    const huge = [
      { newDocumentState: { ...validRow().newDocumentState, text: 'я'.repeat(9 * 1024 * 1024) } },
    ];
    const before = await appealCount();
    expectError(await pushRows(target, 'appeals', huge), 413, 'payload_too_large');
    expect(await appealCount()).toBe(before);
  });

  it('a document above the per-document limit', async () => {
    const big = [{ newDocumentState: { ...validRow().newDocumentState, text: 'x'.repeat(600 * 1024) } }];
    expectError(await pushRows(target, 'appeals', big), 413, 'document_too_large');
  });

  it('a schema-invalid appeal is refused as a conflict with a reason, not stored', async () => {
    const row = validRow();
    const bad = { ...row.newDocumentState, status: 'teleported' };
    const { status, body } = await pushRows(target, 'appeals', [{ newDocumentState: bad }], 'refusals=1');
    expect(status).toBe(200);
    expect(body.conflicts).toEqual([{ ...bad, _deleted: true }]);
    expect(body.refusals[0]).toMatchObject({ id: bad.id, code: 'sync:refusal.invalidDocument' });
    expect((await server.pool.query('SELECT 1 FROM sync_appeals WHERE id = $1', [bad.id])).rowCount).toBe(0);
  });
});

describe('pull parameters', () => {
  it.each([
    ['garbage', 'not json'],
    ['an array', '[1]'],
    ['a negative seq', '{"seq":-1}'],
    ['a fractional seq', '{"seq":1.5}'],
    ['a string seq', '{"seq":"1"}'],
    ['extra keys', '{"seq":1,"admin":true}'],
    ['a seq beyond anything issued (forged)', '{"seq":900719925474099}'],
  ])('a checkpoint that is %s → 400', async (_name, checkpoint) => {
    const response = await fetch(
      `${server.url}/api/v1/sync/appeals/pull?checkpoint=${encodeURIComponent(checkpoint)}`,
      { headers: target.headers },
    );
    expectError({ status: response.status, body: await response.json() }, 400, 'invalid_checkpoint');
  });

  it.each(['0', '1001', 'ten', '-5'])('limit=%s → 400', async (limit) => {
    const response = await fetch(`${server.url}/api/v1/sync/appeals/pull?limit=${limit}`, {
      headers: target.headers,
    });
    expectError({ status: response.status, body: await response.json() }, 400, 'invalid_limit');
  });

  it('an unknown collection → 404 on pull, push and stream', async () => {
    expectError(await pullOnce(target, 'passwords', null), 404, 'unknown_collection');
    expectError(await pushRows(target, 'passwords', []), 404, 'unknown_collection');
    const stream = await fetch(`${server.url}/api/v1/sync/passwords/stream`, { headers: target.headers });
    expect(stream.status).toBe(404);
  });

  it('the test-only collection does not exist unless enabled', async () => {
    expectError(await pullOnce(target, 'syncTestHumans', null), 404, 'unknown_collection');
  });
});

describe('tokens', () => {
  const withToken = (token: string | null): SyncTarget => ({
    url: server.url,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });

  it('no token → 401', async () => {
    expectError(await pullOnce(withToken(null), 'appeals', null), 401, 'unauthenticated');
    expectError(await pushRows(withToken(null), 'appeals', [validRow()]), 401, 'unauthenticated');
  });

  it('an expired token → 401 token_expired', async () => {
    const now = Math.floor(Date.now() / 1000);
    const session = await loginAs(server, org.users.operator1);
    const claims = JSON.parse(Buffer.from(session.accessToken.split('.')[1]!, 'base64url').toString('utf8'));
    const expired = signAccessToken({ ...claims, iat: now - 3600, exp: now - 60 }, server.config.tokenSecret);
    expectError(await pullOnce(withToken(expired), 'appeals', null), 401, 'token_expired');
  });

  it('a token signed with another secret (forged user) → 401', async () => {
    const now = Math.floor(Date.now() / 1000);
    const forged = signAccessToken(
      {
        sub: org.users.admin.id,
        org: org.organisation.id,
        sid: 'x',
        dev: null,
        jti: 'j',
        iat: now,
        exp: now + 600,
      },
      Buffer.alloc(32, 7),
    );
    const before = await appealCount();
    expectError(await pushRows(withToken(forged), 'appeals', [validRow()]), 401, 'token_invalid');
    expect(await appealCount()).toBe(before);
  });

  it('a logged-out session → 401', async () => {
    const session = await loginAs(server, org.users.operator1);
    await fetch(`${server.url}/api/v1/auth/logout`, {
      method: 'POST',
      headers: { ...session.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken: session.refreshToken }),
    });
    const response = await pullOnce(withToken(session.accessToken), 'appeals', null);
    expect(response.status).toBe(401);
  });
});
