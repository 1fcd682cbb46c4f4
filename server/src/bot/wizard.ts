/**
 * The dialogue: the menu and the filing wizard as a state machine over a persisted session
 * (./sessions.ts). Each step validates with the shared domain validators and re-asks with their
 * explanation; «Отмена» works at every step; the menu commands work in the middle of the wizard
 * and then return to the step where the citizen was.
 *
 * Steps: consent (152-FZ) → full name, checked against the profile name (seed condition 1) →
 * passport (stored encrypted at once, echoed only masked) → phone / postal / e-mail under the
 * contact rule (seed condition 2) → citizen or organisation (name, ИНН) → individual or
 * collective (co-signers) → text → attachments → summary → registration.
 */
import { validateCoSigners } from '../../../shared/domain/applicant/co-signers';
import { validateContacts } from '../../../shared/domain/applicant/contacts';
import { normalizeEmail } from '../../../shared/domain/applicant/email';
import { parseFullName } from '../../../shared/domain/applicant/full-name';
import { validateInn } from '../../../shared/domain/applicant/inn';
import { validateOrganisationName } from '../../../shared/domain/applicant/organisation';
import { parsePassportLine } from '../../../shared/domain/applicant/passport';
import { normalizePhone } from '../../../shared/domain/applicant/phone';
import { normalizePostalAddress } from '../../../shared/domain/applicant/postal-address';
import { matchNames } from '../../../shared/domain/name-match';
import { defaultRegistrationPattern } from '../../../shared/domain/registration-number';
import type { Result } from '../../../shared/domain/result';
import type { Queryable } from '../db/pool';
import { newId } from '../ids';
import { type PersonalDataConfig, savePassport } from '../personal-data/store';
import { type Command, commandsOf, statusNumberOf } from './commands';
import { discardPassport, fileAppeal, previousApplicantId } from './filing';
import { cancelOnly, keyboardOf, menuKeyboard } from './keyboards';
import type { Session } from './sessions';
import { type AccountRef, ownAppealByNumber, ownAppeals, statusLine } from './status';
import { type BotLanguage, errorText, formatDate, plural, t } from './texts';
import type { BotInput, BotReply, CoSignerEntry, WizardData, WizardState } from './types';

export const minTextLength = 10;
const contactFields = ['phone', 'postal', 'email'] as const;
type ContactStep = (typeof contactFields)[number];

export interface WizardDeps {
  personalData: PersonalDataConfig;
  org: OrganisationFacts;
  now: number;
}

/** What the wizard's texts say of the organisation: its name and how long it keeps personal data. */
export interface OrganisationFacts {
  name: string;
  retentionYears: number;
}

interface Step {
  tx: Queryable;
  session: Session;
  input: BotInput;
  deps: WizardDeps;
  lang: BotLanguage;
  commands: Command[];
}

const reply = (text: string, keyboard: BotReply['keyboard'] = null): BotReply => ({ text, keyboard });
const has = (step: Step, command: Command) => step.commands.includes(command);
const who = (step: Step): AccountRef => ({
  orgId: step.input.orgId,
  network: step.input.network,
  accountId: step.input.accountId,
  userId: step.input.userId,
});

function goIdle(session: Session): void {
  session.state = 'idle';
  session.data = {};
}

/** The question of a step, with its buttons. */
export function promptFor(
  state: WizardState,
  data: WizardData,
  lang: BotLanguage,
  profileName: string,
  org: OrganisationFacts,
): BotReply {
  const kb = (rows: Command[][]) => keyboardOf(lang, [...rows, ['cancel']]);
  switch (state) {
    case 'consent':
      return reply(
        t(lang, 'wizard.consent', {
          org: org.name,
          retention: plural(lang, 'wizard.retentionYears', org.retentionYears),
        }),
        keyboardOf(lang, [['agree'], ['cancel']]),
      );
    case 'name': {
      const readable = profileName.trim().length > 0;
      return reply(
        t(lang, 'wizard.askName', {
          profileLine: readable ? t(lang, 'wizard.profileLine', { profile: profileName }) : '',
        }),
        readable
          ? keyboardOf(lang, [[{ label: profileName.slice(0, 40), command: 'profile-name' }], ['cancel']])
          : cancelOnly(lang),
      );
    }
    case 'name_confirm':
      return reply(t(lang, 'wizard.confirmAgain'), kb([['confirm', 'fix']]));
    case 'passport':
      return reply(t(lang, 'wizard.askPassport'), cancelOnly(lang));
    case 'phone':
      return reply(t(lang, 'wizard.askPhone'), kb([['no']]));
    case 'postal':
      return reply(t(lang, 'wizard.askPostal'), kb([['no']]));
    case 'email':
      return reply(t(lang, 'wizard.askEmail'), kb([['no']]));
    case 'applicant_type':
      return reply(t(lang, 'wizard.askApplicantType'), kb([['citizen', 'organisation']]));
    case 'org_name':
      return reply(t(lang, 'wizard.askOrgName'), cancelOnly(lang));
    case 'org_inn':
      return reply(t(lang, 'wizard.askOrgInn'), cancelOnly(lang));
    case 'collective':
      return reply(t(lang, 'wizard.askCollective'), kb([['individual', 'collective']]));
    case 'co_signers':
      return reply(t(lang, 'wizard.askCoSigner'), kb([['done']]));
    case 'text':
      return reply(t(lang, 'wizard.askText'), cancelOnly(lang));
    case 'attachments':
      return reply(
        t(lang, 'wizard.askAttachments', { count: data.attachments?.length ?? 0 }),
        kb([['done']]),
      );
    case 'summary':
      return reply(summaryText(data, lang), kb([['send']]));
    case 'status_number':
      return reply(
        t(lang, 'status.askNumber', {
          example: defaultRegistrationPattern
            .replace('{YYYY}', String(new Date().getFullYear()))
            .replace('{N:6}', '000001'),
        }),
        cancelOnly(lang),
      );
    default:
      return reply(t(lang, 'menu.welcome'), menuKeyboard(lang));
  }
}

function personName(name: WizardData['name']): string {
  return name ? [name.lastName, name.firstName, name.patronymic].filter(Boolean).join(' ') : '';
}

function summaryText(data: WizardData, lang: BotLanguage): string {
  const none = t(lang, 'wizard.none');
  const kinds = [
    data.applicantType === 'organisation'
      ? t(lang, 'wizard.kindOrganisation', { name: data.orgName, inn: data.inn })
      : t(lang, 'wizard.kindCitizen'),
  ];
  if (data.collective) kinds.push(t(lang, 'wizard.kindCollective', { count: data.coSigners?.length ?? 0 }));
  const text = data.text ?? '';
  return t(lang, 'wizard.summary', {
    name: personName(data.name),
    passport: data.passportMasked ?? none,
    phone: data.phone ?? none,
    postal: data.postal ?? none,
    email: data.email ?? none,
    kind: kinds.join('\n'),
    text: text.length > 700 ? `${text.slice(0, 700)}…` : text,
    files: data.attachments?.length ?? 0,
  });
}

/** Handles one inbound event; mutates the session; returns what to answer. */
export async function handleEvent(
  tx: Queryable,
  session: Session,
  input: BotInput,
  deps: WizardDeps,
): Promise<BotReply[]> {
  const lang = session.language === 'en' ? 'en' : 'ru';
  const step: Step = { tx, session, input, deps, lang, commands: commandsOf(input.text, input.command) };
  if (input.kind === 'stopped') return [];
  const inWizard = session.state !== 'idle' && session.state !== 'status_number';
  const statusNumber = step.commands.length === 0 ? statusNumberOf(input.text) : null;

  if (has(step, 'cancel')) {
    if (session.state === 'idle') return [reply(t(lang, 'menu.nothingToCancel'), menuKeyboard(lang))];
    await discardPassport(tx, session.data);
    const wasWizard = inWizard;
    goIdle(session);
    return [reply(t(lang, wasWizard ? 'wizard.cancelled' : 'menu.nothingToCancel'), menuKeyboard(lang))];
  }
  if (inWizard) return withheld(await wizardTurn(step, statusNumber));
  if (input.kind === 'started' || has(step, 'start'))
    return [reply(t(lang, 'menu.welcome'), menuKeyboard(lang))];
  if (has(step, 'file')) return withheld(await startWizard(step));
  if (statusNumber) {
    goIdle(session);
    return [await statusAnswer(step, statusNumber)];
  }
  if (has(step, 'status')) {
    session.state = 'status_number';
    const own = await ownAppeals(tx, who(step), 4);
    const prompt = promptFor('status_number', {}, lang, '', deps.org);
    if (own.length === 0) return [prompt];
    return [
      reply(
        prompt.text,
        keyboardOf(lang, [...own.map((a) => [{ label: a.number, command: 'number' }]), ['cancel']]),
      ),
    ];
  }
  if (has(step, 'mine')) {
    goIdle(session);
    return [await mineAnswer(step)];
  }
  if (has(step, 'operator')) {
    goIdle(session);
    return [reply(t(lang, 'menu.operator'), menuKeyboard(lang))];
  }
  if (session.state === 'status_number' && input.text.trim()) {
    goIdle(session);
    return [await statusAnswer(step, input.text.trim())];
  }
  // A plain message: the intake made it an incident; the bot only points at the menu, once a day.
  const last = session.menuHintAt?.getTime() ?? 0;
  if (deps.now - last < 24 * 3600_000) return [];
  session.menuHintAt = new Date(deps.now);
  return [reply(t(lang, 'menu.hint'), menuKeyboard(lang))];
}

/** Wizard replies stay out of the inbox thread, except the registration it ends with. */
function withheld(replies: BotReply[]): BotReply[] {
  return replies.map((r) => (r.appeal ? r : { ...r, withheld: true }));
}

async function wizardTurn(step: Step, statusNumber: string | null): Promise<BotReply[]> {
  const { input, lang } = step;
  if (input.kind === 'started' || has(step, 'start') || has(step, 'file')) {
    return [withPrefix(t(lang, 'wizard.resume'), current(step))];
  }
  if (statusNumber || has(step, 'status') || has(step, 'mine')) {
    const answer = statusNumber ? await statusAnswer(step, statusNumber) : await mineAnswer(step);
    return [answer, current(step)];
  }
  return wizardStep(step);
}

function withPrefix(prefix: string, prompt: BotReply): BotReply {
  return reply(`${prefix}\n\n${prompt.text}`, prompt.keyboard);
}

function current(step: Step): BotReply {
  return promptFor(step.session.state, step.session.data, step.lang, step.input.profileName, step.deps.org);
}

function go(step: Step, state: WizardState, ...before: string[]): BotReply[] {
  step.session.state = state;
  const prompt = current(step);
  return [before.length > 0 ? reply([...before, prompt.text].join('\n\n'), prompt.keyboard) : prompt];
}

function again(step: Step, text: string): BotReply[] {
  const prompt = current(step);
  return [reply(text, prompt.keyboard)];
}

async function startWizard(step: Step): Promise<BotReply[]> {
  const previous = await previousApplicantId(
    step.tx,
    step.input.orgId,
    step.input.network,
    step.input.accountId,
    step.input.userId,
  );
  step.session.data = { applicantId: previous ?? newId(step.deps.now), freshApplicant: previous === null };
  return go(step, 'consent');
}

async function statusAnswer(step: Step, number: string): Promise<BotReply> {
  const appeal = await ownAppealByNumber(step.tx, who(step), number);
  const text = appeal ? statusLine(step.lang, appeal) : t(step.lang, 'status.refused', { number });
  return reply(text, menuKeyboard(step.lang));
}

async function mineAnswer(step: Step): Promise<BotReply> {
  const own = await ownAppeals(step.tx, who(step));
  if (own.length === 0) return reply(t(step.lang, 'status.mineEmpty'), menuKeyboard(step.lang));
  const lines = own.map((a) => `• ${statusLine(step.lang, a)}`);
  return reply([t(step.lang, 'status.mineHeader'), ...lines].join('\n'), menuKeyboard(step.lang));
}

function wizardStep(step: Step): Promise<BotReply[]> | BotReply[] {
  switch (step.session.state) {
    case 'consent':
      return has(step, 'agree') ? go(step, 'name') : again(step, t(step.lang, 'wizard.consentAgain'));
    case 'name':
      return nameStep(step);
    case 'name_confirm':
      return nameConfirmStep(step);
    case 'passport':
      return passportStep(step);
    case 'phone':
    case 'postal':
    case 'email':
      return contactStep(step, step.session.state);
    case 'applicant_type':
      if (has(step, 'citizen')) {
        step.session.data.applicantType = 'citizen';
        return go(step, 'collective');
      }
      if (has(step, 'organisation')) {
        step.session.data.applicantType = 'organisation';
        return go(step, 'org_name');
      }
      return [current(step)];
    case 'org_name': {
      const name = validateOrganisationName(step.input.text);
      if (!name.ok)
        return again(step, t(step.lang, 'wizard.orgInvalid', { reason: errorText(step.lang, name.error) }));
      step.session.data.orgName = name.value;
      return go(step, 'org_inn');
    }
    case 'org_inn': {
      const inn = validateInn(step.input.text.replace(/\s/g, ''));
      if (!inn.ok)
        return again(step, t(step.lang, 'wizard.orgInvalid', { reason: errorText(step.lang, inn.error) }));
      step.session.data.inn = inn.value.value;
      return go(step, 'collective');
    }
    case 'collective':
      if (has(step, 'individual')) {
        step.session.data.collective = false;
        step.session.data.coSigners = [];
        return go(step, 'text');
      }
      if (has(step, 'collective')) {
        step.session.data.collective = true;
        step.session.data.coSigners = [];
        return go(step, 'co_signers');
      }
      return [current(step)];
    case 'co_signers':
      return coSignerStep(step);
    case 'text':
      return textStep(step);
    case 'attachments':
      return attachmentsStep(step);
    case 'summary':
      return summaryStep(step);
    default:
      goIdle(step.session);
      return [current(step)];
  }
}

function nameStep(step: Step): BotReply[] {
  const parsed = parseFullName(step.input.text);
  if (!parsed.ok)
    return again(step, t(step.lang, 'wizard.nameInvalid', { reason: errorText(step.lang, parsed.error) }));
  const name = {
    lastName: parsed.value.surname,
    firstName: parsed.value.givenName,
    patronymic: parsed.value.patronymic ?? null,
  };
  const profile = step.input.profileName.trim();
  const data = step.session.data;
  if (!profile) {
    // The network gave no profile name (OK webhooks, hidden profiles): staff check it.
    data.name = name;
    data.nameVerdict = undefined;
    return go(step, 'passport');
  }
  const match = matchNames(profile, step.input.text);
  const params = { name: personName(name), profile, reason: t(step.lang, match.reason) };
  if (match.result === 'match') {
    data.name = name;
    data.nameVerdict = 'match';
    return go(step, 'passport');
  }
  if (match.result === 'needs-confirmation') {
    data.pendingName = name;
    step.session.state = 'name_confirm';
    return [reply(t(step.lang, 'wizard.nameConfirm', params), current(step).keyboard)];
  }
  return again(step, t(step.lang, 'wizard.nameMismatch', params));
}

function nameConfirmStep(step: Step): BotReply[] {
  const data = step.session.data;
  if (has(step, 'confirm') && data.pendingName) {
    data.name = data.pendingName;
    data.nameVerdict = 'probable';
    data.pendingName = undefined;
    return go(step, 'passport');
  }
  if (has(step, 'fix')) {
    data.pendingName = undefined;
    return go(step, 'name');
  }
  return [current(step)];
}

async function passportStep(step: Step): Promise<BotReply[]> {
  const parsed = parsePassportLine(step.input.text);
  if (!parsed.ok)
    return again(
      step,
      t(step.lang, 'wizard.passportInvalid', { reason: errorText(step.lang, parsed.error) }),
    );
  const data = step.session.data;
  const { masked } = await savePassport(step.tx, step.deps.personalData, {
    orgId: step.input.orgId,
    applicantId: data.applicantId!,
    series: parsed.value.series,
    number: parsed.value.number,
  });
  data.passportMasked = masked;
  data.asked = [];
  return go(step, 'phone', t(step.lang, 'wizard.passportSaved', { masked }));
}

const contactValidators: Record<ContactStep, (value: unknown) => Result<unknown>> = {
  phone: normalizePhone,
  postal: normalizePostalAddress,
  email: normalizeEmail,
};

function contactValue(field: ContactStep, value: unknown): string {
  return field === 'postal' ? (value as { text: string }).text : String(value);
}

function contactStep(step: Step, field: ContactStep): BotReply[] {
  const data = step.session.data;
  if (has(step, 'no')) data[field] = null;
  else {
    const checked = contactValidators[field](step.input.text);
    if (!checked.ok)
      return again(
        step,
        t(step.lang, 'wizard.contactInvalid', { reason: errorText(step.lang, checked.error) }),
      );
    data[field] = contactValue(field, checked.value);
  }
  data.asked = [...new Set([...(data.asked ?? []), field])];
  const next = contactFields.find((f) => !data.asked?.includes(f));
  if (next) return go(step, next);
  const rule = validateContacts({ phone: data.phone, email: data.email, postalAddress: data.postal });
  if (rule.ok) return go(step, 'applicant_type');
  // Ask again only for what is missing; what was given stays.
  data.asked = contactFields.filter((f) => data[f]);
  const missing = contactFields.find((f) => !data[f])!;
  return go(step, missing, t(step.lang, 'wizard.contactRule', { reason: errorText(step.lang, rule.error) }));
}

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

function coSignerStep(step: Step): BotReply[] {
  const data = step.session.data;
  const list = data.coSigners ?? [];
  if (has(step, 'done')) {
    if (list.length === 0) return again(step, t(step.lang, 'wizard.coSignersEmpty'));
    return go(step, 'text');
  }
  const entry = parseCoSigner(step.input.text);
  const all = [
    ...list.map(({ fullName, phone, email, postalAddress }) => ({ fullName, phone, email, postalAddress })),
    entry,
  ];
  const checked = validateCoSigners(all);
  if (!checked.ok) {
    const own = checked.error.entries.find((e) => e.index === list.length);
    const reason = errorText(step.lang, own?.error ?? checked.error);
    return again(step, t(step.lang, 'wizard.coSignerInvalid', { reason }));
  }
  const added = checked.value[list.length]!;
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
  };
  data.coSigners = [...list, signer];
  return again(
    step,
    t(step.lang, 'wizard.coSignerAdded', { name: signer.fullName, count: data.coSigners.length }),
  );
}

function textStep(step: Step): BotReply[] {
  const text = step.input.text.trim();
  const data = step.session.data;
  if (text.length < minTextLength) {
    if (step.input.attachments.length > 0)
      data.attachments = [...(data.attachments ?? []), ...step.input.attachments];
    return again(step, t(step.lang, 'wizard.textTooShort', { min: minTextLength }));
  }
  data.text = text;
  data.attachments = [...(data.attachments ?? []), ...step.input.attachments];
  return go(step, 'attachments');
}

function attachmentsStep(step: Step): BotReply[] {
  const data = step.session.data;
  if (has(step, 'done')) return go(step, 'summary');
  if (step.input.attachments.length > 0)
    data.attachments = [...(data.attachments ?? []), ...step.input.attachments];
  else if (step.input.text.trim()) data.text = `${data.text ?? ''}\n${step.input.text.trim()}`;
  return [current(step)];
}

async function summaryStep(step: Step): Promise<BotReply[]> {
  if (!has(step, 'send')) return again(step, t(step.lang, 'wizard.summaryAgain'));
  const { session, input, lang } = step;
  const filed = await fileAppeal(
    step.tx,
    {
      orgId: input.orgId,
      network: input.network,
      channelAccountId: input.channelAccountId,
      accountId: input.accountId,
      chatId: input.chatId,
      userId: input.userId,
      profileName: input.profileName,
      language: lang,
      data: session.data,
    },
    step.deps.now,
  );
  goIdle(session);
  const text = t(lang, 'wizard.registered', {
    number: filed.registrationNumber,
    date: formatDate(lang, filed.registeredAt),
    deadline: formatDate(lang, filed.legalDeadline),
  });
  return [
    {
      ...reply(text, menuKeyboard(lang)),
      appeal: { id: filed.appealId, conversationId: filed.conversationId },
    },
  ];
}
