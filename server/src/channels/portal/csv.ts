/**
 * Portal exports as CSV (RFC 4180 quoting; `;` or `,` separated, as Russian spreadsheet software
 * writes either; optional UTF-8 BOM). Header names follow the JSON intake:
 *   id;fz59;category;subcategory;subject;text;receivedAt;lastName;firstName;patronymic;email;phone;postalAddress;address
 */
import { CsvError, parse } from 'csv-parse/sync';

/** The file cannot be read as CSV (a quote never closed): nothing is imported, the line is named. */
export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
    this.name = 'CsvSyntaxError';
  }
}

/**
 * csv-parse does the reading. The separator is the one the header line uses more of (csv-parse's
 * own `delimiter` list would split on both); a quote inside an unquoted field is a character, as
 * spreadsheets write it; rows of empty fields are skipped; a quote never closed refuses the file.
 */
function parseCsv(text: string): string[][] {
  const body = text.replace(/^\uFEFF/, '');
  const firstLine = body.split(/\r?\n/, 1)[0] ?? '';
  const separator = (firstLine.match(/;/g)?.length ?? 0) >= (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  let rows: string[][];
  try {
    rows = parse(body, {
      delimiter: separator,
      record_delimiter: ['\r\n', '\n', '\r'],
      relax_quotes: true,
      relax_column_count: true,
    }) as string[][];
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines ?? 0;
      throw new CsvSyntaxError(line, error.message);
    }
    throw error;
  }
  return rows.filter((row) => row.some((field) => field !== ''));
}

const truthy = new Set(['true', '1', 'да', 'yes', 'y', 'д']);
const falsy = new Set(['false', '0', 'нет', 'no', 'n', 'н', '']);

/**
 * CSV rows → portal items (objects for parsePortalItem), with their line numbers: the row's number
 * in a spreadsheet (header = 1, blank rows not counted), which a quoted multi-line text does not shift.
 */
export function csvToPortalItems(text: string): { line: number; item: Record<string, unknown> }[] {
  const [header, ...rows] = parseCsv(text);
  if (!header) return [];
  const names = header.map((h) => h.trim());
  return rows.map((cells, index) => {
    const get = (name: string) => {
      const at = names.indexOf(name);
      return at >= 0 ? (cells[at] ?? '').trim() : '';
    };
    const fz59Text = get('fz59').toLowerCase();
    const item: Record<string, unknown> = {
      id: get('id'),
      fz59: truthy.has(fz59Text) ? true : falsy.has(fz59Text) ? false : fz59Text,
      text: get('text'),
      subject: get('subject'),
      category: get('category'),
      subcategory: get('subcategory'),
      address: get('address'),
      applicant: {
        lastName: get('lastName'),
        firstName: get('firstName'),
        patronymic: get('patronymic'),
        email: get('email'),
        phone: get('phone'),
        postalAddress: get('postalAddress'),
      },
    };
    if (get('receivedAt')) item.receivedAt = get('receivedAt');
    return { line: index + 2, item };
  });
}
