/**
 * Administration of staff for the organisation's administrators (renderer/features/admin):
 *   GET   /api/v1/admin/users                        → { users: AdminUser[] }
 *   POST  /api/v1/admin/users                        → { user, password }   (password: generated, shown once, or null)
 *   PATCH /api/v1/admin/users/:id                    → { user }   card, role, departments, disabled
 *   POST  /api/v1/admin/users/:id/password           → { password, sessionsEnded }
 *   GET   /api/v1/admin/users/:id/sessions           → { sessions: ActiveSession[] }
 *   POST  /api/v1/admin/users/:id/sessions/end       → { ended }   one ({ sessionId }) or all
 *   GET   /api/v1/admin/departments                  → { departments: AdminDepartment[] }
 *   POST  /api/v1/admin/departments                  → { department }
 *   PATCH /api/v1/admin/departments/:id              → { department }   rename, disable, enable
 *   GET   /api/v1/admin/journal?from&to&kind&actorId&before&limit → { entries, next }
 * The checks are the admin CLI's (server/src/accounts); a refused input answers 400/404/409 with the
 * accounts code (`invalid_login`, `duplicate`, `department_has_open_appeals`…), nothing written.
 * Administrators only, within their own organisation: another organisation's id is 404.
 */
import type { FastifyInstance } from 'fastify';
import { createDepartment, listDepartments, updateDepartment } from '../accounts/departments';
import { type AccountsActor, AccountsError } from '../accounts/organisations';
import { endSessions, listActiveSessions } from '../accounts/sessions';
import { createUser, listUsers, resetPassword, updateUser } from '../accounts/users';
import type { AuthContext } from '../auth/context';
import { requireRole } from '../auth/require-auth';
import { ApiError } from '../http/errors';
import { idParams } from '../http/params';
import { type AdminJournalKind, adminJournalKindNames, readAdminJournal } from './journal';

const text = (maxLength: number) => ({ type: 'string', maxLength }) as const;
const departmentList = { type: 'array', maxItems: 100, items: text(100) } as const;

const createUserBody = {
  type: 'object',
  additionalProperties: false,
  required: ['login', 'displayName', 'role'],
  properties: {
    login: text(200),
    displayName: text(1000),
    position: text(1000),
    phone: text(100),
    role: text(50),
    departmentIds: departmentList,
    password: text(1024),
  },
} as const;

const updateUserBody = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    displayName: text(1000),
    position: text(1000),
    phone: text(100),
    role: text(50),
    departmentIds: departmentList,
    disabled: { type: 'boolean' },
  },
} as const;

// No body at all arrives as null: a generated password.
const passwordBody = {
  type: ['object', 'null'],
  additionalProperties: false,
  properties: { password: text(1024) },
} as const;

const endSessionsBody = {
  type: ['object', 'null'],
  additionalProperties: false,
  properties: { sessionId: { type: 'string', minLength: 1, maxLength: 100 } },
} as const;

const createDepartmentBody = {
  type: 'object',
  additionalProperties: false,
  required: ['code', 'name'],
  properties: { code: text(100), name: text(1000) },
} as const;

const updateDepartmentBody = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: { name: text(1000), disabled: { type: 'boolean' } },
} as const;

const journalQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    from: { type: 'integer', minimum: 0 },
    to: { type: 'integer', minimum: 0 },
    kind: { type: 'string', enum: adminJournalKindNames },
    actorId: idParams.properties.id,
    before: { type: 'string', pattern: '^[0-9]{1,18}$' },
    limit: { type: 'integer', minimum: 1, maximum: 500, default: 100 },
  },
} as const;

/** An accounts refusal as the API answers it. */
const statusOf: Record<string, number> = {
  not_found: 404,
  session_not_found: 404,
  duplicate: 409,
  duplicate_code: 409,
  department_has_open_appeals: 409,
  own_account: 409,
};

async function answering<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AccountsError) {
      throw new ApiError(statusOf[error.code] ?? 400, error.code, error.message);
    }
    throw error;
  }
}

const actor = (auth: AuthContext): AccountsActor => ({ userId: auth.userId, deviceId: auth.deviceId });

interface IdParams {
  id: string;
}

export async function adminRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.okno;
  app.addHook('preHandler', requireRole('admin'));

  app.get('/admin/users', async (request) => ({ users: await listUsers(db, request.auth.orgId) }));

  app.post<{
    Body: {
      login: string;
      displayName: string;
      role: string;
      position?: string;
      phone?: string;
      departmentIds?: string[];
      password?: string;
    };
  }>('/admin/users', { schema: { body: createUserBody } }, async (request, reply) => {
    const { body, auth } = request;
    const created = await answering(() =>
      createUser(
        db,
        {
          orgId: auth.orgId,
          login: body.login,
          displayName: body.displayName,
          role: body.role,
          departments: body.departmentIds ?? [],
          ...(body.position !== undefined ? { position: body.position } : {}),
          ...(body.phone !== undefined ? { phone: body.phone } : {}),
          ...(body.password !== undefined ? { password: body.password } : {}),
        },
        actor(auth),
      ),
    );
    const [user] = (await listUsers(db, auth.orgId)).filter((u) => u.id === created.user.id);
    return reply.code(201).send({ user, password: created.generatedPassword });
  });

  app.patch<{
    Params: IdParams;
    Body: {
      displayName?: string;
      position?: string;
      phone?: string;
      role?: string;
      departmentIds?: string[];
      disabled?: boolean;
    };
  }>('/admin/users/:id', { schema: { params: idParams, body: updateUserBody } }, async (request) => {
    const { body, auth } = request;
    const { departmentIds, ...rest } = body;
    const user = await answering(() =>
      updateUser(
        db,
        {
          orgId: auth.orgId,
          id: request.params.id,
          ...rest,
          ...(departmentIds !== undefined ? { departments: departmentIds } : {}),
        },
        actor(auth),
      ),
    );
    return { user };
  });

  app.post<{ Params: IdParams; Body: { password?: string } | null }>(
    '/admin/users/:id/password',
    { schema: { params: idParams, body: passwordBody } },
    async (request) => {
      const { auth } = request;
      const password = request.body?.password;
      const reset = await answering(() =>
        resetPassword(
          db,
          { orgId: auth.orgId, id: request.params.id, ...(password !== undefined ? { password } : {}) },
          actor(auth),
        ),
      );
      return { password: reset.generatedPassword, sessionsEnded: reset.sessionsEnded };
    },
  );

  app.get<{ Params: IdParams }>(
    '/admin/users/:id/sessions',
    { schema: { params: idParams } },
    async (request) => ({
      sessions: await answering(() => listActiveSessions(db, request.auth.orgId, request.params.id)),
    }),
  );

  app.post<{ Params: IdParams; Body: { sessionId?: string } | null }>(
    '/admin/users/:id/sessions/end',
    { schema: { params: idParams, body: endSessionsBody } },
    async (request) => {
      const { auth } = request;
      const sessionId = request.body?.sessionId;
      return answering(() =>
        endSessions(
          db,
          { orgId: auth.orgId, userId: request.params.id, ...(sessionId !== undefined ? { sessionId } : {}) },
          actor(auth),
        ),
      );
    },
  );

  app.get('/admin/departments', async (request) => ({
    departments: await listDepartments(db, request.auth.orgId),
  }));

  app.post<{ Body: { code: string; name: string } }>(
    '/admin/departments',
    { schema: { body: createDepartmentBody } },
    async (request, reply) => {
      const { auth, body } = request;
      const created = await answering(() =>
        createDepartment(db, { orgId: auth.orgId, code: body.code, name: body.name }, actor(auth)),
      );
      const [department] = await listDepartments(db, auth.orgId, created.id);
      return reply.code(201).send({ department });
    },
  );

  app.patch<{ Params: IdParams; Body: { name?: string; disabled?: boolean } }>(
    '/admin/departments/:id',
    { schema: { params: idParams, body: updateDepartmentBody } },
    async (request) => {
      const { auth, body } = request;
      const department = await answering(() =>
        updateDepartment(db, { orgId: auth.orgId, id: request.params.id, ...body }, actor(auth)),
      );
      return { department };
    },
  );

  app.get<{
    Querystring: {
      from?: number;
      to?: number;
      kind?: AdminJournalKind;
      actorId?: string;
      before?: string;
      limit: number;
    };
  }>('/admin/journal', { schema: { querystring: journalQuery } }, async (request) => {
    const { from, to, kind, actorId, before, limit } = request.query;
    return readAdminJournal(db, {
      orgId: request.auth.orgId,
      limit,
      ...(from !== undefined ? { from } : {}),
      ...(to !== undefined ? { to } : {}),
      ...(kind !== undefined ? { kind } : {}),
      ...(actorId !== undefined ? { actorId } : {}),
      ...(before !== undefined ? { before } : {}),
    });
  });
}
