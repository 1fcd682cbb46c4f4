/**
 * Login, refresh-token rotation with reuse detection, logout.
 *
 * - Attempt budgets: every sign-in attempt spends tokens of its address's and its login name's
 *   budgets before the password is checked; without a token it is answered 429 with Retry-After
 *   (./throttle.ts explains the design). Unknown login names get the same answers and the same
 *   work as real ones.
 * - Rotation: each refresh marks the presented token rotated and issues a new one in the same
 *   family (session). Presenting a rotated token again revokes the whole family — the legitimate
 *   holder and the thief are both signed out, and its access tokens stop working at once.
 * - A temporary password (an administrator reset it, `must_change_password`): the sign-in answers
 *   403 `password_change_required` and opens no session; `changePassword` proves the temporary
 *   password as a sign-in does (same budgets), sets the user's own and signs them in.
 */
import type pg from 'pg';
import { minPasswordLength } from '../../../shared/model/staff';
import type { AuthUser } from '../../../shared/sync/contract';
import { appendAudit } from '../audit/audit';
import type { ServerConfig } from '../config';
import { inTransaction } from '../db/pool';
import { ApiError, unauthorized } from '../http/errors';
import { newId } from '../ids';
import { hashPassword, verifyAgainstDummy, verifyPassword } from './passwords';
import type { Role } from './roles';
import { type Attempt, recordFailure, recordSuccess, spendAttempt } from './throttle';
import { hashRefreshToken, newRefreshToken, newTokenId, signAccessToken } from './tokens';

export interface TokenPair {
  accessToken: string;
  accessExpiresAt: string;
  refreshToken: string;
  user: AuthUser;
}

type AuthConfig = Pick<ServerConfig, 'tokenSecret' | 'accessTtlSeconds' | 'refreshTtlSeconds'>;

interface UserRow {
  id: string;
  org_id: string;
  display_name: string;
  role: Role;
  password_hash: string;
  disabled: boolean;
  must_change_password: boolean;
  department_ids: string[];
}

const userColumns = `u.id, u.org_id, u.display_name, u.role, u.password_hash, u.disabled, u.must_change_password,
  ARRAY(SELECT d.department_id FROM user_departments d WHERE d.user_id = u.id ORDER BY 1) AS department_ids`;

const invalidCredentials = () => unauthorized('invalid_credentials', 'Wrong login or password');

const tooManyAttempts = (retryAfterSeconds: number) =>
  new ApiError(
    429,
    'too_many_attempts',
    `Too many sign-in attempts; try again in ${retryAfterSeconds} s`,
    { retryAfterSeconds },
    { 'retry-after': String(retryAfterSeconds) },
  );

/** Where an attempt comes from: the client's address and the server's clock (epoch ms). */
export interface AttemptSource {
  address: string;
  now: number;
}

type Credentials = { login: string; password: string; deviceId?: string | null };

/** The user whose password this is, within the attempt budgets; 401/429 otherwise. */
async function verifiedUser(db: pg.Pool, input: Credentials, attempt: Attempt): Promise<UserRow> {
  const decision = await spendAttempt(db, attempt);
  if (!decision.allowed) throw tooManyAttempts(decision.retryAfterSeconds);

  const found = await db.query<UserRow>(
    `SELECT ${userColumns} FROM users u WHERE lower(u.login) = lower($1)`,
    [input.login],
  );
  const user = found.rows[0];
  // The same work for an unknown name: a hash of a dummy, one write.
  const valid = user
    ? await verifyPassword(input.password, user.password_hash)
    : await verifyAgainstDummy(input.password).then(() => false);
  if (!user || !valid) {
    await recordFailure(db, decision.bucket, user?.id ?? null);
    throw invalidCredentials();
  }
  if (user.disabled) throw unauthorized('account_disabled', 'Account is disabled');
  return user;
}

export const passwordChangeRequired = () =>
  new ApiError(403, 'password_change_required', 'The password was reset: set a new one to sign in');

export async function login(
  db: pg.Pool,
  config: AuthConfig,
  input: Credentials,
  source: AttemptSource = { address: 'local', now: Date.now() },
): Promise<TokenPair> {
  const attempt: Attempt = { login: input.login, ...source };
  const user = await verifiedUser(db, input, attempt);
  if (user.must_change_password) throw passwordChangeRequired();
  return inTransaction(db, (client) => openSession(client, config, user, attempt, input.deviceId ?? null));
}

/**
 * A user sets their own password, proving the current (or temporary) one as at sign-in, and is
 * signed in. The new password follows the staff rules and differs from the current one; the audit
 * says that it changed and whether it had to, never the password.
 */
export async function changePassword(
  db: pg.Pool,
  config: AuthConfig,
  input: Credentials & { newPassword: string },
  source: AttemptSource = { address: 'local', now: Date.now() },
): Promise<TokenPair> {
  const attempt: Attempt = { login: input.login, ...source };
  const user = await verifiedUser(db, input, attempt);
  if (input.newPassword.length < minPasswordLength)
    throw new ApiError(400, 'weak_password', `Password must have at least ${minPasswordLength} characters`);
  if (input.newPassword === input.password)
    throw new ApiError(400, 'same_password', 'The new password must differ from the current one');
  const passwordHash = await hashPassword(input.newPassword);
  const deviceId = input.deviceId ?? null;
  return inTransaction(db, async (client) => {
    await client.query(
      'UPDATE users SET password_hash = $2, must_change_password = false, updated_at = now() WHERE id = $1',
      [user.id, passwordHash],
    );
    await appendAudit(client, {
      orgId: user.org_id,
      actorUserId: user.id,
      deviceId,
      action: 'user.password_change',
      entity: 'user',
      entityId: user.id,
      details: { required: user.must_change_password },
    });
    return openSession(client, config, user, attempt, deviceId);
  });
}

async function openSession(
  client: pg.PoolClient,
  config: AuthConfig,
  user: UserRow,
  attempt: Attempt,
  deviceId: string | null,
): Promise<TokenPair> {
  await recordSuccess(client, attempt);
  const sessionId = newId();
  await client.query('INSERT INTO auth_sessions (id, org_id, user_id, device_id) VALUES ($1, $2, $3, $4)', [
    sessionId,
    user.org_id,
    user.id,
    deviceId,
  ]);
  const refreshToken = await issueRefreshToken(client, config, sessionId, deviceId);
  await appendAudit(client, {
    orgId: user.org_id,
    actorUserId: user.id,
    deviceId,
    action: 'auth.login',
    entity: 'user',
    entityId: user.id,
    details: { sessionId },
  });
  return tokenPair(config, user, sessionId, deviceId, refreshToken);
}

async function issueRefreshToken(
  client: pg.PoolClient,
  config: AuthConfig,
  sessionId: string,
  deviceId: string | null,
): Promise<string> {
  const token = newRefreshToken();
  await client.query(
    `INSERT INTO refresh_tokens (id, family_id, token_hash, device_id, expires_at)
     VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5))`,
    [newId(), sessionId, hashRefreshToken(token), deviceId, config.refreshTtlSeconds],
  );
  return token;
}

function tokenPair(
  config: AuthConfig,
  user: UserRow,
  sessionId: string,
  deviceId: string | null,
  refreshToken: string,
): TokenPair {
  const now = Math.floor(Date.now() / 1000);
  const exp = now + config.accessTtlSeconds;
  const accessToken = signAccessToken(
    { sub: user.id, org: user.org_id, sid: sessionId, dev: deviceId, jti: newTokenId(), iat: now, exp },
    config.tokenSecret,
  );
  return {
    accessToken,
    accessExpiresAt: new Date(exp * 1000).toISOString(),
    refreshToken,
    user: {
      id: user.id,
      orgId: user.org_id,
      displayName: user.display_name,
      role: user.role,
      departmentIds: user.department_ids,
    },
  };
}

interface RefreshRow {
  id: string;
  family_id: string;
  device_id: string | null;
  expires_at: Date;
  rotated_at: Date | null;
  revoked_at: Date | null;
  session_revoked_at: Date | null;
  user_id: string;
  org_id: string;
}

type RefreshOutcome = { ok: true; pair: TokenPair } | { ok: false; error: ApiError };

export async function refresh(db: pg.Pool, config: AuthConfig, refreshToken: string): Promise<TokenPair> {
  // The reuse branch must COMMIT the family's revocation and still fail the request, so the
  // transaction returns an outcome instead of throwing (a throw would roll the revocation back).
  const outcome = await inTransaction(db, async (client): Promise<RefreshOutcome> => {
    const found = await client.query<RefreshRow>(
      `SELECT t.id, t.family_id, t.device_id, t.expires_at, t.rotated_at, t.revoked_at,
              s.revoked_at AS session_revoked_at, s.user_id, s.org_id
         FROM refresh_tokens t JOIN auth_sessions s ON s.id = t.family_id
        WHERE t.token_hash = $1
        FOR UPDATE OF t, s`,
      [hashRefreshToken(refreshToken)],
    );
    const token = found.rows[0];
    if (!token) return { ok: false, error: unauthorized('refresh_invalid', 'Refresh token is not valid') };
    if (token.session_revoked_at) {
      return { ok: false, error: unauthorized('session_revoked', 'Session ended; sign in again') };
    }
    if (token.rotated_at || token.revoked_at) {
      await revokeSession(client, token.family_id, 'refresh_reuse');
      await appendAudit(client, {
        orgId: token.org_id,
        actorUserId: token.user_id,
        deviceId: token.device_id,
        action: 'auth.refresh_reuse',
        entity: 'user',
        entityId: token.user_id,
        details: { sessionId: token.family_id },
      });
      return {
        ok: false,
        error: unauthorized(
          'refresh_reused',
          'Refresh token was already used; all sessions of this login ended',
        ),
      };
    }
    if (token.expires_at.getTime() <= Date.now()) {
      return { ok: false, error: unauthorized('refresh_expired', 'Refresh token expired; sign in again') };
    }
    const users = await client.query<UserRow>(`SELECT ${userColumns} FROM users u WHERE u.id = $1`, [
      token.user_id,
    ]);
    const user = users.rows[0];
    if (!user || user.disabled)
      return { ok: false, error: unauthorized('account_disabled', 'Account is disabled') };
    if (user.must_change_password) return { ok: false, error: passwordChangeRequired() };

    await client.query('UPDATE refresh_tokens SET rotated_at = now() WHERE id = $1', [token.id]);
    await client.query('UPDATE auth_sessions SET last_used_at = now() WHERE id = $1', [token.family_id]);
    const next = await issueRefreshToken(client, config, token.family_id, token.device_id);
    return { ok: true, pair: tokenPair(config, user, token.family_id, token.device_id, next) };
  });
  if (!outcome.ok) throw outcome.error;
  return outcome.pair;
}

async function revokeSession(
  client: pg.PoolClient | pg.Pool,
  sessionId: string,
  reason: string,
): Promise<boolean> {
  const result = await client.query(
    'UPDATE auth_sessions SET revoked_at = now(), revoked_reason = $2 WHERE id = $1 AND revoked_at IS NULL',
    [sessionId, reason],
  );
  await client.query(
    'UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL',
    [sessionId],
  );
  return (result.rowCount ?? 0) > 0;
}

/** Ends a session (by id, from an access token) or the session a refresh token belongs to. */
export async function logout(
  db: pg.Pool,
  by: { sessionId: string } | { refreshToken: string },
): Promise<void> {
  await inTransaction(db, async (client) => {
    const found = await client.query<{
      id: string;
      org_id: string;
      user_id: string;
      device_id: string | null;
    }>(
      'sessionId' in by
        ? 'SELECT id, org_id, user_id, device_id FROM auth_sessions WHERE id = $1'
        : `SELECT s.id, s.org_id, s.user_id, s.device_id FROM auth_sessions s
             JOIN refresh_tokens t ON t.family_id = s.id WHERE t.token_hash = $1`,
      ['sessionId' in by ? by.sessionId : hashRefreshToken(by.refreshToken)],
    );
    const session = found.rows[0];
    if (!session) return;
    if (await revokeSession(client, session.id, 'logout')) {
      await appendAudit(client, {
        orgId: session.org_id,
        actorUserId: session.user_id,
        deviceId: session.device_id,
        action: 'auth.logout',
        entity: 'user',
        entityId: session.user_id,
        details: { sessionId: session.id },
      });
    }
  });
}
