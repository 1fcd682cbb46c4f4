import type { Department as StaffDepartment } from '../../../shared/model/staff';
import { appendAudit } from '../audit/audit';
import type { Queryable } from '../db/pool';
import { newId } from '../ids';
import { AccountsError } from './organisations';

const departmentCode = /^[0-9A-ZА-ЯЁ]{1,10}$/;

/** A department row as accounts/ reads it: the replicated document (shared/model/staff.ts) without its sync time. */
export type Department = Pick<StaffDepartment, 'id' | 'orgId' | 'code' | 'name'>;

export async function createDepartment(
  db: Queryable,
  input: { orgId: string; code: string; name: string },
): Promise<Department> {
  // The code may appear in registration numbers ({DEPT}), so it follows that token's rule.
  const code = input.code.trim().toUpperCase();
  const name = input.name.trim();
  if (!departmentCode.test(code)) {
    throw new AccountsError(
      'invalid_code',
      'Department code: 1–10 letters (Cyrillic or Latin) or digits, e.g. ЖКХ',
    );
  }
  if (!name) throw new AccountsError('invalid_name', 'Department name is required');
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
      throw new AccountsError('duplicate', `Department "${code}" already exists in this organisation`);
    }
    throw error;
  }
  await appendAudit(db, {
    orgId: department.orgId,
    action: 'department.create',
    entity: 'department',
    entityId: department.id,
    fields: { code: { old: null, new: code }, name: { old: null, new: name } },
  });
  return department;
}

/** Resolves department ids or codes of one organisation; throws on any unknown one. */
export async function resolveDepartments(
  db: Queryable,
  orgId: string,
  idsOrCodes: string[],
): Promise<string[]> {
  if (idsOrCodes.length === 0) return [];
  const result = await db.query<{ id: string; code: string }>(
    'SELECT id, code FROM departments WHERE org_id = $1 AND (id = ANY($2) OR code = ANY($3))',
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
  return [...new Set(result.rows.map((row) => row.id))];
}
