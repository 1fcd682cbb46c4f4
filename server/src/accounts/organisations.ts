import { defaultRegistrationPattern, validatePattern } from '../../../shared/domain/registration-number';
import {
  defaultOrganisationSettings,
  type Organisation,
  type OrganisationSettings,
} from '../../../shared/model/organisation';
import { appendAudit } from '../audit/audit';
import type { Queryable } from '../db/pool';
import { newId } from '../ids';

export type { Organisation, OrganisationSettings };

/** Settings of a new organisation: the shared defaults with its time zone and registration pattern. */
function settingsFor(timeZone: string, registrationNumberPattern?: string): OrganisationSettings {
  return {
    ...defaultOrganisationSettings,
    timeZone,
    registrationNumberPattern: registrationNumberPattern ?? defaultRegistrationPattern,
  };
}

function isValidTimeZone(timeZone: string): boolean {
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

/** Who makes an administrative change: the signed-in administrator; null for the admin CLI. */
export interface AccountsActor {
  userId: string;
  deviceId: string | null;
}

/** The audit entry's author fields of a change by `actor`. */
export const actorOf = (actor: AccountsActor | null) => ({
  actorUserId: actor?.userId ?? null,
  deviceId: actor?.deviceId ?? null,
});

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
  if (input.registrationPattern !== undefined && !validatePattern(input.registrationPattern).ok) {
    throw new AccountsError(
      'invalid_pattern',
      `Registration pattern "${input.registrationPattern}" is not valid (e.g. ОГ-{YYYY}-{N:6}; tokens {YYYY} {YY} {N} {N:w} {DEPT})`,
    );
  }
  const organisation: Organisation = {
    id: newId(),
    name,
    settings: settingsFor(input.timeZone, input.registrationPattern),
    updatedAt: Date.now(),
  };
  try {
    // The row's trigger (migration 550) gives the organisation its partitions of the large tables
    // within this INSERT, so the audit entry below lands in the organisation's own partition.
    await db.query('INSERT INTO organisations (id, name, settings, updated_at) VALUES ($1, $2, $3, $4)', [
      organisation.id,
      organisation.name,
      JSON.stringify(organisation.settings),
      new Date(organisation.updatedAt),
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
    `SELECT id, name, okno_organisation_settings(id, settings) AS settings,
            (extract(epoch FROM updated_at) * 1000)::float8 AS "updatedAt"
       FROM organisations WHERE id = $1 OR name = $1 LIMIT 1`,
    [idOrName],
  );
  return result.rows[0] ?? null;
}

export async function requireOrganisation(db: Queryable, idOrName: string): Promise<Organisation> {
  const organisation = await findOrganisation(db, idOrName);
  if (!organisation) throw new AccountsError('not_found', `No organisation with id or name "${idOrName}"`);
  return organisation;
}
