/**
 * The replicated half of an inbound write: one call of `okno_intake_write` (200/201 migrations) puts
 * the appeal, conversation and message documents into sync_* under the organisation's sync lock
 * with fresh seqs, appends the audit rows and queues the NOTIFY that wakes desktop streams — one
 * round trip, so the lock is held as briefly as possible. The intake's own lookup rows of the same
 * message (intake_messages, the conversation's open incident) travel with it.
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
  lookup?: IntakeLookup;
}

export interface IntakeLookup {
  /** The network's message id → our message (a redelivered message returns the first result). */
  message?: {
    channelAccountId: string;
    externalMessageId: string;
    messageId: string;
    conversationId: string;
    appealId: string;
  };
  /** The conversation's new open incident. */
  openIncident?: { conversationId: string; appealId: string };
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
 * Several writes of one organisation as one SQL text with literals (`okno_intake_write_batch`,
 * 201_intake_batch.sql), to be sent with `COMMIT` in one simple-query round trip: the sync lock it
 * takes is released by the same round trip, and one NOTIFY covers all of them.
 */
export function intakeBatchSql(
  orgId: string,
  writes: readonly IntakeWrite[],
  literal: (text: string) => string,
): string {
  const rows = writes.map((write) => {
    const audit = auditRows(write);
    return {
      appeal: write.appeal?.doc,
      appealDepts: write.appeal?.departmentIds,
      conversation: write.conversation?.doc,
      conversationDepts: write.conversation?.departmentIds,
      message: write.message?.doc,
      messageDepts: write.message?.departmentIds,
      audit: audit.length > 0 ? audit : undefined,
    };
  });
  const tuple = (values: string[]) => `(${values.map(literal).join(', ')})`;
  const messages = writes.flatMap((w) => (w.lookup?.message ? [w.lookup.message] : []));
  const incidents = writes.flatMap((w) => (w.lookup?.openIncident ? [w.lookup.openIncident] : []));
  return [
    ...(messages.length > 0
      ? [
          `INSERT INTO intake_messages (channel_account_id, external_message_id, message_id, conversation_id, appeal_id) VALUES ${messages
            .map((m) =>
              tuple([m.channelAccountId, m.externalMessageId, m.messageId, m.conversationId, m.appealId]),
            )
            .join(', ')}`,
        ]
      : []),
    ...(incidents.length > 0
      ? [
          `UPDATE intake_conversations c SET open_incident_id = v.appeal_id FROM (VALUES ${incidents
            .map((i) => tuple([i.conversationId, i.appealId]))
            .join(', ')}) AS v (id, appeal_id) WHERE c.id = v.id`,
        ]
      : []),
    `SELECT okno_intake_write_batch(${literal(orgId)}, ${literal(JSON.stringify(rows))}::jsonb)`,
  ].join('; ');
}

export async function writeIntake(tx: Queryable, orgId: string, write: IntakeWrite): Promise<void> {
  const { message, openIncident } = write.lookup ?? {};
  if (message)
    await tx.query(
      `INSERT INTO intake_messages (channel_account_id, external_message_id, message_id, conversation_id, appeal_id)
       VALUES ($1, $2, $3, $4, $5)`,
      [
        message.channelAccountId,
        message.externalMessageId,
        message.messageId,
        message.conversationId,
        message.appealId,
      ],
    );
  if (openIncident)
    await tx.query('UPDATE intake_conversations SET open_incident_id = $2 WHERE id = $1', [
      openIncident.conversationId,
      openIncident.appealId,
    ]);
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
