/**
 * The one door to `letters` (migration 420): issuing a letter draws its outgoing number
 * (./outgoing-number.ts) in the caller's transaction. Issuing is idempotent — one letter per answer
 * message, one notice of each kind per appeal — and serialised per appeal by an advisory lock, so two
 * requests for the same letter never draw two numbers (a drawn number is never left unused).
 */
import type { LetterKind, LetterRecord } from '../../../shared/model/letter';
import { loadOrgRules } from '../appeals/registration';
import type { Queryable } from '../db/pool';
import { newId } from '../ids';
import { loadLetterhead } from './letterhead';
import { drawOutgoingNumber } from './outgoing-number';

interface LetterRow {
  id: string;
  appeal_id: string;
  kind: LetterKind;
  message_id: string;
  outgoing_number: string;
  issued_at: string;
}

const recordOf = (row: LetterRow): LetterRecord => ({
  id: row.id,
  appealId: row.appeal_id,
  kind: row.kind,
  messageId: row.message_id,
  outgoingNumber: row.outgoing_number,
  issuedAt: Number(row.issued_at),
});

export interface IssueRequest {
  orgId: string;
  appealId: string;
  kind: LetterKind;
  /** The answer's message, or the thread message that carries a notice; '' for none. */
  messageId?: string;
  now: number;
}

/** The letter, issued now or found issued before. Call inside a transaction. */
export async function issueLetter(
  tx: Queryable,
  request: IssueRequest,
): Promise<{ letter: LetterRecord; issued: boolean }> {
  const { orgId, appealId, kind, now } = request;
  const messageId = request.messageId ?? '';
  await tx.query("SELECT pg_advisory_xact_lock(hashtext('okno-letters:' || $1 || ':' || $2))", [
    orgId,
    appealId,
  ]);
  // An answer letter is one per answer message; a notice is one of its kind per appeal, whatever
  // thread message carries it.
  const found = await tx.query<LetterRow>(
    `SELECT * FROM letters WHERE org_id = $1 AND appeal_id = $2 AND kind = $3
        AND ($3 <> 'answer' OR message_id = $4)`,
    [orgId, appealId, kind, messageId],
  );
  if (found.rows[0]) return { letter: recordOf(found.rows[0]), issued: false };
  const [rules, letterhead] = await Promise.all([loadOrgRules(tx, orgId), loadLetterhead(tx, orgId)]);
  const outgoing = await drawOutgoingNumber(tx, orgId, letterhead.outgoingPattern, rules.timeZone, now);
  const inserted = await tx.query<LetterRow>(
    `INSERT INTO letters (id, org_id, appeal_id, kind, message_id, year, sequence, outgoing_number, issued_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
    [newId(now), orgId, appealId, kind, messageId, outgoing.year, outgoing.sequence, outgoing.number, now],
  );
  return { letter: recordOf(inserted.rows[0]!), issued: true };
}

/** The letters of an appeal, oldest first. */
export async function lettersOf(db: Queryable, orgId: string, appealId: string): Promise<LetterRecord[]> {
  const rows = await db.query<LetterRow>(
    'SELECT * FROM letters WHERE org_id = $1 AND appeal_id = $2 ORDER BY issued_at, sequence',
    [orgId, appealId],
  );
  return rows.rows.map(recordOf);
}

/** One letter of the appeal, or null. */
export async function letterOf(
  db: Queryable,
  orgId: string,
  appealId: string,
  letterId: string,
): Promise<LetterRecord | null> {
  const rows = await db.query<LetterRow>(
    'SELECT * FROM letters WHERE org_id = $1 AND appeal_id = $2 AND id = $3',
    [orgId, appealId, letterId],
  );
  return rows.rows[0] ? recordOf(rows.rows[0]) : null;
}
