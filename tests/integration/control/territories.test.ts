/**
 * Territories (issue 14, hot spots): an administrator defines districts and settlements, by hand or
 * from a CSV/XLSX file (a bad row refuses the file and is named), every change is in «Журнал
 * администратора» old → new, and the control job gives every appeal its territory — from its words,
 * else the applicant's postal address; unknown stays null — and again after territories change.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, seedTestOrg, startTestServer, type TestOrg, type TestServer } from '../setup/db';
import type { Json, SyncTarget } from '../sync/client';
import { masterOf } from '../sync/fixtures';
import { controlJobCaughtUp, day, seedAppeals } from './support';

let server: TestServer;
let org: TestOrg;
let admin: SyncTarget;
let supervisor: SyncTarget;

const call = async (target: SyncTarget, method: string, path: string, body?: unknown) => {
  const response = await fetch(`${server.url}/api/v1${path}`, {
    method,
    headers: { ...target.headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Json };
};

const importFile = (bytes: Buffer, fileName: string) =>
  call(admin, 'POST', '/admin/territories/import', { fileName, content: bytes.toString('base64') });

beforeAll(async () => {
  server = await startTestServer();
  org = await seedTestOrg(server.pool);
  admin = { url: server.url, headers: (await loginAs(server, org.users.admin)).headers };
  supervisor = { url: server.url, headers: (await loginAs(server, org.users.supervisor)).headers };
}, 60_000);

afterAll(async () => {
  await server?.close();
});

describe('territories of an organisation', () => {
  let zarechny = '';
  let sosnovka = '';

  it('are added by hand as districts and their settlements, and audited old → new', async () => {
    const district = await call(admin, 'POST', '/admin/territories', {
      kind: 'district',
      parentId: null,
      name: 'Заречный район',
    });
    expect(district.status).toBe(200);
    zarechny = district.body.territory.id;
    const settlement = await call(admin, 'POST', '/admin/territories', {
      kind: 'settlement',
      parentId: zarechny,
      name: 'Сосновка',
      variants: ['пос. Сосновый'],
      streets: ['Лесная'],
    });
    expect(settlement.status).toBe(200);
    sosnovka = settlement.body.territory.id;
    const renamed = await call(admin, 'PATCH', `/admin/territories/${sosnovka}`, {
      variants: ['Сосновый', 'Сосновка-2'],
    });
    expect(renamed.body.changed).toBe(true);
    const duplicate = await call(admin, 'POST', '/admin/territories', {
      kind: 'settlement',
      parentId: zarechny,
      name: 'сосновка',
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error.code).toBe('territory_exists');

    const journal = await call(admin, 'GET', '/admin/journal?kind=organisation&limit=50');
    const update = journal.body.entries.find((entry: Json) => entry.action === 'territory.update');
    expect(update.entityLabel).toBe('Сосновка');
    expect(update.fields.variants).toEqual({ old: ['пос. Сосновый'], new: ['Сосновый', 'Сосновка-2'] });
    expect(journal.body.entries.filter((entry: Json) => entry.action === 'territory.create')).toHaveLength(2);
  });

  it('give each appeal its territory from its words, else the postal address; unknown stays null', async () => {
    const now = Date.now();
    const d1 = org.departments.d1.id;
    const [inWords, byVariant, byStreet, byAddress, unknown] = await seedAppeals(
      server,
      supervisor,
      org.organisation.id,
      [
        { departmentId: d1, category: 'roads', text: 'В Сосновке на ул. Лесной яма', receivedAt: now - day },
        {
          departmentId: d1,
          category: 'roads',
          text: 'Посёлок Сосновый: не убирают снег',
          receivedAt: now - day,
        },
        {
          departmentId: d1,
          category: 'lighting',
          text: 'На улице Лесной у дома 4 не горят фонари',
          receivedAt: now - day,
        },
        {
          departmentId: d1,
          category: 'waste',
          text: 'Не вывозят мусор третью неделю',
          receivedAt: now - day,
          postalAddress: '123456, Заречный район, д. Ключи, ул. Мира, д. 2',
        },
        { departmentId: d1, category: 'waste', text: 'Не вывозят мусор', receivedAt: now - day },
      ],
    );
    await controlJobCaughtUp(server, org.organisation.id);
    expect((await masterOf(server.pool, 'sync_appeals', inWords!)).territoryId).toBe(sosnovka);
    expect((await masterOf(server.pool, 'sync_appeals', byVariant!)).territoryId).toBe(sosnovka);
    expect((await masterOf(server.pool, 'sync_appeals', byStreet!)).territoryId).toBe(sosnovka);
    expect((await masterOf(server.pool, 'sync_appeals', byAddress!)).territoryId).toBe(zarechny);
    expect((await masterOf(server.pool, 'sync_appeals', unknown!)).territoryId).toBeNull();
    const dashboard = await call(supervisor, 'GET', '/control/dashboard?period=week');
    const undetermined = dashboard.body.cells.filter((cell: Json) => cell.territoryId === '');
    expect(undetermined.reduce((sum: number, cell: Json) => sum + cell.count, 0)).toBe(1);
  });

  it('are found again for every appeal when they change (the backfill)', async () => {
    const [appeal] = await seedAppeals(server, supervisor, org.organisation.id, [
      {
        departmentId: org.departments.d1.id,
        category: 'roads',
        text: 'В селе Ключи Заречного района разбита дорога',
        receivedAt: Date.now(),
      },
    ]);
    await controlJobCaughtUp(server, org.organisation.id);
    expect((await masterOf(server.pool, 'sync_appeals', appeal!)).territoryId).toBe(zarechny);
    const added = await call(admin, 'POST', '/admin/territories', {
      kind: 'settlement',
      parentId: zarechny,
      name: 'Ключи',
    });
    await controlJobCaughtUp(server, org.organisation.id);
    expect((await masterOf(server.pool, 'sync_appeals', appeal!)).territoryId).toBe(added.body.territory.id);
  });

  it('are imported from a CSV file; one bad row refuses the file, naming every bad row', async () => {
    const bad = Buffer.from(
      'Район;Населённый пункт;Варианты названия;Улицы\nСеверный район;Берёзовка;;Школьная, Полевая\n;;;\n;;Вариант без названия;\nСеверный район;Берёзовка;;\n',
    );
    const refused = await importFile(bad, 'bad.csv');
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('territories_invalid');
    expect(refused.body.error.details.rows).toEqual([
      { row: 4, problem: 'no_name' },
      { row: 5, problem: 'duplicate' },
    ]);
    const listed = await call(admin, 'GET', '/admin/territories');
    expect(listed.body.territories.map((t: Json) => t.name)).not.toContain('Берёзовка');

    const good = Buffer.from(
      '\uFEFFРайон;Населённый пункт;Варианты названия;Улицы\nСеверный район;Берёзовка;Березовка;Школьная, Полевая\nСеверный район;Горки;;\nЗаречный район;Сосновка;Сосновка-3;Речная\n',
    );
    const imported = await importFile(good, 'territories.csv');
    expect(imported.status).toBe(200);
    expect(imported.body).toEqual({ created: 3, updated: 1 });
    const after = (await call(admin, 'GET', '/admin/territories')).body.territories;
    const berezovka = after.find((t: Json) => t.name === 'Берёзовка');
    expect(berezovka.streets).toEqual(['Школьная', 'Полевая']);
    expect(after.find((t: Json) => t.name === 'Сосновка').streets).toEqual(['Лесная', 'Речная']);
    const journal = await call(admin, 'GET', '/admin/journal?kind=organisation&limit=5');
    const entry = journal.body.entries.find((e: Json) => e.action === 'territory.import');
    expect(entry.details).toMatchObject({ file: 'territories.csv', created: 3, updated: 1 });
  });

  it('are imported from an XLSX file, and a file that is no table is refused', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Территории');
    sheet.addRow(['Район', 'Населённый пункт', 'Варианты названия', 'Улицы']);
    sheet.addRow(['Южный район', '', '', '']);
    sheet.addRow(['Южный район', 'Дубки', 'Дубки-1', 'Садовая']);
    const bytes = Buffer.from(await book.xlsx.writeBuffer());
    const imported = await importFile(bytes, 'territories.xlsx');
    expect(imported.body).toEqual({ created: 2, updated: 0 });
    const noHeader = await importFile(Buffer.from('a;b\n1;2\n'), 'x.csv');
    expect(noHeader.status).toBe(400);
    expect(noHeader.body.error.details).toEqual({ file: 'no_header' });
  });

  it('are the administrators’: a supervisor is refused', async () => {
    const refused = await call(supervisor, 'POST', '/admin/territories', {
      kind: 'district',
      parentId: null,
      name: 'X',
    });
    expect(refused.status).toBe(403);
  });
});
