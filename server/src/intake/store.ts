/**
 * The replicated half of an inbound write: one call of `okno_intake_write` (200_channels.sql) puts
 * the appeal, conversation and message documents into sync_* under the organisation's sync lock
 * with fresh seqs, appends the audit rows and queues the NOTIFY that wakes desktop streams — one
 * round trip, so the lock is held as briefly as possible.
 */
import type { Queryable } from '../db/pool';

export type Doc = Record<string, unknown>;

export interface ScopedDoc {
  doc: Doc;
  departmentIds: string[];
}

export interface SystemAudit {
  action: string;
  entity: string;
  entityId: string;
  fields?: Record<string, { old: unknown; new: unknown }>;
  details?: Record<string, unknown>;
}

export interface IntakeWrite {
  appeal?: ScopedDoc;
  /** A full document: inserted, or merged into the stored one (lastMessageAt, updatedAt, empty name). */
  conversation?: ScopedDoc;
  message?: ScopedDoc;
  audit?: SystemAudit[];
}

function auditRows(write: IntakeWrite) {
  return (write.audit ?? []).map((a) => ({
    action: a.action,
    entity: a.entity,
    entity_id: a.entityId,
    fields: a.fields ?? null,
    details: { actor: 'system', ...(a.details ?? {}) },
  }));
}

/**
 * The same write as one SQL text with literals, to be sent with `COMMIT` in one simple-query round
 * trip (the sync lock it takes is then released by the same round trip).
 */
export function intakeWriteSql(orgId: string, write: IntakeWrite, literal: (text: string) => string): string {
  const json = (value: unknown) =>
    value === undefined || value === null ? 'NULL' : `${literal(JSON.stringify(value))}::jsonb`;
  const arr = (value: string[] | undefined) =>
    value === undefined ? 'NULL' : `ARRAY[${value.map(literal).join(',')}]::text[]`;
  const audit = auditRows(write);
  return `SELECT okno_intake_write(${literal(orgId)}, ${json(write.appeal?.doc)}, ${arr(write.appeal?.departmentIds)}, ${json(
    write.conversation?.doc,
  )}, ${arr(write.conversation?.departmentIds)}, ${json(write.message?.doc)}, ${arr(write.message?.departmentIds)}, ${json(
    audit.length > 0 ? audit : null,
  )})`;
}

export async function writeIntake(tx: Queryable, orgId: string, write: IntakeWrite): Promise<void> {
  const audit = auditRows(write);
  await tx.query('SELECT okno_intake_write($1, $2, $3, $4, $5, $6, $7, $8)', [
    orgId,
    write.appeal ? JSON.stringify(write.appeal.doc) : null,
    write.appeal?.departmentIds ?? null,
    write.conversation ? JSON.stringify(write.conversation.doc) : null,
    write.conversation?.departmentIds ?? null,
    write.message ? JSON.stringify(write.message.doc) : null,
    write.message?.departmentIds ?? null,
    audit.length > 0 ? JSON.stringify(audit) : null,
  ]);
}

/** Cuts text to a schema's maxLength (code points are what JSON Schema counts). */
export function clip(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  return [...text].slice(0, maxLength).join('');
}
