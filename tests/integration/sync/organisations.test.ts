/**
 * The organisation (name and settings) replicates read-only to its own members, so desktops count
 * deadlines with the organisation's clock; another organisation's settings never reach them.
 */
import { Ajv } from 'ajv';
import { organisationSchema } from '../../../shared/schemas/organisation';
import { loginAs, seedTestOrg, startTestServer, type TestOrg, type TestServer } from '../setup/db';
import { type Json, pullAll, pushRows } from './client';

let server: TestServer;
let org: TestOrg;
let other: TestOrg;

beforeAll(async () => {
  server = await startTestServer();
  org = await seedTestOrg(server.pool, { timeZone: 'Asia/Vladivostok' });
  other = await seedTestOrg(server.pool);
});
afterAll(() => server.close());

const targetOf = async (user: TestOrg['users'][keyof TestOrg['users']]) => ({
  url: server.url,
  headers: (await loginAs(server, user)).headers,
});

describe('organisations replication', () => {
  it('gives an operator exactly their own organisation, valid against the desktop schema', async () => {
    const docs: Json[] = await pullAll(await targetOf(org.users.operator1), 'organisations');
    expect(docs.map((d) => d.id)).toEqual([org.organisation.id]);
    expect(docs[0].settings.timeZone).toBe('Asia/Vladivostok');
    const { _deleted, ...doc } = docs[0];
    expect(_deleted).toBe(false);
    const validate = new Ajv({ strict: false }).compile(organisationSchema);
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
  });

  it('sends a settings change made on the server at a new checkpoint', async () => {
    const target = await targetOf(org.users.supervisor);
    await server.pool.query(
      `UPDATE organisations SET settings = jsonb_set(settings, '{deadlineShiftRule}', '"previous"') WHERE id = $1`,
      [org.organisation.id],
    );
    const docs: Json[] = await pullAll(target, 'organisations');
    expect(docs).toHaveLength(1);
    expect(docs[0].settings.deadlineShiftRule).toBe('previous');
  });

  it('refuses a desktop write to the organisation', async () => {
    const target = await targetOf(org.users.admin);
    const [master] = await pullAll(target, 'organisations');
    const renamed = { ...master, name: 'Чужое имя' };
    const { status, body } = await pushRows(target, 'organisations', [
      { newDocumentState: renamed, assumedMasterState: master },
    ]);
    expect(status).toBe(200);
    expect(body.map((d: Json) => d.name)).toEqual([master.name]);
    const [after] = await pullAll(target, 'organisations');
    expect(after.name).toBe(master.name);
    const [foreign] = await pullAll(await targetOf(other.users.admin), 'organisations');
    expect(foreign.id).toBe(other.organisation.id);
  });
});
