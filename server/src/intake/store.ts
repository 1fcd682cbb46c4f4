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

export async function writeIntake(tx: Queryable, orgId: string, write: IntakeWrite): Promise<void> {
  const audit = (write.audit ?? []).map((a) => ({
    action: a.action,
    entity: a.entity,
    entity_id: a.entityId,
    fields: a.fields ?? null,
    details: { actor: 'system', ...(a.details ?? {}) },
  }));
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
