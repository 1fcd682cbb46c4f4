/**
 * The audit log: append-only (the database refuses UPDATE/DELETE/TRUNCATE on it). Every change,
 * reveal and export is one row. Never put clear personal data or secrets into `fields`/`details`.
 */
import type { Queryable } from '../db/pool';

export interface FieldChange {
  old: unknown;
  new: unknown;
}

export interface AuditEntry {
  orgId: string;
  actorUserId?: string | null;
  deviceId?: string | null;
  /** dotted verb, e.g. `user.create`, `passport.reveal`, `auth.login` */
  action: string;
  /** entity kind, e.g. `user`, `applicant`, `appeal` */
  entity: string;
  entityId?: string | null;
  fields?: Record<string, FieldChange> | null;
  details?: Record<string, unknown> | null;
}

export interface AuditRecord extends Required<AuditEntry> {
  id: string;
  at: Date;
}

export async function appendAudit(db: Queryable, entry: AuditEntry): Promise<string> {
  const result = await db.query<{ id: string }>(
    `INSERT INTO audit_log (org_id, actor_user_id, device_id, action, entity, entity_id, fields, details)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [
      entry.orgId,
      entry.actorUserId ?? null,
      entry.deviceId ?? null,
      entry.action,
      entry.entity,
      entry.entityId ?? null,
      entry.fields ? JSON.stringify(entry.fields) : null,
      entry.details ? JSON.stringify(entry.details) : null,
    ],
  );
  return result.rows[0]!.id;
}

/** The fields whose values differ between `before` and `after`, as old → new. */
export function changedFields<T extends Record<string, unknown>>(
  before: T,
  after: T,
  keys: readonly (keyof T & string)[],
): Record<string, FieldChange> {
  const changes: Record<string, FieldChange> = {};
  for (const key of keys) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      changes[key] = { old: before[key] ?? null, new: after[key] ?? null };
    }
  }
  return changes;
}

/** History of one entity, oldest first. Callers check that the reader may see the entity. */
export async function entityHistory(
  db: Queryable,
  orgId: string,
  entity: string,
  entityId: string,
): Promise<AuditRecord[]> {
  const result = await db.query(
    `SELECT id, org_id, at, actor_user_id, device_id, action, entity, entity_id, fields, details
       FROM audit_log WHERE org_id = $1 AND entity = $2 AND entity_id = $3 ORDER BY id`,
    [orgId, entity, entityId],
  );
  return result.rows.map((row) => ({
    id: row.id,
    at: row.at,
    orgId: row.org_id,
    actorUserId: row.actor_user_id,
    deviceId: row.device_id,
    action: row.action,
    entity: row.entity,
    entityId: row.entity_id,
    fields: row.fields,
    details: row.details,
  }));
}
