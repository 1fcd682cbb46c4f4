import type pg from 'pg';
import { isOrganisationWide } from '../../../shared/model/roles';
import { appendAudit } from '../audit/audit';
import { generatePassword, hashPassword, minPasswordLength } from '../auth/passwords';
import { isRole, type Role } from '../auth/roles';
import { inTransaction } from '../db/pool';
import { newId } from '../ids';
import { resolveDepartments } from './departments';
import { AccountsError } from './organisations';

/** What other users and the desktop see of a user. */
export interface PublicUser {
  id: string;
  orgId: string;
  login: string;
  displayName: string;
  role: Role;
  departmentIds: string[];
  disabled: boolean;
}

export interface CreateUserInput {
  orgId: string;
  login: string;
  displayName: string;
  role: string;
  /** department ids or codes of the organisation */
  departments?: string[];
  /** omitted: a random password is generated and returned once */
  password?: string;
}

export async function createUser(
  db: pg.Pool,
  input: CreateUserInput,
): Promise<{ user: PublicUser; generatedPassword: string | null }> {
  const login = input.login.trim();
  if (!/^[A-Za-z0-9_.@-]{3,64}$/.test(login)) {
    throw new AccountsError('invalid_login', 'Login: 3–64 Latin letters, digits, _ . @ -');
  }
  if (!isRole(input.role)) {
    throw new AccountsError('invalid_role', 'Role must be one of operator, head, supervisor, admin');
  }
  const displayName = input.displayName.trim();
  if (!displayName) throw new AccountsError('invalid_name', 'Display name is required');
  const generatedPassword = input.password === undefined ? generatePassword() : null;
  const password = input.password ?? generatedPassword!;
  if (password.length < minPasswordLength) {
    throw new AccountsError('weak_password', `Password must have at least ${minPasswordLength} characters`);
  }
  const role = input.role;
  if (!isOrganisationWide(role) && (input.departments ?? []).length === 0) {
    throw new AccountsError('no_department', 'Operators and heads must belong to at least one department');
  }
  const passwordHash = await hashPassword(password);
  const id = newId();
  const user = await inTransaction(db, async (client) => {
    const departmentIds = await resolveDepartments(client, input.orgId, input.departments ?? []);
    try {
      await client.query(
        `INSERT INTO users (id, org_id, login, display_name, role, password_hash)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [id, input.orgId, login, displayName, role, passwordHash],
      );
    } catch (error) {
      if ((error as { code?: string }).code === '23505') {
        throw new AccountsError('duplicate', `Login "${login}" is taken`);
      }
      throw error;
    }
    for (const departmentId of departmentIds) {
      await client.query(
        'INSERT INTO user_departments (org_id, user_id, department_id) VALUES ($1, $2, $3)',
        [input.orgId, id, departmentId],
      );
    }
    await appendAudit(client, {
      orgId: input.orgId,
      action: 'user.create',
      entity: 'user',
      entityId: id,
      fields: {
        login: { old: null, new: login },
        displayName: { old: null, new: displayName },
        role: { old: null, new: role },
        departmentIds: { old: null, new: departmentIds },
      },
    });
    return { id, orgId: input.orgId, login, displayName, role, departmentIds, disabled: false };
  });
  return { user, generatedPassword };
}

const publicUserColumns = `u.id, u.org_id AS "orgId", u.login, u.display_name AS "displayName", u.role, u.disabled,
  ARRAY(SELECT d.department_id FROM user_departments d WHERE d.user_id = u.id ORDER BY 1) AS "departmentIds"`;

export async function listUsers(db: pg.Pool, orgId: string): Promise<PublicUser[]> {
  const result = await db.query<PublicUser>(
    `SELECT ${publicUserColumns} FROM users u WHERE u.org_id = $1 ORDER BY u.login`,
    [orgId],
  );
  return result.rows;
}
