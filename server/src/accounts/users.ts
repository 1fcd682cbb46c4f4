/**
 * Staff accounts: the one place that creates and changes them and checks what it is given, for the
 * admin CLI (server/src/cli) and the administrator's screens (server/src/admin/routes.ts) alike.
 * Every change is one transaction and one audit entry old → new; passwords and their hashes are
 * never audited, logged or returned (a generated password is returned once, to be handed over).
 */
import type pg from 'pg';
import { isOrganisationWide } from '../../../shared/model/roles';
import { minPasswordLength } from '../../../shared/model/staff';
import { appendAudit, changedFields } from '../audit/audit';
import { generatePassword, hashPassword } from '../auth/passwords';
import { isRole, type Role } from '../auth/roles';
import { inTransaction, type Queryable } from '../db/pool';
import { newId } from '../ids';
import { resolveDepartments } from './departments';
import { type AccountsActor, AccountsError, actorOf } from './organisations';
import { liveSession, revokeUserSessions } from './sessions';

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

/** A user as the administrator's list shows it. */
export interface AdminUser extends PublicUser {
  position: string;
  phone: string;
  /** Sign-in sessions not ended. */
  activeSessions: number;
}

export interface CreateUserInput {
  orgId: string;
  login: string;
  displayName: string;
  role: string;
  /** department ids or codes of the organisation */
  departments?: string[];
  position?: string;
  /** the work phone shown to applicants in letters */
  phone?: string;
  /** omitted: a random password is generated and returned once */
  password?: string;
}

const maxTextLength = 200;
const phonePattern = /^\+?[0-9][0-9 ()-]{4,24}$/;

function checkedLogin(raw: string): string {
  const login = raw.trim();
  if (!/^[A-Za-z0-9_.@-]{3,64}$/.test(login)) {
    throw new AccountsError('invalid_login', 'Login: 3–64 Latin letters, digits, _ . @ -');
  }
  return login;
}

function checkedRole(raw: string): Role {
  if (!isRole(raw)) {
    throw new AccountsError('invalid_role', 'Role must be one of operator, head, supervisor, admin');
  }
  return raw;
}

function checkedDisplayName(raw: string): string {
  const displayName = raw.trim();
  if (!displayName) throw new AccountsError('invalid_name', 'Display name is required');
  if (displayName.length > maxTextLength) {
    throw new AccountsError('invalid_name', `Display name: at most ${maxTextLength} characters`);
  }
  return displayName;
}

function checkedPosition(raw: string | undefined): string {
  const position = (raw ?? '').trim();
  if (position.length > maxTextLength) {
    throw new AccountsError('invalid_position', `Position: at most ${maxTextLength} characters`);
  }
  return position;
}

function checkedPhone(raw: string | undefined): string {
  const phone = (raw ?? '').trim();
  if (phone !== '' && !phonePattern.test(phone)) {
    throw new AccountsError(
      'invalid_phone',
      'Phone: digits, spaces, ( ) - and a leading +, e.g. +7 (3452) 12-34-56',
    );
  }
  return phone;
}

function checkedPassword(password: string): void {
  if (password.length < minPasswordLength) {
    throw new AccountsError('weak_password', `Password must have at least ${minPasswordLength} characters`);
  }
}

function checkMembership(role: Role, departmentCount: number): void {
  if (!isOrganisationWide(role) && departmentCount === 0) {
    throw new AccountsError('no_department', 'Operators and heads must belong to at least one department');
  }
}

export async function createUser(
  db: pg.Pool,
  input: CreateUserInput,
  actor: AccountsActor | null = null,
): Promise<{ user: PublicUser; generatedPassword: string | null }> {
  const login = checkedLogin(input.login);
  const role = checkedRole(input.role);
  const displayName = checkedDisplayName(input.displayName);
  const position = checkedPosition(input.position);
  const phone = checkedPhone(input.phone);
  const generatedPassword = input.password === undefined ? generatePassword() : null;
  const password = input.password ?? generatedPassword!;
  checkedPassword(password);
  checkMembership(role, (input.departments ?? []).length);
  const passwordHash = await hashPassword(password);
  const id = newId();
  const user = await inTransaction(db, async (client) => {
    const departmentIds = await resolveDepartments(client, input.orgId, input.departments ?? []);
    try {
      await client.query(
        `INSERT INTO users (id, org_id, login, display_name, role, password_hash, position, phone)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [id, input.orgId, login, displayName, role, passwordHash, position, phone],
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
      ...actorOf(actor),
      action: 'user.create',
      entity: 'user',
      entityId: id,
      fields: {
        login: { old: null, new: login },
        displayName: { old: null, new: displayName },
        role: { old: null, new: role },
        departmentIds: { old: null, new: departmentIds },
        ...(position ? { position: { old: null, new: position } } : {}),
        ...(phone ? { phone: { old: null, new: phone } } : {}),
      },
    });
    return { id, orgId: input.orgId, login, displayName, role, departmentIds, disabled: false };
  });
  return { user, generatedPassword };
}

export interface UpdateUserInput {
  orgId: string;
  id: string;
  displayName?: string;
  position?: string;
  phone?: string;
  role?: string;
  /** department ids or codes: the whole new membership */
  departments?: string[];
  disabled?: boolean;
}

/** What an administrator may change of a user, as the audit compares it. */
const editable = (user: AdminUser) => ({
  displayName: user.displayName,
  position: user.position,
  phone: user.phone,
  role: user.role,
  departmentIds: user.departmentIds,
  disabled: user.disabled,
});
const editableFields = ['displayName', 'position', 'phone', 'role', 'departmentIds', 'disabled'] as const;

/**
 * Changes a user's card, role, departments or whether they may sign in. Disabling ends their
 * sessions. An administrator cannot disable themselves or take away their own administrator role.
 */
export async function updateUser(
  db: pg.Pool,
  input: UpdateUserInput,
  actor: AccountsActor | null = null,
): Promise<AdminUser> {
  const wanted = {
    ...(input.displayName !== undefined ? { displayName: checkedDisplayName(input.displayName) } : {}),
    ...(input.position !== undefined ? { position: checkedPosition(input.position) } : {}),
    ...(input.phone !== undefined ? { phone: checkedPhone(input.phone) } : {}),
    ...(input.role !== undefined ? { role: checkedRole(input.role) } : {}),
    ...(input.disabled !== undefined ? { disabled: input.disabled } : {}),
  };
  await inTransaction(db, async (client) => {
    const before = (await readUsers(client, input.orgId, input.id, true))[0];
    if (!before) throw new AccountsError('not_found', 'No such user in this organisation');
    const departmentIds =
      input.departments === undefined
        ? before.departmentIds
        : await resolveDepartments(client, input.orgId, input.departments, before.departmentIds);
    const after: AdminUser = { ...before, ...wanted, departmentIds };
    if (actor?.userId === before.id && (after.disabled || after.role !== 'admin')) {
      throw new AccountsError(
        'own_account',
        'You cannot disable yourself or take away your own administrator role',
      );
    }
    checkMembership(after.role, after.departmentIds.length);
    const fields = changedFields(editable(before), editable(after), editableFields);
    if (Object.keys(fields).length === 0) return;
    await client.query(
      `UPDATE users SET display_name = $3, position = $4, phone = $5, role = $6, disabled = $7, updated_at = now()
        WHERE org_id = $1 AND id = $2`,
      [input.orgId, input.id, after.displayName, after.position, after.phone, after.role, after.disabled],
    );
    if (fields.departmentIds) {
      await client.query(
        'DELETE FROM user_departments WHERE user_id = $1 AND NOT (department_id = ANY($2))',
        [input.id, after.departmentIds],
      );
      for (const departmentId of after.departmentIds) {
        await client.query(
          `INSERT INTO user_departments (org_id, user_id, department_id) VALUES ($1, $2, $3)
           ON CONFLICT DO NOTHING`,
          [input.orgId, input.id, departmentId],
        );
      }
    }
    const ended = after.disabled && !before.disabled ? await revokeUserSessions(client, input.id) : 0;
    const onlyDisabled = Object.keys(fields).length === 1 && fields.disabled !== undefined;
    await appendAudit(client, {
      orgId: input.orgId,
      ...actorOf(actor),
      action: onlyDisabled ? (after.disabled ? 'user.disable' : 'user.enable') : 'user.update',
      entity: 'user',
      entityId: input.id,
      fields,
      ...(ended > 0 ? { details: { sessionsEnded: ended } } : {}),
    });
  });
  return (await readUsers(db, input.orgId, input.id))[0]!;
}

/**
 * Sets a new password (given, or generated and returned once) and ends the user's sessions, so
 * whoever knew the old one is signed out everywhere. It is a temporary password: the user must set
 * their own at the next sign-in (auth/service.ts `changePassword`).
 */
export async function resetPassword(
  db: pg.Pool,
  input: { orgId: string; id: string; password?: string },
  actor: AccountsActor | null = null,
): Promise<{ generatedPassword: string | null; sessionsEnded: number }> {
  const generatedPassword = input.password === undefined ? generatePassword() : null;
  const password = input.password ?? generatedPassword!;
  checkedPassword(password);
  const passwordHash = await hashPassword(password);
  const sessionsEnded = await inTransaction(db, async (client) => {
    const updated = await client.query(
      `UPDATE users SET password_hash = $3, must_change_password = true, updated_at = now()
        WHERE org_id = $1 AND id = $2`,
      [input.orgId, input.id, passwordHash],
    );
    if (updated.rowCount === 0) throw new AccountsError('not_found', 'No such user in this organisation');
    const ended = await revokeUserSessions(client, input.id);
    await appendAudit(client, {
      orgId: input.orgId,
      ...actorOf(actor),
      action: 'user.password_reset',
      entity: 'user',
      entityId: input.id,
      // Never the password nor its hash: only that it changed, and how it was chosen.
      details: { generated: generatedPassword !== null, sessionsEnded: ended, mustChangePassword: true },
    });
    return ended;
  });
  return { generatedPassword, sessionsEnded };
}

const adminUserColumns = `u.id, u.org_id AS "orgId", u.login, u.display_name AS "displayName", u.role, u.disabled,
  u.position, u.phone,
  ARRAY(SELECT d.department_id FROM user_departments d WHERE d.user_id = u.id ORDER BY 1) AS "departmentIds",
  (SELECT count(*)::int FROM auth_sessions s WHERE s.user_id = u.id AND ${liveSession('s')}) AS "activeSessions"`;

async function readUsers(db: Queryable, orgId: string, onlyId?: string, lock = false): Promise<AdminUser[]> {
  const result = await db.query<AdminUser>(
    `SELECT ${adminUserColumns} FROM users u
      WHERE u.org_id = $1 AND ($2::text IS NULL OR u.id = $2)
      ORDER BY u.login${lock ? ' FOR UPDATE OF u' : ''}`,
    [orgId, onlyId ?? null],
  );
  return result.rows;
}

/** A user of the organisation by login (case-insensitive, as at sign-in). */
export async function requireUserByLogin(db: Queryable, orgId: string, login: string): Promise<AdminUser> {
  const found = await db.query<{ id: string }>(
    'SELECT id FROM users WHERE org_id = $1 AND lower(login) = lower($2)',
    [orgId, login],
  );
  const user = found.rows[0] ? (await readUsers(db, orgId, found.rows[0].id))[0] : undefined;
  if (!user) throw new AccountsError('not_found', `No user "${login}" in this organisation`);
  return user;
}

/** The organisation's staff, by login, with what the administrator's screen shows. */
export async function listUsers(db: Queryable, orgId: string): Promise<AdminUser[]> {
  return readUsers(db, orgId);
}
