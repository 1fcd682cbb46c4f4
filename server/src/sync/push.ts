/**
 * Push: `[{ newDocumentState, assumedMasterState }]` → the conflicts (master states) RxDB expects.
 *
 * Atomicity: a push that is malformed in any row (shape, ids, size, duplicates) is refused as a
 * whole with 400 before anything is written. A well-formed push runs in ONE transaction under the
 * organisation's sync lock: a replay of a push that already landed is answered with the master and
 * no refusal (./replay.ts); every other row is decided by its collection's writer (accepted, merged,
 * or refused with a reason), all accepted rows are written with fresh seqs, their audit rows appended,
 * and a NOTIFY queued — then one commit. Any unexpected error rolls the whole push back (500) and
 * RxDB retries it. Refusals are not errors: they are per-row conflicts inside a committed push.
 */
import type pg from 'pg';
import { isOrganisationWide } from '../../../shared/model/roles';
import type { PushAnswer } from '../../../shared/sync/contract';
import type { AuthContext } from '../auth/context';
import { inTransaction } from '../db/pool';
import { ApiError } from '../http/errors';
import { hasUnstorableText } from '../http/json';
import { isPlainObject, type SyncDoc, sameState, storedForm, tombstoneOf } from './docs';
import { notifyChange } from './notifier';
import { type DocumentRefusal, type Refusal, refusalCodes } from './refusal';
import { isReplay } from './replay';
import type { MasterRow, PushContext, PushRow, SyncCollection, WriteDecision, WrittenDoc } from './types';
import { refuse } from './writers';

const maxPushRows = 500;
const maxDocumentBytes = 512 * 1024;

const unstorableRefusal: Refusal = {
  code: refusalCodes.invalidDocument,
  params: { problem: 'contains U+0000 or an unpaired surrogate' },
};

const badPush = (message: string) => new ApiError(400, 'invalid_push', message);

/** Validates the whole body before any work: one bad row refuses the push. */
export function parsePush(collection: SyncCollection, body: unknown): PushRow[] {
  if (!Array.isArray(body))
    throw badPush('push body must be an array of { newDocumentState, assumedMasterState }');
  if (body.length > maxPushRows) {
    throw new ApiError(413, 'push_too_large', `at most ${maxPushRows} rows per push (got ${body.length})`);
  }
  const seen = new Set<string>();
  return body.map((row, index) => {
    const where = `row ${index}`;
    if (!isPlainObject(row)) throw badPush(`${where} is not an object`);
    const extra = Object.keys(row).filter((k) => k !== 'newDocumentState' && k !== 'assumedMasterState');
    if (extra.length > 0) throw badPush(`${where} has unknown keys: ${extra.join(', ')}`);
    const { newDocumentState, assumedMasterState } = row;
    if (!isPlainObject(newDocumentState)) throw badPush(`${where}: newDocumentState must be an object`);
    const id = newDocumentState[collection.primaryPath];
    if (typeof id !== 'string' || !collection.idPattern.test(id)) {
      throw badPush(`${where}: ${collection.primaryPath} must be an id matching ${collection.idPattern}`);
    }
    if (seen.has(id)) throw badPush(`${where}: document ${id} appears twice in one push`);
    seen.add(id);
    if (typeof newDocumentState._deleted !== 'boolean') throw badPush(`${where}: _deleted must be a boolean`);
    if (JSON.stringify(newDocumentState).length > maxDocumentBytes) {
      throw new ApiError(
        413,
        'document_too_large',
        `${where}: a document may have at most ${maxDocumentBytes} bytes`,
      );
    }
    if (assumedMasterState !== undefined && assumedMasterState !== null) {
      if (!isPlainObject(assumedMasterState) || assumedMasterState[collection.primaryPath] !== id) {
        throw badPush(`${where}: assumedMasterState must be null or the same document`);
      }
    }
    return {
      id,
      newDoc: storedForm(newDocumentState),
      assumed: isPlainObject(assumedMasterState) ? assumedMasterState : null,
    };
  });
}

export function visibleTo(auth: AuthContext, departmentIds: string[] | null): boolean {
  if (departmentIds === null || isOrganisationWide(auth.role)) return true;
  return departmentIds.some((d) => auth.departmentIds.includes(d));
}

async function loadMasters(
  tx: pg.PoolClient,
  collection: SyncCollection,
  orgId: string,
  ids: string[],
): Promise<Map<string, MasterRow>> {
  const result = await tx.query<{ id: string; doc: SyncDoc; department_ids: string[] | null }>(
    `SELECT id, doc, department_ids FROM ${collection.table} WHERE org_id = $1 AND id = ANY($2::text[])`,
    [orgId, ids],
  );
  return new Map(result.rows.map((r) => [r.id, { id: r.id, doc: r.doc, departmentIds: r.department_ids }]));
}

interface PendingWrite {
  row: PushRow;
  master: MasterRow | null;
  store: NonNullable<WriteDecision['store']>;
}

async function writeDocs(
  tx: pg.PoolClient,
  collection: SyncCollection,
  orgId: string,
  pending: PendingWrite[],
): Promise<WrittenDoc[]> {
  if (pending.length === 0) return [];
  const records = pending.map(({ row, store }) => ({
    id: row.id,
    doc: store.doc,
    department_ids: store.columns.departmentIds,
    appeal_id: store.columns.appealId ?? '',
    conversation_id: store.columns.conversationId ?? '',
  }));
  const links = collection.linkColumns;
  const linkList = links.map((c) => `, ${c}`).join('');
  const linkSelect = links.map((c) => `, r.${c}`).join('');
  const linkUpdate = links.map((c) => `, ${c} = EXCLUDED.${c}`).join('');
  const result = await tx.query<{ id: string; seq: string }>(
    `INSERT INTO ${collection.table} (org_id, id, seq, doc, department_ids${linkList})
     SELECT $1, r.id, nextval('okno_sync_seq'), r.doc, r.department_ids${linkSelect}
       FROM jsonb_to_recordset($2::jsonb)
         AS r(id text, doc jsonb, department_ids text[], appeal_id text, conversation_id text)
     ON CONFLICT (org_id, id) DO UPDATE
       SET seq = EXCLUDED.seq, doc = EXCLUDED.doc, department_ids = EXCLUDED.department_ids${linkUpdate},
           updated_at = now()
     RETURNING id, seq`,
    [orgId, JSON.stringify(records)],
  );
  const seqOf = new Map(result.rows.map((r) => [r.id, Number(r.seq)]));
  return pending.map(({ row, master, store }) => ({
    id: row.id,
    seq: seqOf.get(row.id) ?? 0,
    before: master,
    doc: store.doc,
    columns: store.columns,
  }));
}

async function appendAuditRows(
  tx: pg.PoolClient,
  ctx: PushContext,
  collection: SyncCollection,
  pending: PendingWrite[],
) {
  const rows = pending
    .filter((p) => p.store.audit)
    .map((p) => ({
      entity_id: p.row.id,
      action: p.store.audit!.action,
      fields: p.store.audit!.fields,
      details: { collection: collection.name, ...(p.store.audit!.details ?? {}) },
    }));
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO audit_log (org_id, actor_user_id, device_id, action, entity, entity_id, fields, details)
     SELECT $1, $2, $3, r.action, $4, r.entity_id, r.fields, r.details
       FROM jsonb_to_recordset($5::jsonb) AS r(entity_id text, action text, fields jsonb, details jsonb)`,
    [ctx.auth.orgId, ctx.auth.userId, ctx.auth.deviceId, entityName(collection), JSON.stringify(rows)],
  );
}

/** Audit entity names: `appeal`, `message`… (singular of the collection). */
function entityName(collection: SyncCollection): string {
  return collection.name.replace(/s$/, '');
}

/** Master states for RxDB (pure documents) and why rows were (partly) refused (the sync contract). */
export type PushOutcome = PushAnswer<SyncDoc>;

export async function applyPush(
  db: pg.Pool,
  collection: SyncCollection,
  auth: AuthContext,
  rows: PushRow[],
): Promise<PushOutcome> {
  if (rows.length === 0) return { conflicts: [], refusals: [] };
  return inTransaction(db, async (tx) => {
    await tx.query('SELECT okno_sync_lock($1)', [auth.orgId]);
    const masters = await loadMasters(
      tx,
      collection,
      auth.orgId,
      rows.map((r) => r.id),
    );
    const ctx: PushContext = { tx, auth, now: Date.now() };
    const conflicts: SyncDoc[] = [];
    const refusals: DocumentRefusal[] = [];
    const pending: PendingWrite[] = [];
    for (const row of rows) {
      const master = masters.get(row.id) ?? null;
      if (master && !visibleTo(auth, master.departmentIds)) {
        // Never the real document: the tombstone of what this client last saw (docs/ARCHITECTURE.md).
        conflicts.push(tombstoneOf(row.assumed ?? row.newDoc));
        refusals.push({ id: row.id, code: refusalCodes.outOfScope });
        continue;
      }
      if (hasUnstorableText(row.newDoc)) {
        // PostgreSQL stores neither U+0000 nor an unpaired surrogate: this document alone is refused,
        // the rest of the push lands (a failed transaction would make the desktop retry it forever).
        const refused = refuse(row, master, unstorableRefusal);
        if (refused.reply) conflicts.push(refused.reply);
        refusals.push({ id: row.id, ...unstorableRefusal });
        continue;
      }
      const replay = collection.writer.replay;
      if (master && replay && isReplay(row.newDoc, row.assumed, master.doc, replay)) {
        // Already stored (./replay.ts): the master without a refusal, nothing written.
        if (!sameState(row.newDoc, master.doc)) conflicts.push(master.doc);
        continue;
      }
      const decision = await collection.writer.decide(ctx, row, master);
      if (decision.store) pending.push({ row, master, store: decision.store });
      const reply =
        decision.reply ??
        (decision.store && !sameState(row.newDoc, decision.store.doc) ? decision.store.doc : null);
      if (reply) conflicts.push(reply);
      if (decision.refusal) refusals.push({ id: row.id, ...decision.refusal });
    }
    const written = await writeDocs(tx, collection, auth.orgId, pending);
    if (written.length > 0) {
      await collection.writer.afterWrite?.(ctx, written);
      await appendAuditRows(tx, ctx, collection, pending);
      await notifyChange(tx, auth.orgId);
    }
    return { conflicts, refusals };
  });
}
