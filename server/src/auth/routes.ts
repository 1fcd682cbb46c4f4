import type { FastifyInstance } from 'fastify';
import { roles } from '../../../shared/model/roles';
import { findOrganisation } from '../accounts/organisations';
import { errorBody } from '../http/errors';
import { requireAuth } from './require-auth';
import { changePassword, login, logout, refresh } from './service';

const sessionUser = {
  type: 'object',
  required: ['id', 'orgId', 'displayName', 'role', 'departmentIds'],
  properties: {
    id: { type: 'string' },
    orgId: { type: 'string' },
    displayName: { type: 'string' },
    role: { type: 'string', enum: roles },
    departmentIds: { type: 'array', items: { type: 'string' } },
  },
} as const;

const tokenPair = {
  type: 'object',
  required: ['accessToken', 'accessExpiresAt', 'refreshToken', 'user'],
  properties: {
    accessToken: { type: 'string' },
    accessExpiresAt: { type: 'string' },
    refreshToken: { type: 'string' },
    user: sessionUser,
  },
} as const;

const credentials = {
  type: 'object',
  required: ['login', 'password'],
  additionalProperties: false,
  properties: {
    login: { type: 'string', minLength: 1, maxLength: 128 },
    password: { type: 'string', minLength: 1, maxLength: 1024 },
    deviceId: { type: ['string', 'null'], minLength: 1, maxLength: 128 },
  },
} as const;

const passwordChange = {
  type: 'object',
  required: ['login', 'password', 'newPassword'],
  additionalProperties: false,
  properties: {
    ...credentials.properties,
    newPassword: { type: 'string', minLength: 1, maxLength: 1024 },
  },
} as const;

const refreshBody = {
  type: 'object',
  required: ['refreshToken'],
  additionalProperties: false,
  properties: { refreshToken: { type: 'string', minLength: 1, maxLength: 512 } },
} as const;

// No body at all arrives as null.
const logoutBody = {
  type: ['object', 'null'],
  additionalProperties: false,
  properties: { refreshToken: { type: 'string', minLength: 1, maxLength: 512 } },
} as const;

interface Credentials {
  login: string;
  password: string;
  deviceId?: string | null;
}

export async function authRoutes(app: FastifyInstance): Promise<void> {
  const { db, config } = app.okno;

  app.post<{ Body: Credentials }>(
    '/auth/login',
    { schema: { body: credentials, response: { 200: tokenPair } } },
    async (request) => login(db, config, request.body, { address: request.ip, now: app.okno.now() }),
  );

  // The user's own new password (required after an administrator reset it): the current one proves
  // who they are as at sign-in; answers a session as the sign-in does.
  app.post<{ Body: Credentials & { newPassword: string } }>(
    '/auth/password',
    { schema: { body: passwordChange, response: { 200: tokenPair } } },
    async (request) => changePassword(db, config, request.body, { address: request.ip, now: app.okno.now() }),
  );

  app.post<{ Body: { refreshToken: string } }>(
    '/auth/refresh',
    { schema: { body: refreshBody, response: { 200: tokenPair } } },
    async (request) => refresh(db, config, request.body.refreshToken),
  );

  // Ends the session of the presented access token, or of the refresh token in the body (a client
  // whose access token already expired can still sign out). Always 204: logging out twice is fine.
  app.post<{ Body: { refreshToken?: string } | undefined }>(
    '/auth/logout',
    { schema: { body: logoutBody } },
    async (request, reply) => {
      const header = request.headers.authorization;
      const refreshToken = request.body?.refreshToken;
      if (header) {
        await requireAuth(request, reply);
        if (request.auth.sessionId) await logout(db, { sessionId: request.auth.sessionId });
      }
      if (refreshToken) await logout(db, { refreshToken });
      if (!header && !refreshToken) {
        return reply.code(401).send(errorBody('unauthenticated', 'Give an access token or a refresh token'));
      }
      return reply.code(204).send();
    },
  );

  app.get('/me', { preHandler: requireAuth }, async (request) => {
    const { auth } = request;
    const [user, organisation] = await Promise.all([
      db.query<{ display_name: string; login: string }>(
        'SELECT display_name, login FROM users WHERE id = $1',
        [auth.userId],
      ),
      findOrganisation(db, auth.orgId),
    ]);
    return {
      user: {
        id: auth.userId,
        orgId: auth.orgId,
        displayName: user.rows[0]?.display_name ?? '',
        login: user.rows[0]?.login ?? '',
        role: auth.role,
        departmentIds: auth.departmentIds,
      },
      organisation,
      deviceId: auth.deviceId,
    };
  });
}
