/**
 * A department the administrator disabled reaches the desktops (issue 10): the replicated document
 * carries `disabled` (departments schema v1, migration 442), valid against the desktop's schema, so
 * the pickers leave it out while its name still labels its appeals. Real PostgreSQL, real HTTP.
 */

import { schemaValidator } from '../../../server/src/sync/validation';
import { departmentSchema } from '../../../shared/schemas';
import { loginAs, seedTestOrg, startTestServer, type TestOrg, type TestServer } from '../setup/db';
import { type Json, pullAll } from './client';

let server: TestServer;
let org: TestOrg;

beforeAll(async () => {
  server = await startTestServer();
  org = await seedTestOrg(server.pool);
});
afterAll(async () => {
  await server?.close();
});

describe('replicated departments', () => {
  it('a department disabled in «Отделы» is pulled as disabled, named as before; enabled again, in use', async () => {
    const admin = await loginAs(server, org.users.admin);
    const call = async (method: string, path: string, body: unknown) => {
      const response = await fetch(`${server.url}/api/v1${path}`, {
        method,
        headers: { ...admin.headers, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return (await response.json()) as Json;
    };
    const created = await call('POST', '/admin/departments', { code: 'УПР', name: 'Упразднённый отдел' });
    const id = created.department.id as string;
    const operator = await loginAs(server, org.users.operator1);
    const target = { url: server.url, headers: operator.headers };
    const valid = schemaValidator(departmentSchema);

    const before = (await pullAll(target, 'departments')).find((d) => d.id === id);
    expect(before).toMatchObject({ name: 'Упразднённый отдел', code: 'УПР', disabled: false });
    expect(valid(before)).toBeNull();

    await call('PATCH', `/admin/departments/${id}`, { disabled: true });
    const disabled = (await pullAll(target, 'departments')).find((d) => d.id === id);
    expect(disabled).toMatchObject({ name: 'Упразднённый отдел', disabled: true });
    expect(disabled.updatedAt).toBeGreaterThanOrEqual(before.updatedAt);
    expect(valid(disabled)).toBeNull();

    await call('PATCH', `/admin/departments/${id}`, { disabled: false });
    expect((await pullAll(target, 'departments')).find((d) => d.id === id)).toMatchObject({
      disabled: false,
    });
    // Every department of the organisation carries the field.
    for (const department of await pullAll(target, 'departments')) expect(valid(department)).toBeNull();
  });
});
