/**
 * Reports (issue 14) on known appeals with fixed dates in Europe/Moscow: the monthly ССТУ report by
 * code and result with the appeals to correct, final refused then made; on-time performance (share
 * within the term, average and p90 time to answer, extensions, forwards, overdue now) by department,
 * executor, channel and regime; the XLSX read back with exceljs; and who sees what.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveClassifierEdition } from '../../../server/src/classifier/editions';
import type { Appeal } from '../../../shared/model';
import { noDueAt } from '../../../shared/model/primitives';
import type { OnTimeReport, SstuReport } from '../../../shared/model/report';
import { loginAs, seedTestOrg, startTestServer, type TestOrg, type TestServer } from '../setup/db';
import { msk, storeAppeal } from './fixtures';

const Q1 = '0001.0001.0001.0001';
const Q2 = '0001.0001.0001.0002';
const edition = {
  format: 'okno-classifier/1',
  edition: 'Типовой классификатор, тест',
  sample: false,
  entries: [
    { code: '0001.0000.0000.0000', title: 'Государство, общество, политика' },
    { code: '0001.0001.0000.0000', title: 'Основы государственного управления' },
    { code: '0001.0001.0001.0000', title: 'Обращения граждан' },
    { code: Q1, title: 'Порядок рассмотрения обращений' },
    { code: Q2, title: 'Личный приём граждан' },
  ],
};
const hour = 3_600_000;
/** The server's clock: reports count «overdue now» at this instant. */
const now = msk('2026-12-01 12:00');

let server: TestServer;
let org: TestOrg;
let a4: Appeal;

type Headers = Record<string, string>;
const as: Record<'supervisor' | 'head1' | 'operator1' | 'admin' | 'stranger', Headers> = {} as never;

async function get(path: string, headers: Headers) {
  const response = await fetch(`${server.url}/api/v1${path}`, { headers });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
interface Refusal {
  error: { code: string; details: { corrections: { appealId: string }[] } };
  report: SstuReport;
}
async function finalise(month: string, headers: Headers) {
  const response = await fetch(`${server.url}/api/v1/reports/sstu/final`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({ month }),
  });
  return { status: response.status, body: (await response.json()) as Refusal };
}
const sstu = async (headers: Headers) =>
  (await get('/reports/sstu?month=2026-11', headers)).body.report as SstuReport;
const onTime = async (headers: Headers) =>
  (await get('/reports/on-time?from=2026-11-02&to=2026-11-30', headers)).body.report as OnTimeReport;

beforeAll(async () => {
  server = await startTestServer({ now: () => now });
  org = await seedTestOrg(server.pool, { timeZone: 'Europe/Moscow' });
  const other = await seedTestOrg(server.pool, { timeZone: 'Europe/Moscow' });
  const orgId = org.organisation.id;
  const d1 = org.departments.d1.id;
  const d2 = org.departments.d2.id;
  const formal = (
    departmentId: string,
    registered: string,
    legalDeadline: string,
    answered: string,
    more: Partial<Appeal>,
  ): Partial<Appeal> & { orgId: string } => ({
    orgId,
    regime: 'formal',
    channel: 'email',
    departmentId,
    assigneeId: departmentId === d1 ? org.users.operator1.id : org.users.operator2.id,
    receivedAt: msk(registered) - hour,
    registeredAt: msk(registered),
    legalDeadline,
    controlDate: legalDeadline,
    answeredAt: msk(answered),
    closedAt: msk(answered),
    ...more,
  });
  // A1: on time, 240 h.  A2: due 2 November, answered at 01:30 on 3 November in Moscow (still the 2nd
  // in UTC): late, 783.5 h.  A3: extended, on time, 864 h.  A4: answered at 23:30 of its last day: on
  // time, 157.5 h, but closed with a code the edition lacks.
  await storeAppeal(
    server.pool,
    formal(d1, '2026-11-02 10:00', '2026-12-02', '2026-11-12 10:00', {
      result: 'supported',
      classifierCode: Q1,
      registrationNumber: 'A1',
    }),
  );
  await storeAppeal(
    server.pool,
    formal(d1, '2026-10-01 10:00', '2026-11-02', '2026-11-03 01:30', {
      result: 'explained',
      classifierCode: Q1,
      registrationNumber: 'A2',
    }),
  );
  await storeAppeal(
    server.pool,
    formal(d1, '2026-10-20 10:00', '2026-12-19', '2026-11-25 10:00', {
      result: 'not_supported',
      classifierCode: Q2,
      registrationNumber: 'A3',
      extension: { days: 30, reason: 'Запрос в другой орган', noticeQueuedAt: msk('2026-11-01 10:00') },
      extendedAt: msk('2026-11-01 10:00'),
    }),
  );
  a4 = await storeAppeal(
    server.pool,
    formal(d2, '2026-11-05 10:00', '2026-11-11', '2026-11-11 23:30', {
      result: 'supported_measures_taken',
      classifierCode: '0009.0009.0009.0009',
      registrationNumber: 'A4',
    }),
  );
  // A5: forwarded by competence without a code (forwarding asks for none).
  await storeAppeal(server.pool, {
    ...formal(d2, '2026-11-05 10:00', '2026-12-07', '2026-11-06 12:00', { registrationNumber: 'A5' }),
    status: 'forwarded',
    answeredAt: null,
    result: 'forwarded_by_competence',
    classifierCode: null,
    forwardedTo: { bodyName: 'Прокуратура района', at: msk('2026-11-06 12:00') },
  });
  // A6: an open incident of d1, due on 20 November: overdue now.
  await storeAppeal(server.pool, {
    orgId,
    regime: 'incident',
    channel: 'vk',
    status: 'in_progress',
    departmentId: d1,
    assigneeId: org.users.operator1.id,
    receivedAt: msk('2026-11-20 09:00'),
    dueAt: msk('2026-11-20 17:00'),
    registeredAt: null,
    legalDeadline: null,
    controlDate: null,
  });
  // A7: an incident due at 14:00 answered at 12:00 (3 h) and closed next day: its document drops the
  // due instant on closing, the report keeps it.
  const incident = await storeAppeal(server.pool, {
    orgId,
    regime: 'incident',
    channel: 'telegram',
    status: 'in_progress',
    departmentId: d1,
    assigneeId: org.users.operator1.id,
    receivedAt: msk('2026-11-15 09:00'),
    dueAt: msk('2026-11-15 14:00'),
    registeredAt: null,
    legalDeadline: null,
    controlDate: null,
  });
  await storeAppeal(server.pool, {
    ...incident,
    status: 'closed',
    dueAt: noDueAt,
    answeredAt: msk('2026-11-15 12:00'),
    closedAt: msk('2026-11-16 10:00'),
  });
  // A8: closed at 00:30 on 1 November in Moscow (31 October in UTC): November's ССТУ report; outside
  // the on-time period, which starts on 2 November.
  await storeAppeal(
    server.pool,
    formal(d1, '2026-10-25 10:00', '2026-11-25', '2026-11-01 00:30', {
      result: 'supported',
      classifierCode: Q1,
      registrationNumber: 'A8',
    }),
  );
  // Another organisation's appeal of the same month: never in this organisation's report.
  await storeAppeal(server.pool, {
    ...formal(other.departments.d1.id, '2026-11-02 10:00', '2026-12-02', '2026-11-12 10:00', {
      result: 'supported',
      classifierCode: Q1,
    }),
    orgId: other.organisation.id,
  });

  as.supervisor = (await loginAs(server, org.users.supervisor)).headers;
  as.head1 = (await loginAs(server, org.users.head1)).headers;
  as.operator1 = (await loginAs(server, org.users.operator1)).headers;
  as.admin = (await loginAs(server, org.users.admin)).headers;
  as.stranger = (await loginAs(server, other.users.supervisor)).headers;
});

afterAll(async () => {
  await server?.close();
});

describe('the monthly ССТУ report', () => {
  it('counts the formal appeals closed in the month by question code and result, in the organisation’s zone', async () => {
    const report = await sstu(as.supervisor);
    const row = (code: string | null) => report.rows.find((r) => r.code === code)!;
    expect(row(Q1).counts).toMatchObject({ supported: 2, explained: 1, total: 3 });
    expect(row(Q1).title).toBe('Порядок рассмотрения обращений');
    expect(row(Q2).counts).toMatchObject({ not_supported: 1, total: 1 });
    expect(row(null).counts).toMatchObject({ forwarded_by_competence: 1, total: 1 });
    expect(report.totals.total).toBe(5);
    expect(report.final).toBeNull();
  });

  it('lists the appeals closed with a code missing from the edition for correction', async () => {
    const report = await sstu(as.supervisor);
    expect(report.corrections).toEqual([
      expect.objectContaining({ registrationNumber: 'A4', classifierCode: '0009.0009.0009.0009' }),
    ]);
  });

  it('refuses the final report on the sample edition, then with codes to correct, then makes it final and audits it', async () => {
    expect((await finalise('2026-11', as.supervisor)).body.error.code).toBe('report_sample_classifier');
    const saved = await saveClassifierEdition(server.pool, org.organisation.id, edition, null);
    expect(saved.ok).toBe(true);

    const refused = await finalise('2026-11', as.supervisor);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('report_corrections_needed');
    expect(refused.body.error.details.corrections.map((c) => c.appealId)).toEqual([a4.id]);
    expect(await finalCount()).toBe(0);

    expect((await finalise('2026-11', as.head1)).status).toBe(403);

    await storeAppeal(server.pool, { ...a4, classifierCode: Q2 });
    const made = await finalise('2026-11', as.supervisor);
    expect(made.status).toBe(200);
    expect(made.body.report.final).toMatchObject({ version: 1, total: 6, madeById: org.users.supervisor.id });
    expect(made.body.report.corrections).toEqual([]);
    const audit = await server.pool.query(
      `SELECT fields FROM audit_log WHERE org_id = $1 AND action = 'report.finalise'`,
      [org.organisation.id],
    );
    expect(audit.rows.map((row) => row.fields.total)).toEqual([{ old: null, new: 6 }]);
    expect((await sstu(as.supervisor)).final).toMatchObject({ version: 1, total: 6 });
    // The administrator's journal lists it (server/src/admin/journal.ts).
    const journal = await fetch(`${server.url}/api/v1/admin/journal?kind=organisation`, {
      headers: as.admin,
    });
    const entries = ((await journal.json()) as { entries: { action: string; fields: unknown }[] }).entries;
    expect(entries.find((entry) => entry.action === 'report.finalise')?.fields).toMatchObject({
      total: { old: null, new: 6 },
    });
  });

  it('refuses a month that is not one', async () => {
    const response = await get('/reports/sstu?month=2026-13', as.supervisor);
    expect(response.status).toBe(400);
    expect((response.body.error as { code: string }).code).toBe('report_period_invalid');
  });
});

async function finalCount(): Promise<number> {
  const found = await server.pool.query('SELECT count(*)::int AS n FROM report_finals WHERE org_id = $1', [
    org.organisation.id,
  ]);
  return found.rows[0].n;
}

describe('on-time performance', () => {
  it('gives the share within the term, average and p90 time to answer, extensions, forwards and overdue now', async () => {
    const report = await onTime(as.supervisor);
    const total = report.breakdowns.department.at(-1)!;
    // Answered: A1 240 h, A2 783.5 h (late), A3 864 h, A4 157.5 h, A7 3 h.
    expect(total).toMatchObject({
      key: null,
      answered: 5,
      onTime: 4,
      late: 1,
      withoutTerm: 0,
      onTimeShare: 80,
    });
    expect(total.averageHours).toBe(409.6);
    // p90 of [3, 157.5, 240, 783.5, 864] by linear interpolation: 783.5 + 0.6 × 80.5.
    expect(total.p90Hours).toBeCloseTo(831.8, 1);
    expect(total).toMatchObject({ extended: 1, forwarded: 1, overdueNow: 1 });

    const d1 = report.breakdowns.department.find((r) => r.key === org.departments.d1.id)!;
    expect(d1).toMatchObject({
      answered: 4,
      onTime: 3,
      late: 1,
      onTimeShare: 75,
      overdueNow: 1,
      forwarded: 0,
    });
    expect(d1.p90Hours).toBeCloseTo(783.5 + 0.7 * 80.5, 1);
    const d2 = report.breakdowns.department.find((r) => r.key === org.departments.d2.id)!;
    expect(d2).toMatchObject({ answered: 1, onTime: 1, onTimeShare: 100, forwarded: 1 });
    expect(report.departmentNames[org.departments.d1.id]).toBe('Отдел 1');
  });

  it('breaks down by executor, channel and regime', async () => {
    const report = await onTime(as.supervisor);
    expect(report.breakdowns.executor.find((r) => r.key === org.users.operator1.id)).toMatchObject({
      answered: 4,
    });
    expect(report.breakdowns.channel.find((r) => r.key === 'telegram')).toMatchObject({
      answered: 1,
      onTime: 1,
    });
    expect(report.breakdowns.regime.find((r) => r.key === 'formal')).toMatchObject({ answered: 4, late: 1 });
    expect(report.breakdowns.regime.find((r) => r.key === 'incident')).toMatchObject({
      answered: 1,
      overdueNow: 1,
    });
  });
});

describe('who sees the reports', () => {
  it('an operator gets 403', async () => {
    expect((await get('/reports/on-time?from=2026-11-02&to=2026-11-30', as.operator1)).status).toBe(403);
    expect((await get('/reports/sstu?month=2026-11', as.operator1)).status).toBe(403);
  });

  it('a head sees only their departments', async () => {
    const report = await onTime(as.head1);
    expect(report.breakdowns.department.map((r) => r.key)).toEqual([org.departments.d1.id, null]);
    expect(report.breakdowns.department.at(-1)).toMatchObject({ answered: 4, forwarded: 0 });
    const monthly = await sstu(as.head1);
    expect(monthly.totals.total).toBe(4);
    expect(monthly.final).toBeNull();
  });

  it('another organisation sees none of it', async () => {
    const report = await onTime(as.stranger);
    expect(report.breakdowns.department.at(-1)).toMatchObject({ answered: 1 });
    const monthly = await sstu(as.stranger);
    expect(monthly.totals.total).toBe(1);
  });
});

describe('XLSX', () => {
  async function workbook(path: string, headers: Headers) {
    const response = await fetch(`${server.url}/api/v1${path}`, { headers });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await response.arrayBuffer());
    return book;
  }
  const rowOf = (sheet: ExcelJS.Worksheet, first: string) => {
    let found: ExcelJS.Row | undefined;
    sheet.eachRow((row) => {
      if (row.getCell(1).value === first) found = row;
    });
    return found!;
  };

  it('the on-time report holds the numbers under Russian headers, with the organisation and period, and is audited', async () => {
    const book = await workbook('/reports/on-time.xlsx?from=2026-11-02&to=2026-11-30', as.supervisor);
    const sheet = book.getWorksheet('По отделам')!;
    expect(String(sheet.getCell('A1').value)).toBe(
      'Своевременность рассмотрения обращений за 02.11.2026 — 30.11.2026',
    );
    expect(String(sheet.getCell('A2').value)).toContain(org.organisation.name);
    const header = rowOf(sheet, 'Отдел');
    expect(header.values).toEqual(
      expect.arrayContaining(['Отвечено', 'В срок', 'С нарушением срока', 'Доля в срок, %']),
    );
    const d1 = rowOf(sheet, 'Отдел 1');
    expect([d1.getCell(2).value, d1.getCell(3).value, d1.getCell(4).value]).toEqual([4, 3, 1]);
    const total = rowOf(sheet, 'Итого');
    expect(total.getCell(6).value).toBeCloseTo(0.8, 5);
    expect(total.getCell(6).numFmt).toBe('0.0%');
    expect(total.getCell(7).value).toBe(409.6);
    const audit = await server.pool.query(
      `SELECT details FROM audit_log WHERE org_id = $1 AND action = 'report.export'`,
      [org.organisation.id],
    );
    expect(audit.rows.map((r) => r.details)).toContainEqual(
      expect.objectContaining({ kind: 'on-time', format: 'xlsx' }),
    );
  });

  it('the ССТУ report holds codes, results and the total', async () => {
    const book = await workbook('/reports/sstu.xlsx?month=2026-11', as.supervisor);
    const sheet = book.getWorksheet('ССТУ')!;
    expect(String(sheet.getCell('A1').value)).toContain('ноябрь 2026');
    const header = rowOf(sheet, 'Раздел');
    expect(header.values).toEqual(
      expect.arrayContaining(['Код вопроса', 'Всего', 'Поддержано (всего)', 'Разъяснено']),
    );
    let q1: ExcelJS.Row | undefined;
    sheet.eachRow((row) => {
      if (row.getCell(2).value === Q1) q1 = row;
    });
    expect([q1!.getCell(4).value, q1!.getCell(5).value]).toEqual([3, 2]);
    expect(rowOf(sheet, 'Итого').getCell(4).value).toBe(6);
  });
});
