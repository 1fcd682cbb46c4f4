/**
 * Reports as XLSX workbooks (exceljs): a title row with the report and its period, the organisation,
 * when it was computed, then Russian column headers and the numbers as numbers — counts `0`, shares
 * `0.0%`, hours `0.0`, dates `dd.mm.yyyy` in the organisation's zone — so a head can sum and chart them.
 * Headers and titles come from the `reports` namespace in Russian (shared/i18n/ru/reports.ts).
 */
import ExcelJS from 'exceljs';
import { Zone } from '../../../shared/domain/calendar/time-zone';
import {
  type OnTimeReport,
  type OnTimeRow,
  onTimeColumns,
  onTimeDimensions,
  onTimeRowLabel,
  type SstuColumn,
  type SstuReport,
  sstuCountCells,
  sstuResultColumns,
} from '../../../shared/model/report';
import { t } from '../bot/texts';

const r = (key: string, params: Record<string, string | number> = {}) => t('ru', `reports:${key}`, params);

/** An instant as a spreadsheet date: Excel dates have no zone, so the organisation's wall clock. */
function localDate(zone: Zone, at: number): Date {
  return new Date(zone.toLocal(at));
}

function dayOf(zone: Zone, at: number): string {
  return localDate(zone, at).toISOString().slice(0, 10).split('-').reverse().join('.');
}

function heading(
  sheet: ExcelJS.Worksheet,
  title: string,
  organisation: string,
  computed: string,
  width: number,
) {
  sheet.addRow([title]).font = { bold: true, size: 13 };
  sheet.mergeCells(1, 1, 1, width);
  sheet.addRow([r('heading.organisation', { name: organisation })]);
  sheet.addRow([computed]);
  sheet.addRow([]);
}

function headerRow(sheet: ExcelJS.Worksheet, headers: string[]): void {
  const row = sheet.addRow(headers);
  row.font = { bold: true };
  row.alignment = { wrapText: true, vertical: 'top' };
  sheet.views = [{ state: 'frozen', ySplit: row.number }];
}

const monthTitle = (month: string) =>
  new Intl.DateTimeFormat('ru-RU', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${month}-01T00:00:00Z`),
  );

const resultHeader = (column: SstuColumn) =>
  column === 'none'
    ? r('sstu.none')
    : column === 'supported_measures_taken'
      ? `в т.ч. ${t('ru', 'domain:result.supported_measures_taken').toLowerCase()}`
      : t('ru', `domain:result.${column}`);

export async function sstuWorkbook(report: SstuReport): Promise<Buffer> {
  const zone = new Zone(report.timeZone);
  const book = new ExcelJS.Workbook();
  book.creator = 'Okno';
  const sheet = book.addWorksheet(r('xlsx.sheetSstu'));
  const headers = [
    r('sstu.section'),
    r('sstu.code'),
    r('sstu.question'),
    r('sstu.total'),
    r('sstu.supportedTotal'),
    ...sstuResultColumns.map(resultHeader),
  ];
  const finalNote = report.final
    ? r('sstu.final', {
        version: report.final.version,
        at: dayOf(zone, report.final.madeAt),
        name: report.final.madeByName ?? '',
        total: report.final.total,
      })
    : r('sstu.notFinal');
  heading(
    sheet,
    r('heading.sstu', { month: monthTitle(report.month) }),
    report.organisationName,
    `${r('heading.edition', { edition: report.edition.edition })}. ${r('xlsx.generated', { at: dayOf(zone, report.computedAt) })}. ${finalNote}`,
    headers.length,
  );
  headerRow(sheet, headers);
  for (const row of report.rows) {
    sheet.addRow([
      row.path[0] ?? '',
      row.code ?? '',
      row.code === null ? r('sstu.noCode') : (row.title ?? ''),
      ...sstuCountCells(row.counts),
    ]);
  }
  const total = sheet.addRow([r('sstu.allSections'), '', '', ...sstuCountCells(report.totals)]);
  total.font = { bold: true };
  sheet.columns.forEach((column, index) => {
    column.width = index === 2 ? 48 : index === 0 ? 28 : 14;
    if (index >= 3) column.numFmt = '0';
  });

  if (report.corrections.length > 0) {
    const fix = book.addWorksheet(r('xlsx.sheetCorrections'));
    fix.addRow([r('sstu.corrections', { count: report.corrections.length })]).font = { bold: true };
    fix.addRow([]);
    headerRow(fix, [
      r('sstu.registrationNumber'),
      r('sstu.classifierCode'),
      r('sstu.closedAt'),
      r('sstu.department'),
    ]);
    for (const item of report.corrections) {
      fix.addRow([
        item.registrationNumber ?? '',
        item.classifierCode ?? r('sstu.missingCode'),
        localDate(zone, item.closedAt),
        report.departmentNames[item.departmentId] ?? '',
      ]);
    }
    fix.getColumn(3).numFmt = 'dd.mm.yyyy';
    fix.columns.forEach((column) => {
      column.width = 22;
    });
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The on-time share as a fraction for the `0.0%` format; the report's `onTimeShare` is rounded per cent. */
function onTimeCells(row: OnTimeRow): (number | null)[] {
  const judged = row.onTime + row.late;
  return onTimeColumns.map((column) =>
    column === 'onTimeShare' ? (judged === 0 ? null : row.onTime / judged) : row[column],
  );
}

export async function onTimeWorkbook(report: OnTimeReport): Promise<Buffer> {
  const zone = new Zone(report.timeZone);
  const book = new ExcelJS.Workbook();
  book.creator = 'Okno';
  const day = (iso: string) => iso.split('-').reverse().join('.');
  const translate = (key: string) => t('ru', key);
  for (const dimension of onTimeDimensions) {
    const sheet = book.addWorksheet(r(`onTime.dimension.${dimension}`));
    const headers = [r(`onTime.key.${dimension}`), ...onTimeColumns.map((key) => r(`onTime.${key}`))];
    heading(
      sheet,
      r('heading.onTime', { from: day(report.from), to: day(report.to) }),
      report.organisationName,
      `${r('xlsx.generated', { at: dayOf(zone, report.computedAt) })}. ${r('onTime.notes')}`,
      headers.length,
    );
    headerRow(sheet, headers);
    for (const row of report.breakdowns[dimension]) {
      const label = onTimeRowLabel(report, dimension, row.key);
      const added = sheet.addRow(['name' in label ? label.name : translate(label.key), ...onTimeCells(row)]);
      if (row.key === null) added.font = { bold: true };
    }
    sheet.columns.forEach((column, index) => {
      column.width = index === 0 ? 36 : 14;
    });
    for (const [index, key] of onTimeColumns.entries()) {
      sheet.getColumn(index + 2).numFmt =
        key === 'onTimeShare' ? '0.0%' : key === 'averageHours' || key === 'p90Hours' ? '0.0' : '0';
    }
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
