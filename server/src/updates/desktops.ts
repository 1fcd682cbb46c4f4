/**
 * Which version each desktop of an organisation runs, and when it last synchronised: learned from
 * the `X-Okno-Version` header the desktop sends with its API calls (main/os/app-protocol.ts adds it).
 * The supervisor's «Рабочие места» lists them. A desktop is its login's device id, or its session.
 */
import type { AuthContext } from '../auth/context';
import type { Queryable } from '../db/pool';
import { isVersion, type Platform } from './metadata';

export interface DesktopVersion {
  deviceKey: string;
  userId: string | null;
  userName: string | null;
  version: string;
  platform: Platform | null;
  /** epoch ms */
  lastSeenAt: number;
  lastSyncAt: number | null;
}

export function deviceKeyOf(auth: AuthContext): string {
  return auth.deviceId ?? `session:${auth.sessionId ?? auth.userId}`;
}

const versionHeader = 'x-okno-version';

/** The version a request names, or null when it names none or something that is not a version. */
export function versionOf(headers: Record<string, string | string[] | undefined>): string | null {
  const value = headers[versionHeader];
  return typeof value === 'string' && isVersion(value) ? value : null;
}

async function recordDesktop(
  db: Queryable,
  input: { auth: AuthContext; version: string; platform: Platform | null; synced: boolean },
): Promise<void> {
  await db.query(
    `INSERT INTO desktop_versions (org_id, device_key, user_id, version, platform, last_seen_at, last_sync_at)
     VALUES ($1, $2, $3, $4, $5, now(), CASE WHEN $6 THEN now() END)
     ON CONFLICT (org_id, device_key) DO UPDATE SET
       user_id = EXCLUDED.user_id, version = EXCLUDED.version,
       platform = COALESCE(EXCLUDED.platform, desktop_versions.platform), last_seen_at = now(),
       last_sync_at = CASE WHEN $6 THEN now() ELSE desktop_versions.last_sync_at END`,
    [
      input.auth.orgId,
      deviceKeyOf(input.auth),
      input.auth.userId,
      input.version,
      input.platform,
      input.synced,
    ],
  );
}

export async function listDesktops(db: Queryable, orgId: string): Promise<DesktopVersion[]> {
  const result = await db.query<DesktopVersion>(
    `SELECT d.device_key AS "deviceKey", d.user_id AS "userId", u.display_name AS "userName", d.version,
            d.platform, (extract(epoch FROM d.last_seen_at) * 1000)::float8 AS "lastSeenAt",
            (extract(epoch FROM d.last_sync_at) * 1000)::float8 AS "lastSyncAt"
       FROM desktop_versions d LEFT JOIN users u ON u.id = d.user_id AND u.org_id = d.org_id
      WHERE d.org_id = $1
      ORDER BY d.last_seen_at DESC
      LIMIT 2000`,
    [orgId],
  );
  return result.rows;
}

/**
 * Remembers the version of every authenticated desktop call, at most once a minute per desktop
 * unless the version changed (a sync call is written once a minute too, for «последняя синхронизация»).
 */
export function createVersionRecorder(db: Queryable, now: () => number) {
  const written = new Map<string, { version: string; at: number; syncAt: number }>();
  return async (auth: AuthContext, version: string, platform: Platform | null, synced: boolean) => {
    const key = `${auth.orgId}\n${deviceKeyOf(auth)}`;
    const last = written.get(key);
    const at = now();
    const due =
      !last || last.version !== version || at - last.at >= 60_000 || (synced && at - last.syncAt >= 60_000);
    if (!due) return;
    written.set(key, { version, at, syncAt: synced ? at : (last?.syncAt ?? 0) });
    if (written.size > 10_000) written.delete(written.keys().next().value!);
    await recordDesktop(db, { auth, version, platform, synced });
  };
}
