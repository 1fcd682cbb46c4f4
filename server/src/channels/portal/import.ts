/** Import of a portal export (CSV): every row through the same intake, idempotent by the portal's id. */
import type pg from 'pg';
import type { ChannelAccount } from '../types';
import { csvToPortalItems } from './csv';
import { intakePortalItem, PortalItemError, parsePortalItem } from './intake';

export interface ImportSummary {
  created: number;
  duplicates: number;
  errors: { line: number; message: string }[];
}

export async function importPortalCsv(
  db: pg.Pool,
  account: ChannelAccount,
  csv: string,
): Promise<ImportSummary> {
  const summary: ImportSummary = { created: 0, duplicates: 0, errors: [] };
  for (const { line, item } of csvToPortalItems(csv)) {
    try {
      const parsed = parsePortalItem(item);
      const result = await intakePortalItem(db, account, parsed, JSON.stringify(item));
      if (result.duplicate) summary.duplicates += 1;
      else summary.created += 1;
    } catch (error) {
      if (!(error instanceof PortalItemError)) throw error;
      summary.errors.push({ line, message: error.message });
    }
  }
  return summary;
}
