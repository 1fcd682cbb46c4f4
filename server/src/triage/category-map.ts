/**
 * The organisation's category mapping (issue 13): which of its working subcategories a portal (ПОС)
 * subcategory — the triage model's vocabulary — means for it. The default rules
 * (shared/triage/working-category.ts) map every portal subcategory; a supervisor or administrator
 * edits a row or resets it to the default (`triage_category_map`, migration 490). This module is the
 * one door to that table: each change is audited old → new («Журнал администратора»), and intake's
 * next suggestion uses it at once (the cache below is dropped on every change).
 *
 * The map's responsible departments (`triage_category_departments`, migration 590): a working category
 * or subcategory → one of the organisation's departments, suggested before its department learner has
 * a confident answer (shared/triage/department-choice.ts). Same door, same audit, same cache rule.
 */
import {
  type CategoryDepartments,
  type CategoryMap,
  defaultWorkingSubcategory,
} from '../../../shared/triage/working-category';
import { appendAudit } from '../audit/audit';
import type { Queryable } from '../db/pool';

/** A process caches an organisation's map this long; its own changes drop it at once. */
const cacheMs = 60_000;
const cached = new Map<string, { map: CategoryMap; until: number }>();

/** The organisation's mapping if this process read it within the last minute: intake then runs no statement. */
export function cachedCategoryMap(orgId: string, now = Date.now()): CategoryMap | undefined {
  const hit = cached.get(orgId);
  return hit && hit.until > now ? hit.map : undefined;
}

/** The organisation's mapping: its edits (portal subcategory → working subcategory); the rest is default. */
export async function categoryMapOf(db: Queryable, orgId: string, now = Date.now()): Promise<CategoryMap> {
  const hit = cachedCategoryMap(orgId, now);
  if (hit) return hit;
  const found = await db.query<{ portal: string; subcategory: string }>(
    'SELECT portal, subcategory FROM triage_category_map WHERE org_id = $1',
    [orgId],
  );
  const map: Record<string, string> = Object.create(null);
  for (const row of found.rows) map[row.portal] = row.subcategory;
  cached.set(orgId, { map, until: now + cacheMs });
  return map;
}

/** One row of the mapping as the supervisor's table shows it. */
export interface CategoryMapRow {
  portal: string;
  /** What the default rules give. */
  defaultSubcategory: string;
  /** What the organisation uses: its edit, else the default. */
  subcategory: string;
  edited: boolean;
  /** epoch ms of the edit; null for a default row */
  updatedAt: number | null;
}

/** Every portal subcategory of the vocabulary with the organisation's working subcategory for it. */
export async function categoryMapRows(
  db: Queryable,
  orgId: string,
  vocabulary: readonly string[],
): Promise<CategoryMapRow[]> {
  const found = await db.query<{ portal: string; subcategory: string; at: number }>(
    `SELECT portal, subcategory, (extract(epoch FROM updated_at) * 1000)::float8 AS at
       FROM triage_category_map WHERE org_id = $1`,
    [orgId],
  );
  const edits = new Map(found.rows.map((row) => [row.portal, row]));
  return vocabulary.map((portal) => {
    const defaultSubcategory = defaultWorkingSubcategory(portal);
    const edit = edits.get(portal);
    return {
      portal,
      defaultSubcategory,
      subcategory: edit?.subcategory ?? defaultSubcategory,
      edited: edit !== undefined,
      updatedAt: edit ? Math.round(edit.at) : null,
    };
  });
}

interface Actor {
  orgId: string;
  userId: string;
  deviceId?: string | null;
}

async function audit(
  db: Queryable,
  actor: Actor,
  action: string,
  field: string,
  old: string | null,
  next: string | null,
) {
  await appendAudit(db, {
    orgId: actor.orgId,
    actorUserId: actor.userId,
    deviceId: actor.deviceId ?? null,
    action,
    entity: 'organisation',
    entityId: actor.orgId,
    // The field is the portal subcategory's name (the ПОС vocabulary, no personal data), or
    // `categoryDepartment.<working code>` for a responsible department.
    fields: { [field]: { old, new: next } },
  });
}

/**
 * Maps `portal` to the working `subcategory` for the organisation (the caller validated both);
 * audited old → new unless nothing changes. Returns the row's working subcategory before.
 */
export async function setCategoryMapping(
  db: Queryable,
  actor: Actor,
  portal: string,
  subcategory: string,
): Promise<{ old: string }> {
  const before = await db.query<{ subcategory: string }>(
    'SELECT subcategory FROM triage_category_map WHERE org_id = $1 AND portal = $2',
    [actor.orgId, portal],
  );
  const old = before.rows[0]?.subcategory ?? defaultWorkingSubcategory(portal);
  await db.query(
    `INSERT INTO triage_category_map (org_id, portal, subcategory, set_by) VALUES ($1, $2, $3, $4)
     ON CONFLICT (org_id, portal) DO UPDATE
       SET subcategory = EXCLUDED.subcategory, set_by = EXCLUDED.set_by, updated_at = now()`,
    [actor.orgId, portal, subcategory, actor.userId],
  );
  cached.delete(actor.orgId);
  if (old !== subcategory) await audit(db, actor, 'triage.categoryMap.set', portal, old, subcategory);
  return { old };
}

/** Puts `portal` back on the default rules; audited old → default. False when the row was not edited. */
export async function resetCategoryMapping(db: Queryable, actor: Actor, portal: string): Promise<boolean> {
  const removed = await db.query<{ subcategory: string }>(
    'DELETE FROM triage_category_map WHERE org_id = $1 AND portal = $2 RETURNING subcategory',
    [actor.orgId, portal],
  );
  cached.delete(actor.orgId);
  const old = removed.rows[0]?.subcategory;
  if (old === undefined) return false;
  await audit(db, actor, 'triage.categoryMap.reset', portal, old, defaultWorkingSubcategory(portal));
  return true;
}

const cachedDepartments = new Map<string, { departments: CategoryDepartments; until: number }>();

/** The organisation's responsible departments if this process read them within the last minute. */
export function cachedCategoryDepartments(orgId: string, now = Date.now()): CategoryDepartments | undefined {
  const hit = cachedDepartments.get(orgId);
  return hit && hit.until > now ? hit.departments : undefined;
}

/**
 * The organisation's responsible departments: working category or subcategory code → department id.
 * A disabled department is left out (nobody may file into it, so it is not suggested).
 */
export async function categoryDepartmentsOf(
  db: Queryable,
  orgId: string,
  now = Date.now(),
): Promise<CategoryDepartments> {
  const hit = cachedCategoryDepartments(orgId, now);
  if (hit) return hit;
  const found = await db.query<{ category: string; department_id: string }>(
    `SELECT t.category, t.department_id FROM triage_category_departments t
       JOIN departments d ON d.org_id = t.org_id AND d.id = t.department_id
      WHERE t.org_id = $1 AND NOT d.disabled`,
    [orgId],
  );
  const departments: Record<string, string> = Object.create(null);
  for (const row of found.rows) departments[row.category] = row.department_id;
  cachedDepartments.set(orgId, { departments, until: now + cacheMs });
  return departments;
}

/** One responsible department as the supervisor's table shows it. */
export interface CategoryDepartmentRow {
  /** A working category or subcategory code. */
  category: string;
  departmentId: string;
  /** epoch ms of the choice */
  updatedAt: number;
}

/** Every responsible department the organisation chose (disabled departments included: the table shows them). */
export async function categoryDepartmentRows(db: Queryable, orgId: string): Promise<CategoryDepartmentRow[]> {
  const found = await db.query<{ category: string; department_id: string; at: number }>(
    `SELECT category, department_id, (extract(epoch FROM updated_at) * 1000)::float8 AS at
       FROM triage_category_departments WHERE org_id = $1 ORDER BY category`,
    [orgId],
  );
  return found.rows.map((row) => ({
    category: row.category,
    departmentId: row.department_id,
    updatedAt: Math.round(row.at),
  }));
}

/** The journal's field of a responsible department's change: `categoryDepartment.<code>`. */
const departmentField = (category: string) => `categoryDepartment.${category}`;

/**
 * Makes `departmentId` (of the organisation: the caller checked it) the responsible department of the
 * working `category` or subcategory; audited old → new unless nothing changes. Returns the one before.
 */
export async function setCategoryDepartment(
  db: Queryable,
  actor: Actor,
  category: string,
  departmentId: string,
): Promise<{ old: string | null }> {
  const before = await db.query<{ department_id: string }>(
    'SELECT department_id FROM triage_category_departments WHERE org_id = $1 AND category = $2',
    [actor.orgId, category],
  );
  const old = before.rows[0]?.department_id ?? null;
  await db.query(
    `INSERT INTO triage_category_departments (org_id, category, department_id, set_by) VALUES ($1, $2, $3, $4)
     ON CONFLICT (org_id, category) DO UPDATE
       SET department_id = EXCLUDED.department_id, set_by = EXCLUDED.set_by, updated_at = now()`,
    [actor.orgId, category, departmentId, actor.userId],
  );
  cachedDepartments.delete(actor.orgId);
  if (old !== departmentId)
    await audit(db, actor, 'triage.categoryDepartment.set', departmentField(category), old, departmentId);
  return { old };
}

/** Leaves the working `category` without a responsible department; audited old → none. False when it had none. */
export async function resetCategoryDepartment(
  db: Queryable,
  actor: Actor,
  category: string,
): Promise<boolean> {
  const removed = await db.query<{ department_id: string }>(
    'DELETE FROM triage_category_departments WHERE org_id = $1 AND category = $2 RETURNING department_id',
    [actor.orgId, category],
  );
  cachedDepartments.delete(actor.orgId);
  const old = removed.rows[0]?.department_id;
  if (old === undefined) return false;
  await audit(db, actor, 'triage.categoryDepartment.reset', departmentField(category), old, null);
  return true;
}
