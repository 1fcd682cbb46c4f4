/**
 * Admin CLI commands, as functions over a pool so tests call them directly. Each returns the lines
 * it prints; failures throw AccountsError/CliUsageError with a message meant for the operator.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type pg from 'pg';
import { createDepartment } from '../accounts/departments';
import { changeOrganisationSettings, OrganisationSettingsError } from '../accounts/organisation-settings';
import { AccountsError, createOrganisation, requireOrganisation } from '../accounts/organisations';
import { demoPassword, seedDemo } from '../accounts/seed-demo';
import { createUser, listUsers, requireUserByLogin, resetPassword, updateUser } from '../accounts/users';
import {
  type CalendarEdition,
  listOrganisationCalendars,
  loadOrganisationCalendar,
} from '../calendars/organisation-calendars';
import type { ServerConfig } from '../config';
import { rotatePersonalDataKeys } from '../personal-data/store';

export class CliUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliUsageError';
  }
}

export const usage = `Usage: npm run server:admin -- <command> [options]

  create-org --name <name> --time-zone <IANA zone> [--pattern <registration pattern with {seq}>]
  org-set --org <org id or name> [--name <name>] [--time-zone <IANA zone>]
              [--hours mon=09:00-18:00,sat=off,…] [--shift-rule next|previous] [--pattern <pattern>]
              [--first-reaction-hours <h>] [--answer-hours <h>] [--urgent-answer-hours <h>]
              [--final-answer-days <working days>] [--retention-years <1–100>]
              change the organisation's settings with the checks of the «Организация» screen; audited;
              deadlines of open appeals are recomputed when the time zone, hours, shift rule or terms change
  create-department --org <org id or name> --code <code> --name <name>
  create-user --org <org id or name> --login <login> --name <display name>
              --role operator|head|supervisor|admin [--departments <id or code>,…] [--password <password>]
              (without --password a random one is generated and printed once)
  list-users --org <org id or name>
  disable-user | enable-user --org <org id or name> --login <login>
              (disabling ends the user's sessions; the same checks as the administrator's screen)
  reset-password --org <org id or name> --login <login> [--password <password>]
              (ends every session; without --password a random one is generated and printed once)
  seed-demo        create the demo organisation «Администрация г. Демо» (idempotent)
  rotate-keys      re-encrypt personal data under the current key (first of OKNO_PD_KEYS)
  calendar-load --org <org id or name> --file <calendar.xml>
              put an official production calendar (xmlcalendar.ru format) in force for its year;
              deadlines of the organisation's open appeals it moves are recomputed
  calendar-list --org <org id or name>   the calendar of every year: shipped, loaded, and which edition
  channel-add | channel-set | channel-list | portal-import   channel accounts (server/src/cli/channels.ts)
  letterhead-set | letterhead-show   letterhead, signatories, outgoing number pattern (server/src/cli/letterhead.ts)
  release-upload | release-list | release-rollout | release-withdraw   desktop releases (server/src/cli/releases.ts, docs/RELEASES.md)

Database: DATABASE_URL, or the embedded PostgreSQL in DATA_DIR (default .data/).`;

export interface CliContext {
  db: pg.Pool;
  config: ServerConfig;
}

type Options = Record<string, string | undefined>;

const optionSpec = {
  name: { type: 'string' },
  'time-zone': { type: 'string' },
  pattern: { type: 'string' },
  org: { type: 'string' },
  code: { type: 'string' },
  login: { type: 'string' },
  role: { type: 'string' },
  departments: { type: 'string' },
  password: { type: 'string' },
  file: { type: 'string' },
  hours: { type: 'string' },
  'shift-rule': { type: 'string' },
  'first-reaction-hours': { type: 'string' },
  'answer-hours': { type: 'string' },
  'urgent-answer-hours': { type: 'string' },
  'final-answer-days': { type: 'string' },
  'retention-years': { type: 'string' },
  help: { type: 'boolean' },
} as const;

function required(options: Options, name: string): string {
  const value = options[name];
  if (!value) throw new CliUsageError(`--${name} is required`);
  return value;
}

export function parseCommand(argv: readonly string[]): { command: string | undefined; options: Options } {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof optionSpec; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: [...argv], options: optionSpec, allowPositionals: true, strict: true });
  } catch (error) {
    throw new CliUsageError((error as Error).message);
  }
  const options: Options = {};
  for (const [key, value] of Object.entries(parsed.values)) {
    if (typeof value === 'string') options[key] = value;
  }
  return { command: parsed.values.help ? 'help' : parsed.positionals[0], options };
}

/** `org-set`'s options as the change the settings screen sends; the shared check judges the values. */
function organisationChangeOf(options: Options): Record<string, unknown> {
  const number = (name: string) => (options[name] === undefined ? undefined : Number(options[name]));
  const sla = {
    firstReactionHours: number('first-reaction-hours'),
    answerHours: number('answer-hours'),
    urgentAnswerHours: number('urgent-answer-hours'),
    finalAnswerWorkingDays: number('final-answer-days'),
  };
  const given = (value: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
  const change = given({
    name: options.name,
    timeZone: options['time-zone'],
    deadlineShiftRule: options['shift-rule'],
    registrationNumberPattern: options.pattern,
    retentionYears: number('retention-years'),
  });
  if (Object.keys(given(sla)).length > 0) change.incidentSla = given(sla);
  if (options.hours !== undefined) change.workingHours = workingHoursOf(options.hours);
  if (Object.keys(change).length === 0)
    throw new CliUsageError('org-set: give at least one setting to change');
  return change;
}

/** `mon=09:00-18:00,sat=off` → { mon: { start, end }, sat: null }; a malformed day is left to the check. */
function workingHoursOf(text: string): Record<string, unknown> {
  const hours: Record<string, unknown> = {};
  for (const item of text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const [day = '', value = ''] = item.split('=');
    const [start, end] = value.split('-');
    hours[day.trim()] = value.trim() === 'off' ? null : { start: start?.trim(), end: end?.trim() };
  }
  return hours;
}

function describeEdition(edition: CalendarEdition): string {
  if (edition.source === 'none') return 'no calendar (weekends and art. 112 holidays only)';
  const name = `${edition.source} edition ${edition.edition ?? '(undated)'}`;
  return edition.sha256 ? `${name} sha256:${edition.sha256.slice(0, 12)}` : name;
}

export async function runCommand(context: CliContext, argv: readonly string[]): Promise<string[]> {
  const { command, options } = parseCommand(argv);
  const { db } = context;
  switch (command) {
    case 'create-org': {
      const organisation = await createOrganisation(db, {
        name: required(options, 'name'),
        timeZone: required(options, 'time-zone'),
        ...(options.pattern ? { registrationPattern: options.pattern } : {}),
      });
      return [`organisation ${organisation.id}  ${organisation.name}  (${organisation.settings.timeZone})`];
    }
    case 'org-set': {
      const organisation = await requireOrganisation(db, required(options, 'org'));
      try {
        const result = await changeOrganisationSettings(
          db,
          organisation.id,
          organisationChangeOf(options),
          null,
        );
        const lines = Object.entries(result.fields).map(
          ([field, change]) => `${field}: ${String(change.old ?? '—')} → ${String(change.new ?? '—')}`,
        );
        if (lines.length === 0) return [`nothing to change in ${organisation.name}`];
        return [...lines, `deadlines recomputed for ${result.recomputed} open appeal(s)`];
      } catch (error) {
        if (error instanceof OrganisationSettingsError)
          throw new AccountsError(error.refusal.apiCode, error.message);
        throw error;
      }
    }
    case 'create-department': {
      const organisation = await requireOrganisation(db, required(options, 'org'));
      const department = await createDepartment(db, {
        orgId: organisation.id,
        code: required(options, 'code'),
        name: required(options, 'name'),
      });
      return [`department ${department.id}  ${department.code}  ${department.name}`];
    }
    case 'create-user': {
      const organisation = await requireOrganisation(db, required(options, 'org'));
      const departments = (options.departments ?? '')
        .split(',')
        .map((d) => d.trim())
        .filter(Boolean);
      const { user, generatedPassword } = await createUser(db, {
        orgId: organisation.id,
        login: required(options, 'login'),
        displayName: required(options, 'name'),
        role: required(options, 'role'),
        departments,
        ...(options.password !== undefined ? { password: options.password } : {}),
      });
      const lines = [
        `user ${user.id}  ${user.login}  ${user.role}  departments: ${user.departmentIds.join(', ') || '—'}`,
      ];
      if (generatedPassword) lines.push(`password (shown once, give it to the user): ${generatedPassword}`);
      return lines;
    }
    case 'list-users': {
      const organisation = await requireOrganisation(db, required(options, 'org'));
      const users = await listUsers(db, organisation.id);
      if (users.length === 0) return [`no users in ${organisation.name}`];
      return users.map(
        (u) =>
          `${u.login}\t${u.role}\t${u.displayName}\t${u.departmentIds.join(',') || '—'}${u.disabled ? '\tdisabled' : ''}`,
      );
    }
    case 'disable-user':
    case 'enable-user': {
      const organisation = await requireOrganisation(db, required(options, 'org'));
      const found = await requireUserByLogin(db, organisation.id, required(options, 'login'));
      const user = await updateUser(db, {
        orgId: organisation.id,
        id: found.id,
        disabled: command === 'disable-user',
      });
      return [`user ${user.login}  ${user.disabled ? 'disabled' : 'enabled'}`];
    }
    case 'reset-password': {
      const organisation = await requireOrganisation(db, required(options, 'org'));
      const found = await requireUserByLogin(db, organisation.id, required(options, 'login'));
      const reset = await resetPassword(db, {
        orgId: organisation.id,
        id: found.id,
        ...(options.password !== undefined ? { password: options.password } : {}),
      });
      const lines = [`password of ${found.login} changed; ${reset.sessionsEnded} session(s) ended`];
      if (reset.generatedPassword)
        lines.push(`password (shown once, give it to the user): ${reset.generatedPassword}`);
      return lines;
    }
    case 'seed-demo': {
      const seeded = await seedDemo(db);
      if (!seeded.created) return [`demo organisation already exists: ${seeded.organisation.id}`];
      return [
        `demo organisation ${seeded.organisation.id}  ${seeded.organisation.name}`,
        ...seeded.departments.map((d) => `  department ${d.code}  ${d.name}`),
        ...seeded.users.map((u) => `  user ${u.login}  (${u.role})`),
        `demo password for every demo user: ${demoPassword}   (demo only — never use in production)`,
      ];
    }
    case 'rotate-keys': {
      const key = context.config.personalDataKeys[0];
      const { rotated } = await rotatePersonalDataKeys(db, context.config);
      return [`re-encrypted ${rotated} record(s) under key "${key?.id}"`];
    }
    case 'calendar-load': {
      const organisation = await requireOrganisation(db, required(options, 'org'));
      const file = required(options, 'file');
      let xml: string;
      try {
        xml = readFileSync(file, 'utf8');
      } catch (error) {
        throw new CliUsageError(`cannot read ${file}: ${(error as Error).message}`);
      }
      const load = await loadOrganisationCalendar(db, { orgId: organisation.id, xml });
      if (!load.changed)
        return [`calendar ${load.year} of ${organisation.name}: this file is already in force`];
      return [
        `calendar ${load.year} of ${organisation.name}: ${describeEdition(load.current)} replaces ${describeEdition(load.previous)}`,
        `deadlines recomputed for ${load.recomputed} open appeal(s)`,
      ];
    }
    case 'calendar-list': {
      const organisation = await requireOrganisation(db, required(options, 'org'));
      const calendars = await listOrganisationCalendars(db, organisation.id);
      return calendars.map(
        (c) =>
          `${c.year}\t${describeEdition(c)}${c.loadedAt === null ? '' : `\tloaded ${new Date(c.loadedAt).toISOString()}`}`,
      );
    }
    case 'help':
    case undefined:
      return [usage];
    default:
      throw new CliUsageError(`unknown command "${command}"\n\n${usage}`);
  }
}
