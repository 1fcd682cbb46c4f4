/**
 * The answers about the applicant that need more than a button: the full name (checked against the
 * profile name, seed condition 1), the passport (stored encrypted at once, echoed only masked), the
 * contacts under the contact rule (seed condition 2) and the co-signers of a collective appeal.
 */
import { validateCoSigners } from '../../../../shared/domain/applicant/co-signers';
import { extractContacts } from '../../../../shared/domain/applicant/contact-line';
import { validateContacts } from '../../../../shared/domain/applicant/contacts';
import { normalizeEmail } from '../../../../shared/domain/applicant/email';
import { parseFullName } from '../../../../shared/domain/applicant/full-name';
import { parsePassportLine } from '../../../../shared/domain/applicant/passport';
import { normalizePhone } from '../../../../shared/domain/applicant/phone';
import { normalizePostalAddress } from '../../../../shared/domain/applicant/postal-address';
import { matchNames } from '../../../../shared/domain/name-match';
import type { Result } from '../../../../shared/domain/result';
import { newId } from '../../ids';
import { sealCoSignerContacts } from '../../personal-data/co-signers';
import { savePassport } from '../../personal-data/store';
import { errorText, t } from '../texts';
import type { CoSignerEntry, WizardData } from '../types';
import { again, has, next, type Outcome, stay, type Turn } from './turn';

const contactFields = ['phone', 'postal', 'email'] as const;
type ContactStep = (typeof contactFields)[number];

export function personName(name: WizardData['name']): string {
  return name ? [name.lastName, name.firstName, name.patronymic].filter(Boolean).join(' ') : '';
}

export function nameAnswer(turn: Turn): Outcome {
  const parsed = parseFullName(turn.input.text);
  if (!parsed.ok)
    return again(t(turn.lang, 'wizard.nameInvalid', { reason: errorText(turn.lang, parsed.error) }));
  const name = {
    lastName: parsed.value.surname,
    firstName: parsed.value.givenName,
    patronymic: parsed.value.patronymic ?? null,
  };
  const profile = turn.input.profileName.trim();
  const data = turn.session.data;
  if (!profile) {
    // The network gave no profile name (OK webhooks, hidden profiles): staff check it.
    data.name = name;
    data.nameVerdict = undefined;
    return next('passport');
  }
  const match = matchNames(profile, turn.input.text);
  const params = { name: personName(name), profile, reason: t(turn.lang, match.reason) };
  if (match.result === 'match') {
    data.name = name;
    data.nameVerdict = 'match';
    return next('passport');
  }
  if (match.result === 'needs-confirmation') {
    data.pendingName = name;
    return { to: 'name_confirm', instead: t(turn.lang, 'wizard.nameConfirm', params) };
  }
  return again(t(turn.lang, 'wizard.nameMismatch', params));
}

export function nameConfirmAnswer(turn: Turn): Outcome {
  const data = turn.session.data;
  if (has(turn, 'confirm') && data.pendingName) {
    data.name = data.pendingName;
    data.nameVerdict = 'probable';
    data.pendingName = undefined;
    return next('passport');
  }
  if (has(turn, 'fix')) {
    data.pendingName = undefined;
    return next('name');
  }
  return stay;
}

export async function passportAnswer(turn: Turn): Promise<Outcome> {
  const parsed = parsePassportLine(turn.input.text);
  if (!parsed.ok)
    return again(t(turn.lang, 'wizard.passportInvalid', { reason: errorText(turn.lang, parsed.error) }));
  const data = turn.session.data;
  const { masked } = await savePassport(turn.tx, turn.deps.personalData, {
    orgId: turn.input.orgId,
    applicantId: data.applicantId!,
    series: parsed.value.series,
    number: parsed.value.number,
  });
  data.passportMasked = masked;
  data.asked = [];
  return next('phone', t(turn.lang, 'wizard.passportSaved', { masked }));
}

const contactValidators: Record<ContactStep, (value: unknown) => Result<unknown>> = {
  phone: normalizePhone,
  postal: normalizePostalAddress,
  email: normalizeEmail,
};

function contactValue(field: ContactStep, value: unknown): string {
  return field === 'postal' ? (value as { text: string }).text : String(value);
}

/**
 * Several contacts in one message («+7 912 345-67-89, ivan@mail.ru», an address with a phone), or
 * one contact other than the one asked: all are taken at once, the bot says what it understood and
 * asks only for what the contact rule still needs. Undefined when the message is one answer to the step.
 */
function contactsAtOnce(turn: Turn, field: ContactStep): Outcome | undefined {
  const found = extractContacts(turn.input.text);
  const given = contactFields.filter((f) => found[f] !== undefined);
  if (given.length === 0 || (given.length === 1 && given[0] === field)) return undefined;
  const data = turn.session.data;
  const understood: string[] = [];
  for (const f of given) {
    data[f] = f === 'postal' ? found.postal!.text : (found[f] as string);
    understood.push(t(turn.lang, `wizard.understood.${f}`, { value: data[f] }));
  }
  data.asked = [...new Set([...(data.asked ?? []), ...given])];
  const line = t(turn.lang, 'wizard.understood.line', { list: understood.join('; ') });
  const rule = validateContacts({ phone: data.phone, email: data.email, postalAddress: data.postal });
  if (rule.ok) return next('applicant_type', line);
  const following =
    contactFields.find((f) => !data.asked?.includes(f)) ?? contactFields.find((f) => !data[f])!;
  return next(following, line);
}

/** One contact given or refused («Нет»); the rule is checked once all three were answered. */
export const contactAnswer =
  (field: ContactStep) =>
  (turn: Turn): Outcome => {
    const data = turn.session.data;
    const atOnce = has(turn, 'no') ? undefined : contactsAtOnce(turn, field);
    if (atOnce) return atOnce;
    if (has(turn, 'no')) data[field] = null;
    else {
      const direct = contactValidators[field](turn.input.text);
      // «тел. 8 912 …», «почта: ivan@mail.ru»: the contact inside a labelled line.
      const inside = direct.ok ? undefined : extractContacts(turn.input.text)[field];
      const checked = inside === undefined ? direct : ({ ok: true, value: inside } as const);
      // Words where a number is expected: not a number at all (not «лишние цифры» of a long line).
      if (!checked.ok && field === 'phone' && /\p{L}{2}/u.test(turn.input.text))
        return again(t(turn.lang, 'wizard.phoneNotPhone'));
      if (!checked.ok)
        return again(t(turn.lang, 'wizard.contactInvalid', { reason: errorText(turn.lang, checked.error) }));
      data[field] = contactValue(field, checked.value);
    }
    data.asked = [...new Set([...(data.asked ?? []), field])];
    const following = contactFields.find((f) => !data.asked?.includes(f));
    if (following) return next(following);
    const rule = validateContacts({ phone: data.phone, email: data.email, postalAddress: data.postal });
    if (rule.ok) return next('applicant_type');
    // Ask again only for what is missing; what was given stays.
    data.asked = contactFields.filter((f) => data[f]);
    const missing = contactFields.find((f) => !data[f])!;
    return next(missing, t(turn.lang, 'wizard.contactRule', { reason: errorText(turn.lang, rule.error) }));
  };

function parseCoSigner(text: string): {
  fullName: string;
  phone?: string;
  email?: string;
  postalAddress?: string;
} {
  const [name = '', ...contacts] = text.split(/[;\n]/).map((part) => part.trim());
  const entry: { fullName: string; phone?: string; email?: string; postalAddress?: string } = {
    fullName: name,
  };
  for (const contact of contacts.filter(Boolean)) {
    if (contact.includes('@')) entry.email = contact;
    else if (/^[+\d\s()-]{7,}$/.test(contact)) entry.phone = contact;
    else entry.postalAddress = contact;
  }
  return entry;
}

/** One co-signer a message («Фамилия Имя; телефон; адрес»), until «Готово». */
export function coSignerAnswer(turn: Turn): Outcome {
  const data = turn.session.data;
  const list = data.coSigners ?? [];
  if (has(turn, 'done')) {
    if (list.length === 0) return again(t(turn.lang, 'wizard.coSignersEmpty'));
    return next('text');
  }
  const entry = parseCoSigner(turn.input.text);
  const all = [
    ...list.map(({ fullName, phone, email, postalAddress }) => ({ fullName, phone, email, postalAddress })),
    entry,
  ];
  const checked = validateCoSigners(all);
  if (!checked.ok) {
    const own = checked.error.entries.find((e) => e.index === list.length);
    const reason = errorText(turn.lang, own?.error ?? checked.error);
    return again(t(turn.lang, 'wizard.coSignerInvalid', { reason }));
  }
  const added = checked.value[list.length]!;
  const id = newId(turn.deps.now);
  const { phone = null, email = null } = added.contacts;
  const signer: CoSignerEntry = {
    fullName: [added.fullName.surname, added.fullName.givenName, added.fullName.patronymic]
      .filter(Boolean)
      .join(' '),
    lastName: added.fullName.surname,
    firstName: added.fullName.givenName,
    patronymic: added.fullName.patronymic ?? null,
    ...(added.contacts.phone ? { phone: added.contacts.phone } : {}),
    ...(added.contacts.email ? { email: added.contacts.email } : {}),
    ...(added.contacts.postalAddress ? { postalAddress: added.contacts.postalAddress.text } : {}),
    ...(phone || email
      ? {
          id,
          sealed: sealCoSignerContacts(
            turn.deps.personalData,
            { orgId: turn.input.orgId, coSignerId: id },
            {
              phone,
              email,
            },
          ),
        }
      : {}),
  };
  data.coSigners = [...list, signer];
  return again(t(turn.lang, 'wizard.coSignerAdded', { name: signer.fullName, count: data.coSigners.length }));
}
