/**
 * «Статус обращения» and «Мои обращения»: only appeals filed from the same network account. A
 * number filed by someone else and a number that does not exist get the same refusal, so the bot
 * never confirms that another person's appeal exists.
 */
import type { Queryable } from '../db/pool';
import { type BotLanguage, formatDate, t } from './texts';

export interface OwnAppeal {
  number: string;
  registeredAt: number | null;
  status: string;
  legalDeadline: string | null;
}

interface Row {
  registration_number: string;
  doc: { status?: string; registeredAt?: number | null; legalDeadline?: string | null; _deleted?: boolean };
}

const toOwn = (row: Row): OwnAppeal => ({
  number: row.registration_number,
  registeredAt: row.doc.registeredAt ?? null,
  status: row.doc._deleted ? 'closed' : String(row.doc.status ?? 'registered'),
  legalDeadline: row.doc.legalDeadline ?? null,
});

export interface AccountRef {
  orgId: string;
  network: string;
  accountId: string;
  userId: string;
}

export async function ownAppeals(db: Queryable, who: AccountRef, limit = 10): Promise<OwnAppeal[]> {
  const result = await db.query<Row>(
    `SELECT f.registration_number, a.doc FROM bot_filings f
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
    `SELECT f.registration_number, a.doc FROM bot_filings f
       JOIN sync_appeals a ON a.org_id = f.org_id AND a.id = f.appeal_id
      WHERE f.org_id = $1 AND f.network = $2 AND f.account_id = $3 AND f.user_id = $4`,
    [who.orgId, who.network, who.accountId, who.userId],
  );
  const wanted = numberKey(number);
  const row = result.rows.find((r) => numberKey(r.registration_number) === wanted);
  return row ? toOwn(row) : null;
}

export function statusLine(language: BotLanguage, appeal: OwnAppeal): string {
  return t(language, 'status.line', {
    number: appeal.number,
    date: formatDate(language, appeal.registeredAt),
    status: t(language, `domain:status.${appeal.status}`),
    deadline: appeal.legalDeadline
      ? formatDate(language, appeal.legalDeadline)
      : t(language, 'status.noDeadline'),
  });
}
