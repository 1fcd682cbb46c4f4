/**
 * Issue 14, acceptance: a supervisor opens «Отчёты», shows on-time performance for today and exports it
 * to XLSX; the file, opened with exceljs, holds the numbers the server computed for the same period,
 * under Russian headers. The journey's own overdue incident makes its department's «Просрочено сейчас»
 * at least one; the demo organisation's other numbers are whatever they are, read from the server.
 */
import ExcelJS from 'exceljs';
import type { OnTimeReport } from '../../../shared/model/report';
import { expect, test } from '../support/officials';
import { apiLogin, createAppeals, departmentsByCode, uniqueSubject } from '../support/okno-api';

test('a supervisor exports the on-time report to XLSX and the file holds the server’s numbers', async ({
  officials,
}) => {
  test.setTimeout(120_000);
  const supervisor = await apiLogin('demo-supervisor');
  const departments = await departmentsByCode(supervisor);
  const departmentId = Object.values(departments)[0]!;
  // An incident received four days ago and never answered: overdue now.
  await createAppeals(supervisor, [
    { subject: uniqueSubject('Отчёт: не убран снег во дворе'), departmentId, receivedHoursAgo: 96 },
  ]);

  const page = await officials.signIn('demo-supervisor');
  await page.getByRole('navigation', { name: 'Разделы' }).getByText('Отчёты', { exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Отчёты', level: 1 })).toBeVisible();
  await page.getByTestId('reports-tab-on-time').click();
  const from = await page.getByTestId('reports-from').inputValue();
  const to = await page.getByTestId('reports-to').inputValue();
  await page.getByTestId('reports-show').click();
  const table = page.getByTestId('on-time-table-department');
  await expect(table).toBeVisible();

  const response = await supervisor.request.get(`/api/v1/reports/on-time?from=${from}&to=${to}`, {
    headers: { authorization: `Bearer ${supervisor.accessToken}` },
  });
  expect(response.status()).toBe(200);
  const report = (await response.json()).report as OnTimeReport;
  const expected = report.breakdowns.department.find((row) => row.key === departmentId)!;
  const total = report.breakdowns.department.at(-1)!;
  expect(expected.overdueNow).toBeGreaterThanOrEqual(1);
  await expect(
    page.getByTestId(`on-time-row-department-${departmentId}`).locator('[data-column="overdueNow"]'),
  ).toHaveText(String(expected.overdueNow));

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('reports-xlsx').click(),
  ]);
  expect(download.suggestedFilename()).toBe(`okno-on-time-${from}_${to}.xlsx`);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(await download.path());
  const sheet = book.getWorksheet('По отделам')!;
  expect(String(sheet.getCell('A1').value)).toContain('Своевременность рассмотрения обращений');
  expect(String(sheet.getCell('A2').value)).toContain(report.organisationName);
  const rows: ExcelJS.Row[] = [];
  sheet.eachRow((row) => rows.push(row));
  const header = rows.find((row) => row.getCell(1).value === 'Отдел')!;
  expect(header.values).toEqual(
    expect.arrayContaining([
      'Отвечено',
      'В срок',
      'С нарушением срока',
      'Доля в срок, %',
      'Просрочено сейчас',
    ]),
  );
  const numbers = (row: ExcelJS.Row) => [2, 3, 4, 11].map((column) => row.getCell(column).value);
  const mine = rows.find((row) => row.getCell(1).value === report.departmentNames[departmentId])!;
  expect(numbers(mine)).toEqual([expected.answered, expected.onTime, expected.late, expected.overdueNow]);
  const sum = rows.find((row) => row.getCell(1).value === 'Итого')!;
  expect(numbers(sum)).toEqual([total.answered, total.onTime, total.late, total.overdueNow]);
});
