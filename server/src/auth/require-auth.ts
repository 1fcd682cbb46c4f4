/**
 * preHandler hooks for protected routes. Usage:
 *   app.get('/api/v1/x', { preHandler: requireAuth }, handler)           // any signed-in user
 *   app.post('/api/v1/y', { preHandler: requireRole('head', 'admin') }, handler)
 *   app.get('/api/v1/sync/stream', { preHandler: requireAuthForStream }, handler)
 * Missing, forged or expired tokens and revoked sessions → 401; a role outside the list → 403, and
 * so is a user who must change a reset password (`password_change_required`).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { forbidden, unauthorized } from '../http/errors';
import type { AuthContext } from './context';
import type { Role } from './roles';
import { passwordChangeRequired } from './service';
import { verifyAccessToken } from './tokens';

interface SessionRow {
  user_id: string;
  org_id: string;
  role: Role;
  disabled: boolean;
  must_change_password: boolean;
  device_id: string | null;
  revoked_at: Date | null;
  department_ids: string[];
}

function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match?.[1]) throw unauthorized('token_invalid', 'Authorization header must be "Bearer <token>"');
  return match[1];
}

/** Verifies `token` and loads the caller; throws ApiError(401) when it does not stand. */
async function authenticate(request: FastifyRequest, token: string | null): Promise<AuthContext> {
  if (!token) throw unauthorized('unauthenticated', 'Sign in first: missing access token');
  const { config, db } = request.server.okno;
  const verified = verifyAccessToken(token, config.tokenSecret, Math.floor(Date.now() / 1000));
  if (!verified.ok) {
    throw verified.reason === 'expired'
      ? unauthorized('token_expired', 'Access token expired; refresh it')
      : unauthorized('token_invalid', 'Access token is not valid');
  }
  const { claims } = verified;
  const result = await db.query<SessionRow>(
    `SELECT u.id AS user_id, u.org_id, u.role, u.disabled, u.must_change_password, s.device_id, s.revoked_at,
            ARRAY(SELECT d.department_id FROM user_departments d WHERE d.user_id = u.id ORDER BY 1) AS department_ids
       FROM auth_sessions s JOIN users u ON u.id = s.user_id
      WHERE s.id = $1 AND u.id = $2`,
    [claims.sid, claims.sub],
  );
  const row = result.rows[0];
  if (!row || row.revoked_at !== null) throw unauthorized('session_revoked', 'Session ended; sign in again');
  if (row.disabled) throw unauthorized('account_disabled', 'Account is disabled');
  // A reset password opens no session, but one must not outlive a reset made while it was open.
  if (row.must_change_password) throw passwordChangeRequired();
  return {
    userId: row.user_id,
    orgId: row.org_id,
    role: row.role,
    departmentIds: row.department_ids,
    deviceId: row.device_id,
    sessionId: claims.sid,
    accessExpiresAt: claims.exp * 1000,
  };
}

export async function requireAuth(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
  request.auth = await authenticate(request, bearerToken(request));
}

/**
 * For GET streams opened by EventSource, which cannot send headers: also accepts the token as the
 * `access_token` query parameter (masked in logs).
 */
export async function requireAuthForStream(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
  let token = bearerToken(request);
  if (!token && request.method === 'GET') {
    const query = request.query as Record<string, unknown> | undefined;
    if (typeof query?.access_token === 'string') token = query.access_token;
  }
  request.auth = await authenticate(request, token);
}

export function requireRole(...allowed: Role[]) {
  return async function requireRoleHook(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    await requireAuth(request, reply);
    if (!allowed.includes(request.auth.role)) throw forbidden();
  };
}
