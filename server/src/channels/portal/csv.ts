/**
 * Portal exports as CSV (RFC 4180 quoting; `;` or `,` separated, as Russian spreadsheet software
 * writes either; optional UTF-8 BOM). Header names follow the JSON intake:
 *   id;fz59;category;subcategory;subject;text;receivedAt;lastName;firstName;patronymic;email;phone;postalAddress;address
 */
export function parseCsv(text: string): string[][] {
  const body = text.replace(/^\uFEFF/, '');
  const firstLine = body.split(/\r?\n/, 1)[0] ?? '';
  const separator = (firstLine.match(/;/g)?.length ?? 0) >= (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === separator) {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && body[i + 1] === '\n') i++;
      row.push(field);
      field = '';
      if (row.some((f) => f !== '')) rows.push(row);
      row = [];
    } else field += c;
  }
  row.push(field);
  if (row.some((f) => f !== '')) rows.push(row);
  return rows;
}

const truthy = new Set(['true', '1', 'да', 'yes', 'y', 'д']);
const falsy = new Set(['false', '0', 'нет', 'no', 'n', 'н', '']);

/** CSV rows → portal items (objects for parsePortalItem), with their line numbers. */
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
