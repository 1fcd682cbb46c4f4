/**
 * The server's own changes to stored appeals go through here, the one writer of `sync_appeals`
 * documents outside a desktop's push (like Signal's `DataInterface`): the passport record, the bot's
 * extension notice mark, a calendar's deadline recomputation and the conversation link. Each change
 * gets a fresh seq under the organisation's sync lock (`okno_sync_next_seq`), its `updatedAt` by one of
 * the rules below, its audit row, and one NOTIFY per call, so desktops pull it and streams wake.
 * Replication rules live in one place instead of in every author's memory.
 *
 * The other doors, each with its own module: a desktop's push (sync/push.ts stores what
 * ./writer.ts decided, with the same seq, audit and NOTIFY) and inbound intake (`okno_intake_write`,
 * intake/store.ts), which creates appeals in one round trip.
 */
import { type AuditEntry, appendAudit } from '../audit/audit';
import type { Queryable } from '../db/pool';
import { notifyChange } from '../sync/notifier';

type Doc = Record<string, unknown>;

/**
 * How a server change dates the appeal (`updatedAt`, which the desktops' later-edit rule compares):
 * - `serverClock`: the server's clock (finding 7: never a date the server has not reached);
 * - `afterPrevious`: later than the state it replaces, else the server's clock — a stored date in
 *   the future (a test calendar, a clock that went back) still moves forward;
 * - `unchanged`: a change of links only, which no desktop edits (the conversation link).
 */
export type EditInstant = 'serverClock' | 'afterPrevious' | 'unchanged';

export interface AppealChange {
  id: string;
  /** The stored document, read in the caller's transaction (locked, or under the sync lock). */
  before: Doc;
  /** Top-level fields to set; a nested object is given whole. */
  set: Doc;
  /** The audit row of this change (entity `appeal`, this id); none for bookkeeping marks. */
  audit?: Omit<AuditEntry, 'orgId' | 'entity' | 'entityId'>;
}

export interface WriteOptions {
  rule: EditInstant;
  /** The server's clock for this write (epoch ms). */
  now?: number;
  /** Consequences in the same transaction, before the NOTIFY (re-scoping what follows the appeal). */
  consequences?: (stored: StoredChange[]) => Promise<void>;
}

export interface StoredChange {
  id: string;
  seq: number;
  doc: Doc;
}

function instantOf(rule: EditInstant, previous: unknown, now: number): number | undefined {
  if (rule === 'unchanged') return undefined;
  const last = previous === undefined || previous === null ? Number.NaN : Number(previous);
  if (rule === 'afterPrevious' && Number.isFinite(last)) return Math.max(last + 1, now);
  return now;
}

/**
 * Stores `changes` of the organisation's appeals inside the caller's transaction (BEGIN … COMMIT:
 * the seq lock lasts until commit). The conversation link column follows `conversationId`.
 */
export async function writeAppealChanges(
  tx: Queryable,
  orgId: string,
  changes: AppealChange[],
  options: WriteOptions,
): Promise<StoredChange[]> {
  const now = options.now ?? Date.now();
  const stored: StoredChange[] = [];
  for (const change of changes) {
    const updatedAt = instantOf(options.rule, change.before.updatedAt, now);
    const set: Doc = updatedAt === undefined ? change.set : { ...change.set, updatedAt };
    const link = Object.hasOwn(set, 'conversationId') ? String(set.conversationId ?? '') : null;
    const result = await tx.query<{ seq: string; doc: Doc }>(
      `UPDATE sync_appeals SET doc = doc || $3::jsonb, conversation_id = coalesce($4::text, conversation_id),
              seq = okno_sync_next_seq(org_id), updated_at = now()
        WHERE org_id = $1 AND id = $2
        RETURNING seq, doc`,
      [orgId, change.id, JSON.stringify(set), link],
    );
    const row = result.rows[0];
    if (!row) continue;
    stored.push({ id: change.id, seq: Number(row.seq), doc: row.doc });
    if (change.audit)
      await appendAudit(tx, { ...change.audit, orgId, entity: 'appeal', entityId: change.id });
  }
  if (stored.length === 0) return stored;
  await options.consequences?.(stored);
  await notifyChange(tx, orgId);
  return stored;
}

/**
 * Reads one appeal FOR UPDATE and stores what `edit` makes of it: the fields to set, or null to leave
 * it as it is (no seq, no NOTIFY). Null when the appeal does not exist or was left alone.
 */
export async function editAppeal(
  tx: Queryable,
  orgId: string,
  appealId: string,
  edit: (doc: Doc) => Pick<AppealChange, 'set' | 'audit'> | null,
  options: WriteOptions,
): Promise<StoredChange | null> {
  const found = await tx.query<{ doc: Doc }>(
    'SELECT doc FROM sync_appeals WHERE org_id = $1 AND id = $2 FOR UPDATE',
    [orgId, appealId],
  );
  const before = found.rows[0]?.doc;
  const change = before ? edit(before) : null;
  if (!before || !change) return null;
  const [stored] = await writeAppealChanges(tx, orgId, [{ id: appealId, before, ...change }], options);
  return stored ?? null;
}
