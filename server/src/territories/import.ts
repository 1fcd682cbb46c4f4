/**
 * A territories file as an administrator has it: CSV (`;` or `,`, optional BOM) or XLSX (the first
 * sheet), one row per settlement or district, with a header row:
 *   Район | Населённый пункт | Варианты названия | Улицы
 * (or District | Settlement | Variants | Streets). A row with a district only is a district; a row with
 * a settlement (and maybe its district) is a settlement. Variants and streets are listed in one cell,
 * separated by «,» or «|». Every bad row is named (spreadsheet row number, header = 1); one bad row
 * refuses the file, so nothing is half imported.
 */
import ExcelJS from 'exceljs';
import { CsvSyntaxError, csvCells } from '../csv';

export interface TerritoryRow {
  /** the row's number in the spreadsheet (header = 1) */
  row: number;
  district: string;
  settlement: string;
  variants: string[];
  streets: string[];
}

export type RowProblem = 'no_name' | 'name_too_long' | 'duplicate' | 'too_many_rows';

export interface RowRefusal {
  row: number;
  problem: RowProblem;
}

export type FileProblem = 'unreadable' | 'no_header' | 'empty';

export type ParsedFile =
  | { ok: true; rows: TerritoryRow[] }
  | { ok: false; file: FileProblem }
  | { ok: false; rows: RowRefusal[] };

const maxImportRows = 5000;
const maxName = 200;

const headers: Record<'district' | 'settlement' | 'variants' | 'streets', readonly string[]> = {
  district: ['район', 'district', 'муниципальный район', 'округ'],
  settlement: ['населенный пункт', 'населённый пункт', 'settlement', 'поселение'],
  variants: ['варианты названия', 'варианты', 'variants', 'другие названия'],
  streets: ['улицы', 'streets'],
};

const isXlsx = (bytes: Buffer) => bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b;

function readCsv(text: string): string[][] | null {
  try {
    return csvCells(text);
  } catch (error) {
    if (error instanceof CsvSyntaxError) return null;
    throw error;
  }
}

async function xlsxCells(bytes: Buffer): Promise<string[][] | null> {
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return null;
  }
  const sheet = book.worksheets[0];
  if (!sheet) return [];
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, number) => {
    const cells: string[] = [];
    for (let column = 1; column <= Math.max(row.cellCount, 4); column += 1)
      cells.push(row.getCell(column).text ?? '');
    rows[number - 1] = cells;
  });
  return Array.from(rows, (row) => row ?? []);
}

const list = (cell: string): string[] =>
  cell
    .split(/[,|]/)
    .map((part) => part.trim())
    .filter(Boolean);

/** Reads the file and checks every row; the rows or every refusal. */
export async function parseTerritoryFile(bytes: Buffer): Promise<ParsedFile> {
  const cells = isXlsx(bytes) ? await xlsxCells(bytes) : readCsv(bytes.toString('utf8'));
  if (!cells) return { ok: false, file: 'unreadable' };
  const [header, ...body] = cells;
  const names = (header ?? []).map((cell) => cell.trim().toLowerCase().replace(/ё/g, 'е'));
  const column = (key: keyof typeof headers) =>
    names.findIndex((name) => headers[key].some((header) => header.replace(/ё/g, 'е') === name));
  const at = {
    district: column('district'),
    settlement: column('settlement'),
    variants: column('variants'),
    streets: column('streets'),
  };
  if (at.district < 0 && at.settlement < 0) return { ok: false, file: 'no_header' };
  const get = (row: string[], index: number) => (index >= 0 ? (row[index] ?? '').trim() : '');
  const rows: TerritoryRow[] = [];
  const refusals: RowRefusal[] = [];
  const seen = new Set<string>();
  body.forEach((cellsOfRow, index) => {
    const row = index + 2;
    if (cellsOfRow.every((cell) => cell.trim() === '')) return;
    const parsed: TerritoryRow = {
      row,
      district: get(cellsOfRow, at.district),
      settlement: get(cellsOfRow, at.settlement),
      variants: list(get(cellsOfRow, at.variants)),
      streets: list(get(cellsOfRow, at.streets)),
    };
    const key = `${parsed.district.toLowerCase()}|${parsed.settlement.toLowerCase()}`;
    const tooLong = [parsed.district, parsed.settlement, ...parsed.variants, ...parsed.streets].some(
      (name) => name.length > maxName,
    );
    if (!parsed.district && !parsed.settlement) refusals.push({ row, problem: 'no_name' });
    else if (tooLong) refusals.push({ row, problem: 'name_too_long' });
    else if (seen.has(key)) refusals.push({ row, problem: 'duplicate' });
    else rows.push(parsed);
    seen.add(key);
  });
  if (rows.length + refusals.length > maxImportRows)
    return { ok: false, rows: [{ row: maxImportRows + 2, problem: 'too_many_rows' }] };
  if (refusals.length > 0) return { ok: false, rows: refusals };
  if (rows.length === 0) return { ok: false, file: 'empty' };
  return { ok: true, rows };
}
