/**
 * The organisation's territories (districts → settlements): the one writer of `territories`. Every
 * change is audited old → new (entity `territory`, shown in «Журнал администратора») and restarts
 * the control job's reading of the organisation's appeals, so every appeal's territory is found again
 * against the new list (the backfill; server/src/control/facts-job.ts), without blocking the request.
 */
import type pg from 'pg';
import { type AuditEntry, appendAudit, changedFields } from '../audit/audit';
import { inTransaction, type Queryable } from '../db/pool';
import { ApiError } from '../http/errors';
import { newId } from '../ids';
import type { TerritoryRow } from './import';
import type { TerritoryEntry } from './match';

export interface Territory extends TerritoryEntry {
  /** appeals of the dashboard's facts in this territory (all time) */
  appeals: number;
}

export interface TerritoryInput {
  kind: 'district' | 'settlement';
  parentId: string | null;
  name: string;
  variants: string[];
  streets: string[];
}

export interface Actor {
  userId: string | null;
  deviceId: string | null;
}

const columns = `id, kind, parent_id AS "parentId", name, variants, streets`;

export async function listTerritories(db: Queryable, orgId: string): Promise<TerritoryEntry[]> {
  const result = await db.query<TerritoryEntry>(
    `SELECT ${columns} FROM territories WHERE org_id = $1 ORDER BY kind, lower(name)`,
    [orgId],
  );
  return result.rows;
}

/** The territories with their appeal counts, for the administration tab. */
export async function territoriesWithCounts(db: Queryable, orgId: string): Promise<Territory[]> {
  const result = await db.query<Territory>(
    `SELECT t.id, t.kind, t.parent_id AS "parentId", t.name, t.variants, t.streets,
            (SELECT count(*)::int FROM control_appeal_facts f WHERE f.org_id = t.org_id AND f.territory_id = t.id) AS appeals
       FROM territories t WHERE t.org_id = $1 ORDER BY lower(t.name)`,
    [orgId],
  );
  return result.rows;
}

/** The control job reads every appeal of the organisation again (territories changed). */
async function restartTerritoryAssignment(db: Queryable, orgId: string): Promise<void> {
  await db.query(
    `INSERT INTO control_cursor (org_id, seq) VALUES ($1, 0)
     ON CONFLICT (org_id) DO UPDATE SET seq = 0`,
    [orgId],
  );
}

const clean = (names: readonly string[]) => [
  ...new Set(names.map((name) => name.trim()).filter((name) => name.length > 0)),
];

async function checkParent(
  tx: Queryable,
  orgId: string,
  input: Pick<TerritoryInput, 'kind' | 'parentId'>,
): Promise<void> {
  if (input.kind === 'district' && input.parentId !== null)
    throw new ApiError(400, 'territory_invalid', 'a district has no parent', { problem: 'district_parent' });
  if (input.parentId === null) return;
  const parent = await tx.query<{ kind: string }>(
    'SELECT kind FROM territories WHERE org_id = $1 AND id = $2',
    [orgId, input.parentId],
  );
  if (parent.rows[0]?.kind !== 'district')
    throw new ApiError(400, 'territory_invalid', 'the parent is not a district of the organisation', {
      problem: 'parent',
    });
}

/** Inserts or renames a territory; a name taken under the same parent is 409. */
async function writeTerritory(tx: Queryable, sql: string, params: unknown[]): Promise<void> {
  try {
    await tx.query(sql, params);
  } catch (error) {
    if ((error as { code?: string }).code === '23505')
      throw new ApiError(409, 'territory_exists', 'the name is taken under this parent');
    throw error;
  }
}

/** Audits a change of one territory and restarts the control job's reading. */
async function recordChange(
  tx: Queryable,
  orgId: string,
  actor: Actor,
  change: Pick<AuditEntry, 'action' | 'entityId' | 'fields'>,
): Promise<void> {
  await appendAudit(tx, {
    orgId,
    actorUserId: actor.userId,
    deviceId: actor.deviceId,
    entity: 'territory',
    ...change,
  });
  await restartTerritoryAssignment(tx, orgId);
}

/** Adds a district or a settlement; a duplicate name under the same parent is 409. */
export async function createTerritory(
  db: pg.Pool,
  orgId: string,
  input: TerritoryInput,
  actor: Actor,
): Promise<TerritoryEntry> {
  return inTransaction(db, async (tx) => {
    await checkParent(tx, orgId, input);
    const id = newId();
    const values = {
      ...input,
      name: input.name.trim(),
      variants: clean(input.variants),
      streets: clean(input.streets),
    };
    await writeTerritory(
      tx,
      `INSERT INTO territories (org_id, id, kind, parent_id, name, variants, streets)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [orgId, id, values.kind, values.parentId, values.name, values.variants, values.streets],
    );
    await recordChange(tx, orgId, actor, {
      action: 'territory.create',
      entityId: id,
      fields: changedFields({}, values as unknown as Record<string, unknown>, [
        'kind',
        'parentId',
        'name',
        'variants',
        'streets',
      ]),
    });
    return { id, ...values };
  });
}

async function lockedTerritory(tx: Queryable, orgId: string, id: string): Promise<TerritoryEntry> {
  const found = await tx.query<TerritoryEntry>(
    `SELECT ${columns} FROM territories WHERE org_id = $1 AND id = $2 FOR UPDATE`,
    [orgId, id],
  );
  const before = found.rows[0];
  if (!before) throw new ApiError(404, 'territory_not_found', 'no such territory in the organisation');
  return before;
}

/** Changes a territory's name, parent, variants or streets (its kind stays). */
export async function updateTerritory(
  db: pg.Pool,
  orgId: string,
  id: string,
  patch: Partial<Omit<TerritoryInput, 'kind'>>,
  actor: Actor,
): Promise<{ territory: TerritoryEntry; changed: boolean }> {
  return inTransaction(db, async (tx) => {
    const before = await lockedTerritory(tx, orgId, id);
    const after: TerritoryEntry = {
      ...before,
      ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
      ...(patch.parentId !== undefined ? { parentId: patch.parentId } : {}),
      ...(patch.variants ? { variants: clean(patch.variants) } : {}),
      ...(patch.streets ? { streets: clean(patch.streets) } : {}),
    };
    if (after.parentId === id)
      throw new ApiError(400, 'territory_invalid', 'a territory is not its own parent', {
        problem: 'parent',
      });
    await checkParent(tx, orgId, after);
    const fields = changedFields(
      before as unknown as Record<string, unknown>,
      after as unknown as Record<string, unknown>,
      ['name', 'parentId', 'variants', 'streets'],
    );
    if (Object.keys(fields).length === 0) return { territory: before, changed: false };
    await writeTerritory(
      tx,
      `UPDATE territories SET name = $3, parent_id = $4, variants = $5, streets = $6, updated_at = now()
        WHERE org_id = $1 AND id = $2`,
      [orgId, id, after.name, after.parentId, after.variants, after.streets],
    );
    await recordChange(tx, orgId, actor, { action: 'territory.update', entityId: id, fields });
    return { territory: after, changed: true };
  });
}

/** Removes a territory; a district with settlements is 409 (move or remove them first). */
export async function deleteTerritory(db: pg.Pool, orgId: string, id: string, actor: Actor): Promise<void> {
  await inTransaction(db, async (tx) => {
    const before = await lockedTerritory(tx, orgId, id);
    const children = await tx.query(
      'SELECT 1 FROM territories WHERE org_id = $1 AND parent_id = $2 LIMIT 1',
      [orgId, id],
    );
    if ((children.rowCount ?? 0) > 0)
      throw new ApiError(409, 'territory_has_settlements', 'the district still has settlements');
    await tx.query('DELETE FROM territories WHERE org_id = $1 AND id = $2', [orgId, id]);
    await recordChange(tx, orgId, actor, {
      action: 'territory.delete',
      entityId: id,
      fields: {
        name: { old: before.name, new: null },
        kind: { old: before.kind, new: null },
      },
    });
  });
}

/**
 * Adds the file's districts and settlements to the organisation's (matched by name, case aside):
 * new ones are created, existing ones get the file's variants and streets added. One audit row,
 * old → new counts and the names added.
 */
export async function importTerritories(
  db: pg.Pool,
  orgId: string,
  rows: readonly TerritoryRow[],
  actor: Actor & { fileName: string },
): Promise<{ created: number; updated: number }> {
  return inTransaction(db, async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`territories:${orgId}`]);
    const existing = await tx.query<TerritoryEntry>(`SELECT ${columns} FROM territories WHERE org_id = $1`, [
      orgId,
    ]);
    const byKey = new Map<string, TerritoryEntry>(
      existing.rows.map((t) => [`${t.kind}|${t.parentId ?? ''}|${t.name.toLowerCase()}`, t]),
    );
    const added: string[] = [];
    let updated = 0;
    const ensure = async (
      kind: 'district' | 'settlement',
      parentId: string | null,
      name: string,
      variants: string[],
      streets: string[],
    ): Promise<string> => {
      const key = `${kind}|${parentId ?? ''}|${name.toLowerCase()}`;
      const found = byKey.get(key);
      if (found) {
        const nextVariants = clean([...found.variants, ...variants]);
        const nextStreets = clean([...found.streets, ...streets]);
        if (nextVariants.length !== found.variants.length || nextStreets.length !== found.streets.length) {
          await tx.query(
            'UPDATE territories SET variants = $3, streets = $4, updated_at = now() WHERE org_id = $1 AND id = $2',
            [orgId, found.id, nextVariants, nextStreets],
          );
          byKey.set(key, { ...found, variants: nextVariants, streets: nextStreets });
          updated += 1;
        }
        return found.id;
      }
      const id = newId();
      await tx.query(
        `INSERT INTO territories (org_id, id, kind, parent_id, name, variants, streets) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [orgId, id, kind, parentId, name, clean(variants), clean(streets)],
      );
      byKey.set(key, { id, kind, parentId, name, variants: clean(variants), streets: clean(streets) });
      added.push(name);
      return id;
    };
    for (const row of rows) {
      const districtId = row.district
        ? await ensure(
            'district',
            null,
            row.district,
            row.settlement ? [] : row.variants,
            row.settlement ? [] : row.streets,
          )
        : null;
      if (row.settlement) await ensure('settlement', districtId, row.settlement, row.variants, row.streets);
    }
    await appendAudit(tx, {
      orgId,
      actorUserId: actor.userId,
      deviceId: actor.deviceId,
      action: 'territory.import',
      entity: 'territory',
      entityId: null,
      fields: { territories: { old: existing.rows.length, new: existing.rows.length + added.length } },
      details: {
        file: actor.fileName.slice(0, 200),
        created: added.length,
        updated,
        added: added.slice(0, 50),
      },
    });
    await restartTerritoryAssignment(tx, orgId);
    return { created: added.length, updated };
  });
}
