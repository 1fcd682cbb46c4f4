/**
 * The triage model for a desktop's offline suggestions (issue 13, server/src/triage/desktop-model.ts):
 * the model and the organisation's part apart, each with its own ETag; staff of the organisation only,
 * its own learners and nobody else's, 304 on a matching ETag.
 */
import { gunzipSync } from 'node:zlib';
import type { DepartmentLearnerState } from '../../../shared/triage/department-learner';
import { learnDecision, newDepartmentLearner } from '../../../shared/triage/department-learner';
import { triageEvidence } from '../../../shared/triage/evidence';
import { loadTriageModel } from '../../../shared/triage/model';
import { suggestTriage } from '../../../shared/triage/suggest';
import { shippedModel } from '../../unit/shared/triage/shipped-model';
import { loginAs, seedTestOrg, startTestServer, type TestOrg, type TestServer } from '../setup/db';

let server: TestServer;
let own: TestOrg;
let other: TestOrg;

const modelPath = '/api/v1/triage/desktop-model';
const path = '/api/v1/triage/desktop-learner';

async function storeLearner(orgId: string, text: string, departmentId: string): Promise<void> {
  const state = newDepartmentLearner();
  learnDecision(state, triageEvidence(shippedModel(), text), departmentId);
  await server.pool.query(
    `INSERT INTO triage_learners (org_id, state, decisions, updated_at) VALUES ($1, $2, $3, now())
     ON CONFLICT (org_id) DO UPDATE SET state = EXCLUDED.state, decisions = EXCLUDED.decisions, updated_at = now()`,
    [orgId, JSON.stringify(state), state.decisions],
  );
}

async function get(headers: Record<string, string>, at = path): Promise<Response> {
  return fetch(`${server.url}${at}`, { headers });
}

beforeAll(async () => {
  server = await startTestServer();
  own = await seedTestOrg(server.pool);
  other = await seedTestOrg(server.pool);
  await storeLearner(own.organisation.id, 'нет горячей воды в доме', own.departments.d1.id);
  await storeLearner(other.organisation.id, 'яма на дороге у школы', other.departments.d2.id);
}, 120_000);

afterAll(async () => {
  await server?.close();
});

describe('GET /api/v1/triage/desktop-model and /desktop-learner', () => {
  it('refuses a caller without a session (401)', async () => {
    expect((await get({})).status).toBe(401);
    expect((await get({}, modelPath)).status).toBe(401);
  });

  it("answers an operator the shipped model, and their organisation's learner apart, nobody else's", async () => {
    const session = await loginAs(server, own.users.operator1);
    const modelResponse = await get(session.headers, modelPath);
    expect(modelResponse.status).toBe(200);
    expect(modelResponse.headers.get('etag')).toMatch(/^"[\w-]+"$/);
    const modelBody = (await modelResponse.json()) as { format: string; model: unknown };
    expect(modelBody.format).toBe('okno-desktop-triage/2');
    expect(Object.keys(modelBody)).toEqual(['format', 'model']);
    const model = loadTriageModel(modelBody.model);
    const response = await get(session.headers);
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toMatch(/^"[\w-]+"$/);
    const body = (await response.json()) as {
      format: string;
      learner: DepartmentLearnerState | null;
      incidentLearner: unknown;
      categoryMap: Record<string, string>;
    };
    expect(body.format).toBe('okno-desktop-triage-learner/1');
    expect(body.incidentLearner).toBeNull();
    expect(body.learner?.chosen).toEqual({ [own.departments.d1.id]: 1 });
    expect(JSON.stringify(body.learner)).not.toContain(other.departments.d2.id);
    // The desktop's copy suggests what the server would: the organisation's own department.
    const s = suggestTriage(model, 'Третий день нет горячей воды в доме', body.learner ?? undefined);
    expect(s.department[0]?.value).toBe(own.departments.d1.id);
    expect(body.categoryMap).toEqual({});
  });

  it("gives another organisation's supervisor their own learner under another ETag", async () => {
    const mine = await get((await loginAs(server, own.users.head1)).headers);
    const theirs = await get((await loginAs(server, other.users.supervisor)).headers);
    expect(theirs.status).toBe(200);
    expect(theirs.headers.get('etag')).not.toBe(mine.headers.get('etag'));
    const body = (await theirs.json()) as { learner: DepartmentLearnerState | null };
    expect(Object.keys(body.learner?.chosen ?? {})).toEqual([other.departments.d2.id]);
  });

  it('answers 304 with no body to a matching If-None-Match, and 200 again once the learner learnt', async () => {
    const session = await loginAs(server, own.users.operator1);
    const first = await get(session.headers);
    const etag = first.headers.get('etag') ?? '';
    await first.arrayBuffer();
    const again = await get({ ...session.headers, 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect((await again.arrayBuffer()).byteLength).toBe(0);
    await storeLearner(own.organisation.id, 'не вывозят мусор', own.departments.d2.id);
    const changed = await get({ ...session.headers, 'if-none-match': etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    await changed.arrayBuffer();
  });

  it("a person's decision changes the learner's ETag and not the model's (the desktop downloads kilobytes, not the model)", async () => {
    const session = await loginAs(server, own.users.operator1);
    const model = await get(session.headers, modelPath);
    const modelEtag = model.headers.get('etag') ?? '';
    await model.arrayBuffer();
    const learner = await get(session.headers);
    const learnerEtag = learner.headers.get('etag') ?? '';
    await learner.arrayBuffer();
    // A decision through the server's own door: an appeal routed by a person is learnt.
    const { learnFromDecision } = await import('../../../server/src/triage');
    await learnFromDecision(server.pool, {
      orgId: own.organisation.id,
      appealId: 'appeal-decision-etag',
      text: 'Прорвало трубу в подвале дома',
      departmentId: own.departments.d1.id,
      suggested: null,
    });
    const modelAgain = await get({ ...session.headers, 'if-none-match': modelEtag }, modelPath);
    expect(modelAgain.status).toBe(304);
    expect((await modelAgain.arrayBuffer()).byteLength).toBe(0);
    const learnerAgain = await get({ ...session.headers, 'if-none-match': learnerEtag });
    expect(learnerAgain.status).toBe(200);
    expect(learnerAgain.headers.get('etag')).not.toBe(learnerEtag);
    const bytes = (await learnerAgain.arrayBuffer()).byteLength;
    expect(bytes).toBeLessThan(100_000);
    // Another organisation's model ETag is the same model's.
    const theirs = await get((await loginAs(server, other.users.operator1)).headers, modelPath);
    expect(theirs.headers.get('etag')).toBe(modelEtag);
    await theirs.arrayBuffer();
  });

  it("carries the organisation's category-map edits, under a new ETag once a supervisor edits a row", async () => {
    const operator = await loginAs(server, own.users.operator1);
    const before = await get(operator.headers);
    await before.arrayBuffer();
    const portal = shippedModel().category.classes[0] as string;
    const supervisor = await loginAs(server, own.users.supervisor);
    const edited = await fetch(`${server.url}/api/v1/triage/category-map`, {
      method: 'PUT',
      headers: { ...supervisor.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ portal, subcategory: 'roads.potholes' }),
    });
    expect(edited.status).toBe(200);
    const after = await get({ ...operator.headers, 'if-none-match': before.headers.get('etag') ?? '' });
    expect(after.status).toBe(200);
    expect(((await after.json()) as { categoryMap: Record<string, string> }).categoryMap).toEqual({
      [portal]: 'roads.potholes',
    });
    // Another organisation's desktops do not get it.
    const theirs = await get((await loginAs(server, other.users.operator1)).headers);
    expect(((await theirs.json()) as { categoryMap: Record<string, string> }).categoryMap).toEqual({});
  });

  it("carries the category map's responsible departments, under a new ETag on each change (set and removed)", async () => {
    const operator = await loginAs(server, own.users.operator1);
    const supervisor = await loginAs(server, own.users.supervisor);
    const departmentsOf = async (response: Response) =>
      ((await response.json()) as { categoryDepartments: Record<string, string> }).categoryDepartments;
    const before = await get(operator.headers);
    expect(await departmentsOf(before)).toEqual({});
    const departmentUrl = `${server.url}/api/v1/triage/category-map/department`;
    const set = await fetch(departmentUrl, {
      method: 'PUT',
      headers: { ...supervisor.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ category: 'utilities', departmentId: own.departments.d2.id }),
    });
    expect(set.status).toBe(200);
    const after = await get({ ...operator.headers, 'if-none-match': before.headers.get('etag') ?? '' });
    expect(after.status).toBe(200);
    expect(await departmentsOf(after)).toEqual({ utilities: own.departments.d2.id });
    // Unchanged since: 304.
    const same = await get({ ...operator.headers, 'if-none-match': after.headers.get('etag') ?? '' });
    expect(same.status).toBe(304);
    const removed = await fetch(`${departmentUrl}?category=utilities`, {
      method: 'DELETE',
      headers: supervisor.headers,
    });
    expect(removed.status).toBe(200);
    const gone = await get({ ...operator.headers, 'if-none-match': after.headers.get('etag') ?? '' });
    expect(gone.status).toBe(200);
    expect(await departmentsOf(gone)).toEqual({});
    expect(gone.headers.get('etag')).not.toBe(after.headers.get('etag'));
    // Another organisation's desktops never get them.
    const theirs = await get((await loginAs(server, other.users.operator1)).headers);
    expect(await departmentsOf(theirs)).toEqual({});
  });

  it('sends the body gzipped to a client that accepts it (several times smaller)', async () => {
    const session = await loginAs(server, own.users.operator2);
    // fetch would undo the encoding: ask with a raw request to see the bytes on the wire.
    const { request } = await import('node:http');
    const url = new URL(`${server.url}${modelPath}`);
    const bytes = await new Promise<{ encoding: string | undefined; body: Buffer }>((resolve, reject) => {
      const req = request(url, { headers: { ...session.headers, 'accept-encoding': 'gzip' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ encoding: res.headers['content-encoding'], body: Buffer.concat(chunks) }),
        );
      });
      req.on('error', reject);
      req.end();
    });
    expect(bytes.encoding).toBe('gzip');
    const plain = gunzipSync(bytes.body);
    expect(bytes.body.byteLength * 3).toBeLessThan(plain.byteLength);
    expect(JSON.parse(plain.toString('utf8')).format).toBe('okno-desktop-triage/2');
  });
});
