/**
 * An uploaded CSV as cells (portal exports, territory lists): `;` or `,` separated, as Russian
 * spreadsheet software writes either, with an optional UTF-8 BOM. csv-parse does the reading. The
 * separator is the one the header line uses more of (csv-parse's own `delimiter` list would split on
 * both); a quote inside an unquoted field is a character, as spreadsheets write it. Rows of empty
 * fields are kept, so a row's index still gives its line.
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

export function csvCells(text: string): string[][] {
  const body = text.replace(/^\uFEFF/, '');
  const firstLine = body.split(/\r?\n/, 1)[0] ?? '';
  const separator = (firstLine.match(/;/g)?.length ?? 0) >= (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  try {
    return parse(body, {
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
}
