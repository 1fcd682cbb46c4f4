/**
 * Outgoing numbers (исходящий номер) of letters: drawn by the server when a letter is issued, gap-free
 * per organisation and year, the way registration numbers are (../appeals/registration.ts).
 * `outgoing_counters` (migration 420) is bumped by `INSERT … ON CONFLICT DO UPDATE … RETURNING` inside
 * the issuing transaction: the row lock serialises concurrent issues, and a rolled-back issue rolls
 * its number back, so numbers are unique, consecutive and without holes.
 */
import { formatRegistrationNumber } from '../../../shared/domain/registration-number';
import type { Queryable } from '../db/pool';
import { defaultOutgoingPattern } from './letterhead';

export interface OutgoingNumber {
  year: number;
  sequence: number;
  number: string;
}

/** The calendar year of `at` in the organisation's time zone (a letter of 31 December 23:30 MSK is of that year). */
export function yearIn(timeZone: string, at: number): number {
  return Number(new Intl.DateTimeFormat('en', { timeZone, year: 'numeric' }).format(at));
}

/** Draws the next outgoing number of the organisation's year of `now`. Call inside the issuing transaction. */
export async function drawOutgoingNumber(
  tx: Queryable,
  orgId: string,
  pattern: string,
  timeZone: string,
  now: number,
): Promise<OutgoingNumber> {
  const year = yearIn(timeZone, now);
  const drawn = await tx.query<{ sequence: number }>(
    `INSERT INTO outgoing_counters (org_id, year, next) VALUES ($1, $2, 2)
     ON CONFLICT (org_id, year) DO UPDATE SET next = outgoing_counters.next + 1
     RETURNING next - 1 AS sequence`,
    [orgId, year],
  );
  const sequence = drawn.rows[0]!.sequence;
  return { year, sequence, number: formatOutgoingNumber(pattern, year, sequence) };
}

/** The number by the organisation's pattern, or by the default one when the stored pattern cannot format it. */
export function formatOutgoingNumber(pattern: string, year: number, sequence: number): string {
  const formatted = formatRegistrationNumber(pattern, { year, sequence });
  return formatted.ok
    ? formatted.value
    : (formatRegistrationNumber(defaultOutgoingPattern, { year, sequence }) as { ok: true; value: string })
        .value;
}
