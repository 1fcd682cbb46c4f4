import { appendAudit } from '../audit/audit';
import type { Queryable } from '../db/pool';
import { newId } from '../ids';

/**
 * Per-organisation settings. Practice varies between regions, so these are settings, not code
 * (DOMAIN.md). The registration pattern is interpreted by the shared registration-number format.
 */
export interface OrganisationSettings {
  /** IANA time zone, e.g. Europe/Moscow */
  timeZone: string;
  registrationPattern: string;
  /** what happens when a legal deadline falls on a non-working day */
  shiftRule: 'next-working-day' | 'previous-working-day';
  workingHours: { start: string; end: string };
  incidentSlaHours: { firstReaction: number; answer: number; urgentAnswer: number; finalAnswerDays: number };
  /** portal message category → working days; `default` when the category is not listed */
  portalCategoryDays: Record<string, number>;
  /** years appeal files are kept */
  retentionYears: number;
}

export interface Organisation {
  id: string;
  name: string;
  settings: OrganisationSettings;
}

export const defaultRegistrationPattern = '{yyyy}/{seq}';

export function defaultSettings(
  timeZone: string,
  registrationPattern = defaultRegistrationPattern,
): OrganisationSettings {
  return {
    timeZone,
    registrationPattern,
    shiftRule: 'next-working-day',
    workingHours: { start: '09:00', end: '18:00' },
    incidentSlaHours: { firstReaction: 2, answer: 8, urgentAnswer: 4, finalAnswerDays: 7 },
    portalCategoryDays: { default: 10 },
    retentionYears: 5,
  };
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

export class AccountsError extends Error {
  constructor(
    public readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'AccountsError';
  }
}

export async function createOrganisation(
  db: Queryable,
  input: { name: string; timeZone: string; registrationPattern?: string },
): Promise<Organisation> {
  const name = input.name.trim();
  if (!name) throw new AccountsError('invalid_name', 'Organisation name is required');
  if (!isValidTimeZone(input.timeZone)) {
    throw new AccountsError(
      'invalid_time_zone',
      `Unknown time zone "${input.timeZone}" (use an IANA name such as Europe/Moscow)`,
    );
  }
  if (input.registrationPattern !== undefined && !input.registrationPattern.includes('{seq')) {
    throw new AccountsError(
      'invalid_pattern',
      'Registration pattern must contain the sequence placeholder {seq}',
    );
  }
  const organisation: Organisation = {
    id: newId(),
    name,
    settings: defaultSettings(input.timeZone, input.registrationPattern),
  };
  try {
    await db.query('INSERT INTO organisations (id, name, settings) VALUES ($1, $2, $3)', [
      organisation.id,
      organisation.name,
      JSON.stringify(organisation.settings),
    ]);
  } catch (error) {
    if ((error as { code?: string }).code === '23505') {
      throw new AccountsError('duplicate', `Organisation "${name}" already exists`);
    }
    throw error;
  }
  await appendAudit(db, {
    orgId: organisation.id,
    action: 'organisation.create',
    entity: 'organisation',
    entityId: organisation.id,
    fields: { name: { old: null, new: name }, settings: { old: null, new: organisation.settings } },
  });
  return organisation;
}

export async function findOrganisation(db: Queryable, idOrName: string): Promise<Organisation | null> {
  const result = await db.query<Organisation>(
    'SELECT id, name, settings FROM organisations WHERE id = $1 OR name = $1 LIMIT 1',
    [idOrName],
  );
  return result.rows[0] ?? null;
}

export async function requireOrganisation(db: Queryable, idOrName: string): Promise<Organisation> {
  const organisation = await findOrganisation(db, idOrName);
  if (!organisation) throw new AccountsError('not_found', `No organisation with id or name "${idOrName}"`);
  return organisation;
}
