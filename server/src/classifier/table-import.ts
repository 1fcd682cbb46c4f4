/**
 * The classifier edition as published in a table (issue 14): CSV (`;` or `,`, UTF-8, a header row) or
 * XLSX (the first sheet), columns code and name — «Код», «Наименование» — and optionally the parent's
 * code and the level («Код родителя», «Уровень»: 1–5 or раздел / тематика / тема / вопрос / подвопрос).
 * It becomes an okno-classifier/1 edition checked by the desktop's own loadClassifier; a refusal names
 * the file's row (the header is row 1) and column, with the reason as an i18n key.
 */
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { type ClassifierLevel, loadClassifier, parseClassifierCode } from '../../../shared/domain/classifier';

export interface TableRefusal {
  row: number;
  column: string;
  /** i18n key of the reason: `domain:classifier.*` or `reports:classifierImport.*` */
  key: string;
  params?: Record<string, string | number>;
}

type Converted = { ok: true; value: unknown } | { ok: false; error: TableRefusal };

const headers = {
  code: ['code', 'код', 'код классификатора', 'код вопроса'],
  name: ['name', 'title', 'наименование', 'название'],
  parent: ['parent', 'parent code', 'код родителя', 'родитель', 'родительский код'],
  level: ['level', 'уровень'],
} as const;
const levelNames: Record<string, ClassifierLevel> = {
  '1': 'section',
  '2': 'subject',
  '3': 'topic',
  '4': 'question',
  '5': 'subquestion',
  раздел: 'section',
  тематика: 'subject',
  тема: 'topic',
  вопрос: 'question',
  подвопрос: 'subquestion',
  section: 'section',
  subject: 'subject',
  topic: 'topic',
  question: 'question',
  subquestion: 'subquestion',
};

const refuse = (row: number, column: string, key: string, params?: TableRefusal['params']): Converted => ({
  ok: false,
  error: { row, column, key, ...(params ? { params } : {}) },
});

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object' && 'richText' in value)
    return value.richText.map((part) => part.text).join('');
  if (typeof value === 'object' && 'result' in value) return String(value.result ?? '');
  return String(value);
}

async function rowsOf(fileName: string, content: Buffer): Promise<string[][] | null> {
  try {
    if (/\.xlsx$/i.test(fileName)) {
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(content as unknown as ArrayBuffer);
      const sheet = book.worksheets[0];
      if (!sheet) return [];
      const rows: string[][] = [];
      for (let n = 1; n <= sheet.rowCount; n += 1) {
        const row = sheet.getRow(n);
        rows.push(Array.from({ length: row.cellCount }, (_, i) => cellText(row.getCell(i + 1).value)));
      }
      return rows;
    }
    return parse(content, { delimiter: [';', ','], bom: true, relax_column_count: true }) as string[][];
  } catch {
    return null;
  }
}

export async function editionFromTable(
  fileName: string,
  content: Buffer,
  edition: string,
): Promise<Converted> {
  const rows = await rowsOf(fileName, content);
  if (rows === null) return refuse(1, '', 'reports:classifierImport.unreadable');
  const header = (rows[0] ?? []).map((cell) => cell.trim());
  const find = (names: readonly string[]) => header.findIndex((cell) => names.includes(cell.toLowerCase()));
  const column = {
    code: find(headers.code),
    name: find(headers.name),
    parent: find(headers.parent),
    level: find(headers.level),
  };
  if (column.code < 0) return refuse(1, 'Код', 'reports:classifierImport.headerMissing');
  if (column.name < 0) return refuse(1, 'Наименование', 'reports:classifierImport.headerMissing');
  const entries: { code: string; title: string }[] = [];
  for (const [index, cells] of rows.entries()) {
    if (index === 0 || cells.every((cell) => cell.trim() === '')) continue;
    const row = index + 1;
    const at = (i: number) => (i < 0 ? '' : (cells[i] ?? '').trim());
    const code = parseClassifierCode(at(column.code));
    if (!code.ok) return refuse(row, header[column.code]!, code.error.code, code.error.params);
    if (at(column.name) === '')
      return refuse(row, header[column.name]!, 'domain:classifier.titleMissing', { code: code.value.code });
    const parentText = at(column.parent);
    if (parentText !== '') {
      const parent = parseClassifierCode(parentText);
      if (!parent.ok || parent.value.code !== code.value.parentCode) {
        return refuse(row, header[column.parent]!, 'reports:classifierImport.parentMismatch', {
          code: code.value.code,
        });
      }
    }
    const levelText = at(column.level).toLowerCase();
    if (levelText !== '' && levelNames[levelText] !== code.value.level) {
      return refuse(row, header[column.level]!, 'reports:classifierImport.levelMismatch', {
        code: code.value.code,
      });
    }
    entries.push({ code: at(column.code), title: at(column.name) });
  }
  const json = { format: 'okno-classifier/1', edition, sample: false, entries };
  const loaded = loadClassifier(json);
  if (loaded.ok) return { ok: true, value: json };
  // The loader counts entries; the file counts rows with its header and any blank rows skipped.
  const entryIndex = typeof loaded.error.params?.index === 'number' ? loaded.error.params.index : null;
  const failing = entryIndex ?? entries.findIndex((entry) => entry.code === loaded.error.params?.code);
  const row = failing < 0 ? 1 : rowOfEntry(rows, column.code, entries[failing]!.code);
  return refuse(row, header[column.code]!, loaded.error.code, loaded.error.params as TableRefusal['params']);
}

function rowOfEntry(rows: string[][], codeColumn: number, code: string): number {
  const index = rows.findIndex((cells, i) => i > 0 && (cells[codeColumn] ?? '').trim() === code);
  return index < 0 ? 1 : index + 1;
}
