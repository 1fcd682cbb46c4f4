/**
 * The classifier edition loaded from the published table (issue 14): CSV and XLSX with «Код»,
 * «Наименование», «Код родителя», «Уровень» replace the sample; a refusal names the row and column and
 * stores nothing.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, seedTestOrg, startTestServer, type TestOrg, type TestServer } from '../setup/db';

let server: TestServer;
let org: TestOrg;
let admin: Record<string, string>;

const table = [
  ['Код', 'Наименование', 'Код родителя', 'Уровень'],
  ['0001.0000.0000.0000', 'Государство, общество, политика', '', 'раздел'],
  ['0001.0001.0000.0000', 'Основы государственного управления', '0001.0000.0000.0000', 'тематика'],
  ['0001.0001.0001.0000', 'Обращения граждан', '0001.0001.0000.0000', 'тема'],
  ['0001.0001.0001.0001', 'Порядок рассмотрения обращений', '0001.0001.0001.0000', 'вопрос'],
];
const csv = (rows: string[][]) =>
  `\uFEFF${rows.map((row) => row.map((c) => `"${c}"`).join(';')).join('\r\n')}\r\n`;

async function load(fileName: string, content: Buffer, edition = 'Редакция 2025') {
  const response = await fetch(`${server.url}/api/v1/admin/classifier/import`, {
    method: 'POST',
    headers: { ...admin, 'content-type': 'application/json' },
    body: JSON.stringify({ fileName, edition, content: content.toString('base64') }),
  });
  // biome-ignore lint/suspicious/noExplicitAny: the answer as sent
  return { status: response.status, body: (await response.json()) as any };
}

beforeAll(async () => {
  server = await startTestServer();
  org = await seedTestOrg(server.pool);
  admin = (await loginAs(server, org.users.admin)).headers;
});
afterAll(async () => {
  await server?.close();
});

describe('the classifier edition from the published table', () => {
  it('loads a CSV with parent codes and levels, replacing the sample', async () => {
    const { status, body } = await load('classifier.csv', Buffer.from(csv(table)));
    expect(status).toBe(200);
    expect(body.classifier).toMatchObject({
      edition: 'Редакция 2025',
      sample: false,
      bundled: false,
      counts: { sections: 1, subjects: 1, topics: 1, questions: 1 },
    });
  });

  it('loads the first sheet of an XLSX', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Классификатор');
    for (const row of table.map((r) => r.slice(0, 2))) sheet.addRow(row);
    sheet.addRow(['0001.0001.0001.0002', 'Личный приём граждан']);
    const { status, body } = await load(
      'classifier.xlsx',
      Buffer.from(await book.xlsx.writeBuffer()),
      'XLSX 2025',
    );
    expect(status).toBe(200);
    expect(body.classifier).toMatchObject({ edition: 'XLSX 2025', counts: { questions: 2 } });
  });

  it('refuses a bad code naming its row and column, and keeps the edition before', async () => {
    const rows = [
      ...table.slice(0, 3),
      ['0001.01.0001.0000', 'Обращения граждан', '', ''],
      ...table.slice(4),
    ];
    const { status, body } = await load('bad.csv', Buffer.from(csv(rows)), 'Не та');
    expect(status).toBe(400);
    expect(body.error.code).toBe('classifier_file_invalid');
    expect(body.error.details).toMatchObject({ row: 4, column: 'Код', key: 'domain:classifier.codeFormat' });
    const summary = await fetch(`${server.url}/api/v1/admin/classifier`, { headers: admin });
    expect(((await summary.json()) as { classifier: { edition: string } }).classifier.edition).toBe(
      'XLSX 2025',
    );
  });

  it('refuses a parent code that does not match, and a missing parent', async () => {
    const wrongParent = table.map((row) => [...row]);
    wrongParent[4]![2] = '0001.0002.0000.0000';
    const refused = await load('parent.csv', Buffer.from(csv(wrongParent)));
    expect(refused.body.error.details).toMatchObject({
      row: 5,
      column: 'Код родителя',
      key: 'reports:classifierImport.parentMismatch',
    });

    const orphan = [table[0]!, table[1]!, table[4]!.slice(0, 2)];
    const missing = await load('orphan.csv', Buffer.from(csv(orphan)));
    expect(missing.body.error.details).toMatchObject({
      row: 3,
      column: 'Код',
      key: 'domain:classifier.parentMissing',
    });
  });

  it('refuses a table without a code column', async () => {
    const { body } = await load(
      'nocode.csv',
      Buffer.from(
        csv([
          ['Номер', 'Наименование'],
          ['1', 'Раздел'],
        ]),
      ),
    );
    expect(body.error.details).toMatchObject({
      row: 1,
      column: 'Код',
      key: 'reports:classifierImport.headerMissing',
    });
  });
});
