/**
 * The reception card (59-FZ art. 13) as a form: what staff type in, how it is checked with the shared
 * applicant validators, and the formal appeal it becomes. Pure; works the same offline.
 *
 * The clear passport never reaches the local database: only its masked form (`45 ** ***456`) is
 * stored with the appeal, and the form hands the clear value to the server, which encrypts it
 * (./passport-handover.ts, memory only until the server has it).
 */
import {
  type CoSignerInput,
  maskPassport,
  parseFullName,
  parsePassport,
  validateContacts,
  validateCoSigners,
  validateOrganisation,
} from '../../../shared/domain/applicant';
import { zoneNamed } from '../../../shared/domain/calendar/time-zone';
import type { DomainError, Result } from '../../../shared/domain/result';
import type { Appeal, CoSigner } from '../../../shared/model/appeal';
import { newAppeal } from '../../../shared/model/new-appeal';
import type { Contacts, PassportMasked, PersonName } from '../../../shared/model/person';
import type { AppealForm, ApplicantType, IdentificationMethod } from '../../../shared/model/vocabulary';

export const receptionChannels = ['reception', 'phone', 'post'] as const;
export type ReceptionChannel = (typeof receptionChannels)[number];

/** The identity document shown at an in-person reception. */
export const identityDocuments = ['passport', 'other'] as const;
export type IdentityDocument = (typeof identityDocuments)[number];

export interface CoSignerRow {
  fullName: string;
  phone: string;
  email: string;
  postalAddress: string;
}

export interface ReceptionInput {
  channel: ReceptionChannel;
  applicantType: ApplicantType;
  fullName: string;
  document: IdentityDocument;
  passportSeries: string;
  passportNumber: string;
  phone: string;
  email: string;
  postalAddress: string;
  organisationName: string;
  inn: string;
  collective: boolean;
  coSigners: CoSignerRow[];
  form: AppealForm | '';
  category: string;
  subject: string;
  text: string;
  departmentId: string;
  /** Post only: the date the letter was received (`YYYY-MM-DD`), `''` for today. */
  receivedOn: string;
}

export const emptyCoSigner: CoSignerRow = { fullName: '', phone: '', email: '', postalAddress: '' };

export const emptyReception: ReceptionInput = {
  channel: 'reception',
  applicantType: 'citizen',
  fullName: '',
  document: 'passport',
  passportSeries: '',
  passportNumber: '',
  phone: '',
  email: '',
  postalAddress: '',
  organisationName: '',
  inn: '',
  collective: false,
  coSigners: [],
  form: '',
  category: '',
  subject: '',
  text: '',
  departmentId: '',
  receivedOn: '',
};

export type ReceptionField =
  | 'fullName'
  | 'passport'
  | 'contacts'
  | 'phone'
  | 'email'
  | 'postalAddress'
  | 'organisationName'
  | 'inn'
  | 'coSigners'
  | 'category'
  | 'text'
  | 'departmentId'
  | 'receivedOn';
export type CoSignerRowField = keyof CoSignerRow | 'entry' | 'contacts';

export interface ReceptionErrors extends DomainError {
  fields: Partial<Record<ReceptionField, DomainError>>;
  /** By co-signer position. */
  coSigners: Record<number, Partial<Record<CoSignerRowField, DomainError>>>;
}

/** A checked reception card, ready to become an appeal. */
export interface ReceptionDraft {
  channel: ReceptionChannel;
  name: PersonName;
  contacts: Contacts;
  identification: IdentificationMethod;
  passportMasked: PassportMasked | null;
  kind: Appeal['kind'];
  category: string;
  subject: string;
  text: string;
  departmentId: string;
  /** The date a letter was received, when not today. */
  receivedOn: string | null;
}

const textMax = 100_000;
const subjectMax = 120;

export interface ReceptionRules {
  /** Operators and heads file into one of their departments; supervisors may leave it unrouted. */
  departmentRequired: boolean;
  /** Today on the organisation's calendar (`YYYY-MM-DD`): a letter cannot be received later. */
  today: string;
}

export function validateReception(
  input: ReceptionInput,
  rules: ReceptionRules,
): Result<ReceptionDraft, ReceptionErrors> {
  const errors: ReceptionErrors = { code: 'app:reception.errors.invalid', fields: {}, coSigners: {} };
  const fields = errors.fields;

  const name = parseFullName(input.fullName);
  if (!name.ok) fields.fullName = name.error;

  const identity = checkIdentity(input);
  if (!identity.ok) fields.passport = identity.error;

  const contacts = validateContacts({
    phone: input.phone,
    email: input.email,
    postalAddress: input.postalAddress,
  });
  if (!contacts.ok) {
    for (const { field, error } of contacts.error.fields) fields[field] = error;
    if (contacts.error.fields.length === 0) fields.contacts = { code: contacts.error.code };
  }

  let organisation: { name: string; inn: string } | null = null;
  if (input.applicantType === 'organisation') {
    const checked = validateOrganisation({ name: input.organisationName, inn: input.inn });
    if (checked.ok) organisation = { name: checked.value.name, inn: checked.value.inn.value };
    else
      for (const { field, error } of checked.error.fields)
        fields[field === 'name' ? 'organisationName' : 'inn'] = error;
  }

  let coSigners: CoSigner[] = [];
  if (input.collective) {
    const checked = validateCoSigners(input.coSigners.map(coSignerInput));
    if (checked.ok) {
      coSigners = checked.value.map((signer) => ({
        name: personName(signer.fullName),
        postalAddress: signer.contacts.postalAddress?.text ?? null,
      }));
    } else {
      if (checked.error.entries.length === 0) fields.coSigners = { code: checked.error.code };
      for (const entry of checked.error.entries) {
        const row = errors.coSigners[entry.index] ?? {};
        row[entry.field] ??= entry.error;
        errors.coSigners[entry.index] = row;
      }
    }
  }

  if (input.category === '') fields.category = { code: 'app:reception.errors.categoryRequired' };
  const text = input.text.trim();
  if (text === '') fields.text = { code: 'app:reception.errors.textRequired' };
  else if (text.length > textMax)
    fields.text = { code: 'app:reception.errors.textTooLong', params: { max: textMax } };
  if (rules.departmentRequired && input.departmentId === '')
    fields.departmentId = { code: 'app:reception.errors.departmentRequired' };
  const receivedOn = input.channel === 'post' && input.receivedOn !== '' ? input.receivedOn : null;
  if (receivedOn !== null && !/^\d{4}-\d{2}-\d{2}$/.test(receivedOn))
    fields.receivedOn = { code: 'work:reception.errors.receivedOnFormat' };
  else if (receivedOn !== null && receivedOn > rules.today)
    fields.receivedOn = { code: 'work:reception.errors.receivedOnFuture' };

  const invalid = Object.keys(fields).length > 0 || Object.keys(errors.coSigners).length > 0;
  if (invalid || !name.ok || !identity.ok || !contacts.ok) return { ok: false, error: errors };

  return {
    ok: true,
    value: {
      channel: input.channel,
      name: personName(name.value),
      contacts: {
        phone: contacts.value.phone ?? null,
        email: contacts.value.email ?? null,
        postalAddress: contacts.value.postalAddress?.text ?? null,
      },
      identification: identity.value.identification,
      passportMasked: identity.value.passportMasked,
      kind: {
        collective: input.collective,
        applicantType: input.applicantType,
        form: input.form === '' ? null : input.form,
        organisationName: organisation?.name ?? null,
        inn: organisation?.inn ?? null,
        coSigners,
        complaintAgainst: null,
      },
      category: input.category,
      subject: input.subject.trim() || subjectOf(text),
      text,
      departmentId: input.departmentId,
      receivedOn: receivedOn === rules.today ? null : receivedOn,
    },
  };
}

/** An in-person applicant shows a document; a passport is checked and kept only masked. */
function checkIdentity(
  input: ReceptionInput,
): Result<{ identification: IdentificationMethod; passportMasked: PassportMasked | null }> {
  if (input.channel !== 'reception')
    return { ok: true, value: { identification: 'none', passportMasked: null } };
  if (input.document === 'other')
    return { ok: true, value: { identification: 'in-person-document', passportMasked: null } };
  const passport = parsePassport(input.passportSeries, input.passportNumber);
  if (!passport.ok) return passport;
  return {
    ok: true,
    value: { identification: 'in-person-document', passportMasked: maskPassport(passport.value) },
  };
}

const coSignerInput = (row: CoSignerRow): CoSignerInput => ({
  fullName: row.fullName,
  phone: row.phone,
  email: row.email,
  postalAddress: row.postalAddress,
});

function personName(name: { surname: string; givenName: string; patronymic?: string }): PersonName {
  return { lastName: name.surname, firstName: name.givenName, patronymic: name.patronymic ?? null };
}

/** The first line of the text, shortened: the subject when staff leave it empty. */
function subjectOf(text: string): string {
  const line = text.split('\n')[0]!.trim();
  return line.length <= subjectMax ? line : `${line.slice(0, subjectMax - 1)}…`;
}

export interface NewAppealContext {
  id: string;
  orgId: string;
  now: number;
  /** The organisation's time zone: a letter received on an earlier day counts from that day's noon there. */
  timeZone: string;
}

/**
 * The formal appeal a reception card becomes: received now, in the regime's initial status, without a
 * registration number or deadlines — the server issues and computes those when the appeal syncs.
 */
export function receptionAppeal(
  draft: ReceptionDraft,
  { id, orgId, now, timeZone }: NewAppealContext,
): Appeal {
  return newAppeal({
    id,
    orgId,
    regime: 'formal',
    channel: draft.channel,
    kind: draft.kind,
    applicant: {
      applicantId: null,
      name: draft.name,
      contacts: draft.contacts,
      identification: draft.identification,
      passportMasked: draft.passportMasked,
      nameMatch: { verdict: 'not_checked', profileName: null, checkedAt: null },
    },
    subject: draft.subject,
    text: draft.text,
    category: draft.category,
    departmentId: draft.departmentId,
    receivedAt: draft.receivedOn === null ? now : noonOf(draft.receivedOn, timeZone),
    conversationId: '',
  });
}

/** Noon of a calendar date in the organisation's time zone. */
function noonOf(date: string, timeZone: string): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return zoneNamed(timeZone).toUtc(Date.UTC(year, month - 1, day, 12));
}

/** Which passport field an error is about, by its code (`validation:passport.series…`, `…number…`). */
export function passportErrorPlace(error: DomainError | undefined): {
  series?: DomainError;
  number?: DomainError;
  other?: DomainError;
} {
  if (!error) return {};
  if (error.code.startsWith('validation:passport.series')) return { series: error };
  if (error.code.startsWith('validation:passport.number')) return { number: error };
  return { other: error };
}

const noErrors: ReceptionErrors = { code: '', fields: {}, coSigners: {} };

/**
 * The errors the card shows (defect 10 of issue 11): after a save was tried, every rule still broken —
 * re-checked as the official types, so a fixed field loses its error at once; before, only the rules of
 * the fields the official has left (a postcode missing from the address shows on leaving the field).
 */
export function shownErrors(
  checked: Result<unknown, ReceptionErrors>,
  attempted: boolean,
  touched: ReadonlySet<ReceptionField>,
): ReceptionErrors {
  if (checked.ok) return noErrors;
  if (attempted) return checked.error;
  const fields = Object.fromEntries(
    Object.entries(checked.error.fields).filter(([field]) => touched.has(field as ReceptionField)),
  );
  return { ...noErrors, fields };
}
