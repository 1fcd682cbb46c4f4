/**
 * Editing an incoming appeal and turning an incident into a formal appeal (issue 11), as local
 * writes the replication pushes. The server decides: the push is scoped, audited field by field and
 * re-dated (an urgent incident's shorter term), and a conversion is replayed with the status machine
 * and linked to the incident's chat (server/src/appeals/writer.ts).
 */
import { parseFullName, validateContacts } from '../../../../shared/domain/applicant';
import { findWorkingCategory } from '../../../../shared/domain/classifier/categories';
import { isClosed } from '../../../../shared/domain/status-machine';
import type { Appeal } from '../../../../shared/model/appeal';
import { newAppeal } from '../../../../shared/model/new-appeal';
import type { AppealForm } from '../../../../shared/model/vocabulary';

/** What an official may correct on an appeal still in work. */
export interface AppealEdit {
  readonly subject: string;
  readonly category: string | null;
  readonly subcategory: string | null;
  readonly urgent: boolean;
}

const subjectMax = 200;

export const mayEdit = (appeal: Pick<Appeal, 'status'>): boolean => !isClosed(appeal.status);

/** The fields that changed, or an error key; a subcategory must belong to its category. */
export function editPatch(
  appeal: Appeal,
  edit: AppealEdit,
  now: number,
): { ok: true; patch: Partial<Appeal> | null } | { ok: false; error: string } {
  const subject = edit.subject.trim();
  if (subject === '') return { ok: false, error: 'editing.errors.subjectRequired' };
  if (subject.length > subjectMax) return { ok: false, error: 'editing.errors.subjectTooLong' };
  const category = edit.category ? findWorkingCategory(edit.category) : undefined;
  const subcategory =
    category && edit.subcategory && category.subcategories.includes(edit.subcategory)
      ? edit.subcategory
      : null;
  const next = { subject, category: category?.code ?? null, subcategory, urgent: edit.urgent };
  const changed = (Object.keys(next) as (keyof typeof next)[]).filter((key) => next[key] !== appeal[key]);
  if (changed.length === 0) return { ok: true, patch: null };
  return {
    ok: true,
    patch: {
      ...Object.fromEntries(changed.map((key) => [key, next[key]])),
      updatedAt: Math.max(now, appeal.updatedAt + 1),
    },
  };
}

/** What the official writes down when the citizen asks for a formal appeal (59-FZ art. 7). */
export interface ConversionInput {
  readonly fullName: string;
  readonly phone: string;
  readonly email: string;
  readonly postalAddress: string;
  readonly form: AppealForm;
  readonly subject: string;
  readonly text: string;
}

/** An i18n key with its parameters (`validation:contacts.invalidFields` counts the fields). */
export interface ErrorText {
  readonly code: string;
  readonly params?: Record<string, string | number>;
}

export type ConversionErrors = Partial<Record<keyof ConversionInput | 'contacts', ErrorText>>;

/**
 * The formal appeal made from `incident`: the same channel, department, category and chat (the server
 * links the conversation), the applicant as the official wrote them down, `convertedFromId` set. Not
 * identified in person, so `identification: 'none'` as for phone and post entries (docs/DOMAIN.md).
 */
export function formalFromIncident(
  incident: Appeal,
  input: ConversionInput,
  ids: { id: string; now: number },
): { ok: true; appeal: Appeal } | { ok: false; errors: ConversionErrors } {
  const errors: ConversionErrors = {};
  const name = parseFullName(input.fullName);
  if (!name.ok) errors.fullName = name.error;
  const contacts = validateContacts({
    phone: input.phone,
    email: input.email,
    postalAddress: input.postalAddress,
  });
  if (!contacts.ok) {
    errors.contacts = contacts.error;
    for (const field of contacts.error.fields) errors[field.field] = field.error;
  }
  if (input.subject.trim() === '') errors.subject = { code: 'editing.errors.subjectRequired' };
  if (input.text.trim() === '') errors.text = { code: 'editing.errors.textRequired' };
  if (!name.ok || !contacts.ok || Object.keys(errors).length > 0) return { ok: false, errors };
  const formal = newAppeal({
    id: ids.id,
    orgId: incident.orgId,
    regime: 'formal',
    channel: incident.channel,
    subject: input.subject.trim(),
    text: input.text.trim(),
    receivedAt: ids.now,
    updatedAt: ids.now,
    departmentId: incident.departmentId,
    conversationId: '',
    category: incident.category,
    subcategory: incident.subcategory,
    attachments: incident.attachments,
    kind: { form: input.form },
    applicant: {
      applicantId: null,
      name: {
        lastName: name.value.surname,
        firstName: name.value.givenName,
        patronymic: name.value.patronymic ?? null,
      },
      contacts: {
        phone: contacts.value.phone ?? null,
        email: contacts.value.email ?? null,
        postalAddress: contacts.value.postalAddress?.text ?? null,
      },
      identification: 'none',
      passportMasked: null,
      nameMatch: { verdict: 'not_checked', profileName: null, checkedAt: null },
    },
  });
  return { ok: true, appeal: { ...formal, convertedFromId: incident.id } };
}
