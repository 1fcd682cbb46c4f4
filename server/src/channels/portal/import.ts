/**
 * Import of a portal export (CSV): every row through the same intake, idempotent by the portal's id.
 * All rows or none: every row is checked first, and one bad row refuses the file with 400
 * `invalid_csv` naming each bad row (`details.errors`), so a corrected file can simply be imported
 * again; a valid file is taken in one transaction.
 */
import type pg from 'pg';
import { CsvSyntaxError } from '../../csv';
import { inTransaction } from '../../db/pool';
import { ApiError } from '../../http/errors';
import { hasUnstorableText } from '../../http/json';
import type { ChannelAccount } from '../types';
import { csvToPortalItems } from './csv';
import { intakePortalItemIn, type PortalItem, PortalItemError, parsePortalItem } from './intake';

export interface ImportSummary {
  created: number;
  duplicates: number;
  /** Always empty: a file with a bad row is refused whole (kept for clients that read it). */
  errors: { line: number; message: string }[];
}

/** Bad rows named in one answer; a file that is wrong throughout says how many more there are. */
const maxNamedErrors = 100;

/** The file's rows; a file that is not CSV at all is refused like a bad row, with its line. */
function portalItemsOf(csv: string): ReturnType<typeof csvToPortalItems> {
  try {
    return csvToPortalItems(csv);
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    const errors = [{ line: error.line, message: error.message }];
    throw new ApiError(400, 'invalid_csv', `Nothing was imported: ${error.message}`, {
      errors,
      invalidRows: 1,
    });
  }
}

export async function importPortalCsv(
  db: pg.Pool,
  account: ChannelAccount,
  csv: string,
): Promise<ImportSummary> {
  const errors: ImportSummary['errors'] = [];
  const items: { item: PortalItem; raw: string }[] = [];
  for (const { line, item } of portalItemsOf(csv)) {
    try {
      if (hasUnstorableText(item)) throw new PortalItemError('the row contains U+0000 (a NUL character)');
      items.push({ item: parsePortalItem(item), raw: JSON.stringify(item) });
    } catch (error) {
      if (!(error instanceof PortalItemError)) throw error;
      errors.push({ line, message: error.message });
    }
  }
  if (errors.length > 0) {
    const named = errors.slice(0, maxNamedErrors);
    const lines = named.map((e) => e.line).join(', ');
    const more = errors.length > named.length ? ` and ${errors.length - named.length} more` : '';
    throw new ApiError(400, 'invalid_csv', `Nothing was imported: fix the rows on lines ${lines}${more}`, {
      errors: named,
      invalidRows: errors.length,
    });
  }
  return inTransaction(db, async (tx) => {
    const summary: ImportSummary = { created: 0, duplicates: 0, errors: [] };
    for (const { item, raw } of items) {
      const result = await intakePortalItemIn(tx, account, item, raw);
      if (result.duplicate) summary.duplicates += 1;
      else summary.created += 1;
    }
    return summary;
  });
}
