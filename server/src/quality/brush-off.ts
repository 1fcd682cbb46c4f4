/**
 * The organisation's brush-off phrases for the automatic answer checks (issue 14): its own list, or
 * the default one (shared/quality/checks.ts) while it has none. Administrators and supervisors edit it
 * (audited old → new, in «Журнал администратора»); every official's composer reads it.
 */
import { defaultBrushOffPhrases } from '../../../shared/quality/checks';
import { appendAudit } from '../audit/audit';
import type { AuthContext } from '../auth/context';
import type { Queryable } from '../db/pool';

/** At most this many phrases, each 3–200 characters (checked by the route's schema). */
export const maxBrushOffPhrases = 200;

export async function brushOffPhrases(
  db: Queryable,
  orgId: string,
): Promise<{ phrases: string[]; custom: boolean }> {
  const found = await db.query<{ brush_off_phrases: string[] }>(
    'SELECT brush_off_phrases FROM quality_settings WHERE org_id = $1',
    [orgId],
  );
  const own = found.rows[0]?.brush_off_phrases;
  return own ? { phrases: own, custom: true } : { phrases: [...defaultBrushOffPhrases], custom: false };
}

/** Sets the organisation's list (trimmed, lower-cased, without repeats), or back to the default (null). */
export async function setBrushOffPhrases(
  tx: Queryable,
  auth: AuthContext,
  phrases: string[] | null,
): Promise<string[]> {
  const before = await brushOffPhrases(tx, auth.orgId);
  const cleaned =
    phrases === null
      ? null
      : [...new Set(phrases.map((p) => p.trim().toLowerCase()).filter((p) => p.length >= 3))];
  if (cleaned === null) await tx.query('DELETE FROM quality_settings WHERE org_id = $1', [auth.orgId]);
  else
    await tx.query(
      `INSERT INTO quality_settings (org_id, brush_off_phrases, set_by) VALUES ($1, $2, $3)
       ON CONFLICT (org_id) DO UPDATE SET brush_off_phrases = EXCLUDED.brush_off_phrases, set_by = EXCLUDED.set_by, updated_at = now()`,
      [auth.orgId, cleaned, auth.userId],
    );
  const after = cleaned ?? [...defaultBrushOffPhrases];
  if (JSON.stringify(before.phrases) !== JSON.stringify(after)) {
    await appendAudit(tx, {
      orgId: auth.orgId,
      actorUserId: auth.userId,
      deviceId: auth.deviceId,
      action: 'quality.brushOff.set',
      entity: 'organisation',
      entityId: auth.orgId,
      fields: { brushOffPhrases: { old: before.phrases, new: after } },
    });
  }
  return after;
}
