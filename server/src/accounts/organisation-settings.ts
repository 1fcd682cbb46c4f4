/**
 * The one door to an organisation's name and settings after it is created: the administrator's
 * «Организация» tab (PATCH /api/v1/admin/organisation) and the admin CLI (`org-set`) both call
 * `changeOrganisationSettings`, which checks the change with shared/domain/organisation-settings.ts,
 * writes it (the organisations trigger replicates the document to desktops), audits it field by
 * field (`organisation.settings_update`, old → new) and, when the deadline engine counts differently
 * afterwards, recomputes the stored deadlines of open appeals (server/src/calendars/recompute.ts).
 */
import type pg from 'pg';
import {
  applyOrganisationChange,
  type OrganisationSetup,
  organisationChanges,
  type SettingsRefusal,
} from '../../../shared/domain/organisation-settings';
import { deadlineSettingsOf, defaultOrganisationSettings } from '../../../shared/model/organisation';
import { appendAudit } from '../audit/audit';
import { t } from '../bot/texts';
import { recomputeOpenDeadlines } from '../calendars/recompute';
import { inTransaction, type Queryable } from '../db/pool';
import { type AccountsActor, actorOf } from './organisations';

/** A refused change: `refusal` names the field and the i18n key; the message is for logs and the CLI. */
export class OrganisationSettingsError extends Error {
  constructor(readonly refusal: SettingsRefusal) {
    super(`${refusal.field}: ${t('en', refusal.code, refusal.params)} Nothing was changed.`);
    this.name = 'OrganisationSettingsError';
  }
}

/** The organisation's name and stored settings (without the loaded calendars, which have their own door). */
export async function readOrganisationSetup(
  db: Queryable,
  orgId: string,
  lock = false,
): Promise<OrganisationSetup> {
  const result = await db.query<{ name: string; settings: Partial<OrganisationSetup['settings']> }>(
    `SELECT name, settings FROM organisations WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
    [orgId],
  );
  const row = result.rows[0];
  if (!row) throw new Error(`organisation ${orgId} does not exist`);
  const { calendarYears: _loadedElsewhere, ...settings } = {
    ...defaultOrganisationSettings,
    ...row.settings,
  };
  return { name: row.name, settings: { ...settings, calendarYears: [] } };
}

export interface SettingsChangeResult {
  organisation: OrganisationSetup;
  /** What changed, old → new, as audited; empty when the change changed nothing (nothing written). */
  fields: Record<string, { old: unknown; new: unknown }>;
  /** Open appeals whose stored deadlines moved. */
  recomputed: number;
}

/** Applies an administrator's change (untrusted input); a refusal throws OrganisationSettingsError, nothing written. */
export async function changeOrganisationSettings(
  db: pg.Pool,
  orgId: string,
  change: unknown,
  actor: AccountsActor | null,
): Promise<SettingsChangeResult> {
  return inTransaction(db, async (tx) => {
    // The organisation's sync lock first, as every push takes it: no push changes an appeal between
    // the recomputation below and the commit (as a calendar load does).
    await tx.query('SELECT okno_sync_lock($1)', [orgId]);
    const before = await readOrganisationSetup(tx, orgId, true);
    const applied = applyOrganisationChange(before, change);
    if (!applied.ok) throw new OrganisationSettingsError(applied.error);
    const after = applied.value;
    const fields = organisationChanges(before, after);
    if (Object.keys(fields).length === 0) return { organisation: before, fields, recomputed: 0 };
    const { calendarYears: _loadedElsewhere, ...stored } = after.settings;
    try {
      await tx.query('UPDATE organisations SET name = $2, settings = $3, updated_at = now() WHERE id = $1', [
        orgId,
        after.name,
        JSON.stringify(stored),
      ]);
    } catch (error) {
      if ((error as { code?: string }).code === '23505') {
        throw new OrganisationSettingsError({
          apiCode: 'invalid_name',
          field: 'name',
          code: 'organisation:errors.duplicate',
        });
      }
      throw error;
    }
    const countsDifferently =
      JSON.stringify(deadlineSettingsOf(before.settings)) !==
      JSON.stringify(deadlineSettingsOf(after.settings));
    const recomputed = countsDifferently
      ? await recomputeOpenDeadlines(tx, orgId, { settings: Object.keys(fields) }, actorOf(actor))
      : 0;
    await appendAudit(tx, {
      orgId,
      ...actorOf(actor),
      action: 'organisation.settings_update',
      entity: 'organisation',
      entityId: orgId,
      fields,
      details: { recomputedAppeals: recomputed },
    });
    return { organisation: after, fields, recomputed };
  });
}
