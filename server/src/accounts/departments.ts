/**
 * Departments of an organisation: the one place that creates, renames, disables and enables them
 * and checks what it is given, for the admin CLI (server/src/cli) and the administrator's screens
 * (server/src/admin/routes.ts) alike. Every change is audited old → new.
 */
import type pg from 'pg';
import { openStatuses } from '../../../shared/domain/status-machine';
import type { Department as StaffDepartment } from '../../../shared/model/staff';
import { appendAudit, changedFields } from '../audit/audit';
import { inTransaction, type Queryable } from '../db/pool';
import { newId } from '../ids';
import { type AccountsActor, AccountsError, actorOf } from './organisations';

const departmentCode = /^[0-9A-ZА-ЯЁ]{1,10}$/;
const maxNameLength = 200;

/** A department row as accounts/ reads it: the replicated document (shared/model/staff.ts) without its sync time. */
export type Department = Pick<StaffDepartment, 'id' | 'orgId' | 'code' | 'name'>;

/** A department as the administrator's list shows it. */
export interface AdminDepartment extends Department {
  disabled: boolean;
  /** Active staff who belong to it. */
  staff: number;
  /** Appeals of the department not yet closed (a department with any cannot be disabled). */
  openAppeals: number;
}

function checkedName(raw: string): string {
  const name = raw.trim();
  if (!name) throw new AccountsError('invalid_name', 'Department name is required');
  if (name.length > maxNameLength) {
    throw new AccountsError('invalid_name', `Department name: at most ${maxNameLength} characters`);
  }
  return name;
}

export async function createDepartment(
  db: Queryable,
  input: { orgId: string; code: string; name: string },
  actor: AccountsActor | null = null,
): Promise<Department> {
  // The code may appear in registration numbers ({DEPT}), so it follows that token's rule.
  const code = input.code.trim().toUpperCase();
  if (!departmentCode.test(code)) {
    throw new AccountsError(
      'invalid_code',
      'Department code: 1–10 letters (Cyrillic or Latin) or digits, e.g. ЖКХ',
    );
  }
  const name = checkedName(input.name);
  const department: Department = { id: newId(), orgId: input.orgId, code, name };
  try {
    await db.query('INSERT INTO departments (id, org_id, code, name) VALUES ($1, $2, $3, $4)', [
      department.id,
      department.orgId,
      code,
      name,
    ]);
  } catch (error) {
    if ((error as { code?: string }).code === '23505') {
      throw new AccountsError('duplicate_code', `Department "${code}" already exists in this organisation`);
    }
    throw error;
  }
  await appendAudit(db, {
    orgId: department.orgId,
    ...actorOf(actor),
    action: 'department.create',
    entity: 'department',
    entityId: department.id,
    fields: { code: { old: null, new: code }, name: { old: null, new: name } },
  });
  return department;
}

/** Renames, disables or enables a department; a department with open appeals is not disabled. */
export async function updateDepartment(
  db: pg.Pool,
  input: { orgId: string; id: string; name?: string; disabled?: boolean },
  actor: AccountsActor | null = null,
): Promise<AdminDepartment> {
  const name = input.name === undefined ? undefined : checkedName(input.name);
  await inTransaction(db, async (client) => {
    const found = await client.query<{ name: string; disabled: boolean }>(
      'SELECT name, disabled FROM departments WHERE org_id = $1 AND id = $2 FOR UPDATE',
      [input.orgId, input.id],
    );
    const before = found.rows[0];
    if (!before) throw new AccountsError('not_found', 'No such department in this organisation');
    const after = { name: name ?? before.name, disabled: input.disabled ?? before.disabled };
    if (after.disabled && !before.disabled) {
      const open = await openAppealsOf(client, input.orgId, input.id);
      if (open > 0) {
        throw new AccountsError(
          'department_has_open_appeals',
          `The department still has ${open} open appeal(s): hand them to another department first`,
        );
      }
    }
    const fields = changedFields(before, after, ['name', 'disabled']);
    if (Object.keys(fields).length === 0) return;
    await client.query(
      'UPDATE departments SET name = $3, disabled = $4, updated_at = now() WHERE org_id = $1 AND id = $2',
      [input.orgId, input.id, after.name, after.disabled],
    );
    const action =
      fields.disabled === undefined
        ? 'department.update'
        : after.disabled
          ? 'department.disable'
          : 'department.enable';
    await appendAudit(client, {
      orgId: input.orgId,
      ...actorOf(actor),
      action,
      entity: 'department',
      entityId: input.id,
      fields,
    });
  });
  const departments = await listDepartments(db, input.orgId, input.id);
  return departments[0]!;
}

async function openAppealsOf(db: Queryable, orgId: string, departmentId: string): Promise<number> {
  const result = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM sync_appeals
      WHERE org_id = $1 AND doc->>'departmentId' = $2 AND doc->>'status' = ANY($3)
        AND coalesce((doc->>'_deleted')::boolean, false) = false`,
    [orgId, departmentId, openStatuses],
  );
  return result.rows[0]!.n;
}

/** The organisation's departments (or one of them) with their staff and open appeals, by code. */
export async function listDepartments(
  db: Queryable,
  orgId: string,
  onlyId?: string,
): Promise<AdminDepartment[]> {
  const result = await db.query<AdminDepartment>(
    `SELECT d.id, d.org_id AS "orgId", d.code, d.name, d.disabled,
            (SELECT count(*)::int FROM user_departments m JOIN users u ON u.id = m.user_id
              WHERE m.department_id = d.id AND NOT u.disabled) AS staff,
            (SELECT count(*)::int FROM sync_appeals a
              WHERE a.org_id = d.org_id AND a.doc->>'departmentId' = d.id AND a.doc->>'status' = ANY($3)
                AND coalesce((a.doc->>'_deleted')::boolean, false) = false) AS "openAppeals"
       FROM departments d
      WHERE d.org_id = $1 AND ($2::text IS NULL OR d.id = $2)
      ORDER BY d.code`,
    [orgId, onlyId ?? null, openStatuses],
  );
  return result.rows;
}

/**
 * Resolves department ids or codes of one organisation; throws on any unknown one, and on a disabled
 * one unless it is among `kept` (a membership the user already has).
 */
export async function resolveDepartments(
  db: Queryable,
  orgId: string,
  idsOrCodes: string[],
  kept: readonly string[] = [],
): Promise<string[]> {
  if (idsOrCodes.length === 0) return [];
  const result = await db.query<{ id: string; code: string; disabled: boolean }>(
    'SELECT id, code, disabled FROM departments WHERE org_id = $1 AND (id = ANY($2) OR code = ANY($3))',
    [orgId, idsOrCodes, idsOrCodes.map((key) => key.toUpperCase())],
  );
  const unknown = idsOrCodes.filter(
    (key) => !result.rows.some((row) => row.id === key || row.code === key.toUpperCase()),
  );
  if (unknown.length > 0) {
    throw new AccountsError(
      'unknown_department',
      `Unknown department(s) in this organisation: ${unknown.join(', ')}`,
    );
  }
  const disabled = result.rows.filter((row) => row.disabled && !kept.includes(row.id));
  if (disabled.length > 0) {
    throw new AccountsError(
      'department_disabled',
      `Department(s) disabled: ${disabled.map((row) => row.code).join(', ')}`,
    );
  }
  return [...new Set(result.rows.map((row) => row.id))].sort();
}
