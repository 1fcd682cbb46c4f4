// The public ПОС data set for routing (docs in resources/triage/README.md). It holds personal data: it is
// read only here, to train and to measure, and never copied into the project.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface PortalAppeal {
  readonly text: string;
  readonly category: string;
  readonly executor: string;
  /** The portal's group id (train.csv only). */
  readonly group: string;
}

/** RFC 4180 rows: quoted fields may hold commas, quotes ("") and line breaks. */
function parseCsv(source: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < source.length; i++) {
    const char = source[i] as string;
    if (quoted) {
      if (char === '"' && source[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && source[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += char;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows.filter((cells) => cells.length > 1);
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The data folder: OKNO_ROUTING_DATA, or ../shared/data/appeals-kursk beside the clone. */
export function routingDataDir(): string {
  return process.env.OKNO_ROUTING_DATA ?? path.resolve(root, '..', 'shared', 'data', 'appeals-kursk');
}

export function readRoutingData(dir: string): { train: PortalAppeal[]; test: PortalAppeal[] } {
  const files = ['train.csv', 'test.csv'].map((name) => path.join(dir, name));
  const missing = files.filter((file) => !existsSync(file));
  if (missing.length > 0) {
    throw new Error(
      `the public appeals data set (train.csv, test.csv) is needed and is not part of the repository; ` +
        `missing: ${missing.join(', ')}. Put it in ../shared/data/appeals-kursk beside the clone or set OKNO_ROUTING_DATA.`,
    );
  }
  const [train, test] = files.map((file) =>
    parseCsv(readFileSync(file, 'utf8')).map(
      ([, text = '', category = '', executor = '', group = '']): PortalAppeal => ({
        text,
        category,
        executor,
        group,
      }),
    ),
  ) as [PortalAppeal[], PortalAppeal[]];
  return { train, test };
}
