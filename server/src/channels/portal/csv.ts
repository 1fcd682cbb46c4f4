/**
 * Portal exports as CSV (RFC 4180 quoting; `;` or `,` separated, as Russian spreadsheet software
 * writes either; optional UTF-8 BOM). Header names follow the JSON intake:
 *   id;fz59;category;subcategory;subject;text;receivedAt;lastName;firstName;patronymic;email;phone;postalAddress;address
 */
import { csvCells } from '../../csv';

/** The file's rows; rows of empty fields are skipped (server/src/csv.ts reads it). */
function parseCsv(text: string): string[][] {
  return csvCells(text).filter((row) => row.some((field) => field !== ''));
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
