/**
 * «Статус обращения» and «Мои обращения»: only appeals filed from the same network account. A
 * number filed by someone else and a number that does not exist get the same refusal, so the bot
 * never confirms that another person's appeal exists.
 */
import { isClosed } from '../../../shared/domain/status-machine';
import type { AppealStatus } from '../../../shared/model/vocabulary';
import type { Queryable } from '../db/pool';
import { type BotLanguage, formatDate, t } from './texts';

export interface OwnAppeal {
  appealId: string;
  conversationId: string;
  number: string;
  registeredAt: number | null;
  status: string;
  legalDeadline: string | null;
  answeredAt: number | null;
  result: string | null;
  /** When the citizen withdrew it through the bot. */
  withdrawnAt: number | null;
}

interface Row {
  appeal_id: string;
  registration_number: string;
  withdrawn_at: Date | null;
  doc: {
    status?: string;
    registeredAt?: number | null;
    legalDeadline?: string | null;
    answeredAt?: number | null;
    result?: string | null;
    conversationId?: string;
    _deleted?: boolean;
  };
}

const toOwn = (row: Row): OwnAppeal => ({
  appealId: row.appeal_id,
  conversationId: row.doc.conversationId ?? '',
  number: row.registration_number,
  registeredAt: row.doc.registeredAt ?? null,
  status: row.doc._deleted ? 'closed' : String(row.doc.status ?? 'registered'),
  legalDeadline: row.doc.legalDeadline ?? null,
  answeredAt: row.doc.answeredAt ?? null,
  result: row.doc.result ?? null,
  withdrawnAt: row.withdrawn_at ? row.withdrawn_at.getTime() : null,
});

const ownColumns = 'f.appeal_id, f.registration_number, f.withdrawn_at, a.doc';

export interface AccountRef {
  orgId: string;
  network: string;
  accountId: string;
  userId: string;
}

export async function ownAppeals(db: Queryable, who: AccountRef, limit = 10): Promise<OwnAppeal[]> {
  const result = await db.query<Row>(
    `SELECT ${ownColumns} FROM bot_filings f
       JOIN sync_appeals a ON a.org_id = f.org_id AND a.id = f.appeal_id
      WHERE f.org_id = $1 AND f.network = $2 AND f.account_id = $3 AND f.user_id = $4
      ORDER BY f.filed_at DESC LIMIT $5`,
    [who.orgId, who.network, who.accountId, who.userId, limit],
  );
  return result.rows.map(toOwn);
}

/** Normalised for comparison: case, spaces and the kind of dash do not matter. */
const numberKey = (text: string) => text.toUpperCase().replace(/[\s–—]/g, (c) => (c.trim() ? '-' : ''));

export async function ownAppealByNumber(
  db: Queryable,
  who: AccountRef,
  number: string,
): Promise<OwnAppeal | null> {
  const result = await db.query<Row>(
    `SELECT ${ownColumns} FROM bot_filings f
       JOIN sync_appeals a ON a.org_id = f.org_id AND a.id = f.appeal_id
      WHERE f.org_id = $1 AND f.network = $2 AND f.account_id = $3 AND f.user_id = $4`,
    [who.orgId, who.network, who.accountId, who.userId],
  );
  const wanted = numberKey(number);
  const row = result.rows.find((r) => numberKey(r.registration_number) === wanted);
  return row ? toOwn(row) : null;
}

/** How many of the account's appeals there are (the list shows the latest ten). */
export async function ownAppealCount(db: Queryable, who: AccountRef): Promise<number> {
  const result = await db.query<{ n: string }>(
    `SELECT count(*) AS n FROM bot_filings WHERE org_id = $1 AND network = $2 AND account_id = $3 AND user_id = $4`,
    [who.orgId, who.network, who.accountId, who.userId],
  );
  return Number(result.rows[0]?.n ?? 0);
}

/** Still being considered: an addition can be made and the appeal withdrawn. */
export const isOpen = (appeal: OwnAppeal) =>
  appeal.withdrawnAt === null &&
  ['received', 'registered', 'in_progress', 'documents_requested'].includes(appeal.status);

/** One appeal in a line: while open its status and deadline; then the answer, the result or the withdrawal. */
export function statusLine(language: BotLanguage, appeal: OwnAppeal): string {
  const common = { number: appeal.number, date: formatDate(language, appeal.registeredAt) };
  if (appeal.withdrawnAt !== null)
    return t(language, 'status.lineWithdrawn', { ...common, when: formatDate(language, appeal.withdrawnAt) });
  if (appeal.status === 'answered' && appeal.answeredAt !== null)
    return t(language, 'status.lineAnswered', { ...common, when: formatDate(language, appeal.answeredAt) });
  // Closed, forwarded by competence, merged as a duplicate: the result, not a deadline that no longer runs.
  if (isClosed(appeal.status as AppealStatus))
    return t(language, 'status.lineClosed', {
      ...common,
      result: appeal.result
        ? t(language, `domain:result.${appeal.result}`)
        : t(language, `domain:status.${appeal.status}`),
    });
  return t(language, 'status.line', {
    ...common,
    status: t(language, `domain:status.${appeal.status}`),
    deadline: appeal.legalDeadline
      ? formatDate(language, appeal.legalDeadline)
      : t(language, 'status.noDeadline'),
  });
}
