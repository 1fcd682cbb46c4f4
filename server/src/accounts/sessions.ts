/**
 * Sign-in sessions of staff as an administrator sees and ends them (server/src/admin/routes.ts).
 * A session is one login on one device (server/src/auth/service.ts); ending it revokes its refresh
 * tokens, and its access tokens stop working at once (auth/require-auth.ts reads the session).
 */
import type pg from 'pg';
import { appendAudit } from '../audit/audit';
import { inTransaction, type Queryable } from '../db/pool';
import { type AccountsActor, AccountsError, actorOf } from './organisations';

/**
 * A session that can still be used: not ended, and holding a refresh token that is neither used,
 * revoked nor expired (a session whose last token expired is over without anyone ending it).
 */
export const liveSession = (alias: string) =>
  `${alias}.revoked_at IS NULL AND EXISTS (SELECT 1 FROM refresh_tokens rt WHERE rt.family_id = ${alias}.id
     AND rt.revoked_at IS NULL AND rt.rotated_at IS NULL AND rt.expires_at > now())`;

export interface ActiveSession {
  id: string;
  deviceId: string | null;
  /** epoch ms */
  createdAt: number;
  lastUsedAt: number;
}

/** Ends every open session of a user, in the caller's transaction; returns how many. */
export async function revokeUserSessions(db: Queryable, userId: string, onlyId?: string): Promise<number> {
  const ended = await db.query<{ id: string }>(
    `UPDATE auth_sessions SET revoked_at = now(), revoked_reason = 'admin'
      WHERE user_id = $1 AND revoked_at IS NULL AND ($2::text IS NULL OR id = $2) RETURNING id`,
    [userId, onlyId ?? null],
  );
  const ids = ended.rows.map((row) => row.id);
  if (ids.length > 0) {
    await db.query(
      'UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = ANY($1) AND revoked_at IS NULL',
      [ids],
    );
  }
  return ids.length;
}

async function requireUser(db: Queryable, orgId: string, userId: string): Promise<void> {
  const found = await db.query('SELECT 1 FROM users WHERE org_id = $1 AND id = $2', [orgId, userId]);
  if (found.rowCount === 0) throw new AccountsError('not_found', 'No such user in this organisation');
}

/** A user's open sessions, the most recently used first. */
export async function listActiveSessions(
  db: Queryable,
  orgId: string,
  userId: string,
): Promise<ActiveSession[]> {
  await requireUser(db, orgId, userId);
  const result = await db.query<ActiveSession>(
    `SELECT s.id, s.device_id AS "deviceId",
            (extract(epoch FROM s.created_at) * 1000)::float8 AS "createdAt",
            (extract(epoch FROM s.last_used_at) * 1000)::float8 AS "lastUsedAt"
       FROM auth_sessions s WHERE s.org_id = $1 AND s.user_id = $2 AND ${liveSession('s')}
      ORDER BY s.last_used_at DESC, s.id`,
    [orgId, userId],
  );
  return result.rows;
}

/** Ends one session of a user (`sessionId`) or all of them; audited when any ended. */
export async function endSessions(
  db: pg.Pool,
  input: { orgId: string; userId: string; sessionId?: string },
  actor: AccountsActor | null = null,
): Promise<{ ended: number }> {
  return inTransaction(db, async (client) => {
    await requireUser(client, input.orgId, input.userId);
    const ended = await revokeUserSessions(client, input.userId, input.sessionId);
    if (input.sessionId !== undefined && ended === 0) {
      throw new AccountsError('session_not_found', 'No open session with this id for this user');
    }
    if (ended > 0) {
      await appendAudit(client, {
        orgId: input.orgId,
        ...actorOf(actor),
        action: 'user.sessions_end',
        entity: 'user',
        entityId: input.userId,
        details: { ended, ...(input.sessionId ? { sessionId: input.sessionId } : {}) },
      });
    }
    return { ended };
  });
}
