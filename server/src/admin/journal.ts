/**
 * «Журнал администратора»: the administrative changes of an organisation, read from the audit log
 * (server/src/audit). Which audit actions belong to it is the list below: another administration
 * screen adds its actions here. Each entry says who, when, what and which fields old → new.
 */
import type { Queryable } from '../db/pool';

/** The audit actions of the journal, by kind (the screen's filter). */
const adminJournalKinds = {
  users: [
    'user.create',
    'user.update',
    'user.disable',
    'user.enable',
    'user.password_reset',
    'user.password_change',
    'user.sessions_end',
  ],
  departments: ['department.create', 'department.update', 'department.disable', 'department.enable'],
  channels: ['channel.create', 'channel.update', 'channel.disable', 'channel.enable'],
  organisation: [
    'organisation.create',
    'organisation.settings_update',
    'organisation.calendar_load',
    'triage.autoRouting.set',
    'quality.approvalRule.set',
    'quality.brushOff.set',
    'triage.categoryMap.set',
    'triage.categoryMap.reset',
    'triage.categoryDepartment.set',
    'triage.categoryDepartment.reset',
    'organisation.letterhead_set',
    'organisation.classifier_load',
    'report.finalise',
    'territory.create',
    'territory.update',
    'territory.delete',
    'territory.import',
  ],
  updates: ['release.upload', 'release.rollout', 'release.withdraw'],
  // Shared templates only: another official's personal template is theirs alone (answer-templates/writer.ts).
  templates: ['answerTemplate.create', 'answerTemplate.update', 'answerTemplate.delete'],
} as const;

export type AdminJournalKind = keyof typeof adminJournalKinds;
export const adminJournalKindNames = Object.keys(adminJournalKinds) as AdminJournalKind[];
const allActions: string[] = Object.values(adminJournalKinds).flat();

export interface JournalQuery {
  orgId: string;
  /** epoch ms, inclusive */
  from?: number;
  /** epoch ms, exclusive */
  to?: number;
  kind?: AdminJournalKind;
  /** the author's user id */
  actorId?: string;
  /** entries older than this id (the next page) */
  before?: string;
  limit: number;
}

export interface JournalEntry {
  id: string;
  /** epoch ms */
  at: number;
  action: string;
  entity: string;
  entityId: string | null;
  /** what the entry is about, as the journal names it: a login, a department's code and name */
  entityLabel: string | null;
  actorId: string | null;
  /** null: the admin CLI or the system */
  actorName: string | null;
  fields: Record<string, { old: unknown; new: unknown }> | null;
  details: Record<string, unknown> | null;
}

/** The journal's entries, newest first, a page at a time (`next`: the `before` of the next page). */
export async function readAdminJournal(
  db: Queryable,
  query: JournalQuery,
): Promise<{ entries: JournalEntry[]; next: string | null }> {
  const actions = query.kind ? [...adminJournalKinds[query.kind]] : allActions;
  const result = await db.query<JournalEntry>(
    `SELECT a.id::text AS id, (extract(epoch FROM a.at) * 1000)::float8 AS at, a.action, a.entity,
            a.entity_id AS "entityId", a.actor_user_id AS "actorId", au.display_name AS "actorName",
            CASE a.entity WHEN 'user' THEN eu.login
                          WHEN 'department' THEN ed.code || ' ' || ed.name
                          WHEN 'organisation' THEN eo.name
                          WHEN 'channel_account' THEN ec.network || ' ' || ec.account_id
                          WHEN 'desktop_release' THEN er.channel || ' ' || er.version
                          WHEN 'answerTemplate' THEN et.doc->>'title'
                          WHEN 'territory' THEN coalesce(etr.name, a.fields->'name'->>'old') END AS "entityLabel",
            a.fields, a.details
       FROM audit_log a
       LEFT JOIN users au ON au.id = a.actor_user_id AND au.org_id = a.org_id
       LEFT JOIN users eu ON a.entity = 'user' AND eu.id = a.entity_id AND eu.org_id = a.org_id
       LEFT JOIN departments ed ON a.entity = 'department' AND ed.id = a.entity_id AND ed.org_id = a.org_id
       LEFT JOIN organisations eo ON a.entity = 'organisation' AND eo.id = a.entity_id AND eo.id = a.org_id
       LEFT JOIN channel_accounts ec ON a.entity = 'channel_account' AND ec.id = a.entity_id AND ec.org_id = a.org_id
      LEFT JOIN desktop_releases er ON a.entity = 'desktop_release' AND er.id = a.entity_id AND er.org_id = a.org_id
      LEFT JOIN sync_answer_templates et ON a.entity = 'answerTemplate' AND et.id = a.entity_id AND et.org_id = a.org_id
      LEFT JOIN territories etr ON a.entity = 'territory' AND etr.id = a.entity_id AND etr.org_id = a.org_id
      WHERE a.org_id = $1 AND a.action = ANY($2)
        AND NOT coalesce(a.entity = 'answerTemplate' AND (et.doc->>'personal')::boolean, false)
        AND ($3::timestamptz IS NULL OR a.at >= $3) AND ($4::timestamptz IS NULL OR a.at < $4)
        AND ($5::text IS NULL OR a.actor_user_id = $5) AND ($6::bigint IS NULL OR a.id < $6)
      ORDER BY a.id DESC
      LIMIT $7`,
    [
      query.orgId,
      actions,
      query.from === undefined ? null : new Date(query.from),
      query.to === undefined ? null : new Date(query.to),
      query.actorId ?? null,
      query.before ?? null,
      query.limit + 1,
    ],
  );
  const entries = result.rows.slice(0, query.limit);
  return { entries, next: result.rows.length > query.limit ? entries.at(-1)!.id : null };
}
