/**
 * The filing wizard as a table: one entry per step, with its question, the answers it offers as
 * buttons and how it reads an answer. The order: consent (152-FZ) → full name → passport → phone /
 * postal / e-mail → citizen or organisation (name, ИНН) → individual or collective (co-signers) →
 * text → attachments → summary → registration.
 */
import { validateInn } from '../../../../shared/domain/applicant/inn';
import { validateOrganisationName } from '../../../../shared/domain/applicant/organisation';
import type { KeyboardButton } from '../../outbox/types';
import type { Command } from '../commands';
import { fileAppeal } from '../filing';
import { menuKeyboard } from '../keyboards';
import { type BotLanguage, errorText, formatDate, plural, t } from '../texts';
import type { AfterFilingState, SummaryField, WizardData, WizardState } from '../types';
import {
  contactAnswer,
  coSignerAnswer,
  nameAnswer,
  nameConfirmAnswer,
  passportAnswer,
  personName,
} from './applicant';
import { again, has, next, type OrganisationFacts, type Outcome, reply, stay, type Turn } from './turn';

export const minTextLength = 10;

/** The wizard's states; the menu's `idle` and `status_number` are not steps of it. */
export type FilingState = Exclude<WizardState, 'idle' | 'status_number' | AfterFilingState>;

/** What a question may depend on. */
interface Asking {
  data: WizardData;
  lang: BotLanguage;
  /** The network's profile name ('' when it gave none). */
  profileName: string;
  org: OrganisationFacts;
}

type ButtonRow = (Command | KeyboardButton)[];

interface WizardStep {
  question: (asking: Asking) => string;
  /** The answers offered as buttons, in rows above «Отмена» (which every step takes). */
  buttons: ButtonRow[] | ((asking: Asking) => ButtonRow[]);
  /** Reads the citizen's answer (commands are already recognised in `turn.commands`). */
  answer: (turn: Turn) => Outcome | Promise<Outcome>;
}

export const wizardSteps: Record<FilingState, WizardStep> = {
  consent: {
    question: ({ lang, org }) =>
      t(lang, 'wizard.consent', {
        org: org.name,
        retention: plural(lang, 'wizard.retentionYears', org.retentionYears),
      }),
    buttons: [['agree']],
    answer: (turn) =>
      has(turn, 'agree') || has(turn, 'confirm') ? next('name') : again(t(turn.lang, 'wizard.consentAgain')),
  },
  name: {
    question: ({ lang, profileName }) =>
      t(lang, 'wizard.askName', {
        // OK webhooks carry no profile name (docs/CHANNELS.md §2): say the name is left to staff.
        profileLine: profileName.trim()
          ? t(lang, 'wizard.profileLine', { profile: profileName })
          : t(lang, 'wizard.noProfileLine'),
      }),
    buttons: ({ profileName }) =>
      profileName.trim() ? [[{ label: profileName.slice(0, 40), command: 'profile-name' }]] : [],
    answer: nameAnswer,
  },
  name_confirm: {
    question: ({ lang }) => t(lang, 'wizard.confirmAgain'),
    buttons: [['confirm', 'fix']],
    answer: nameConfirmAnswer,
  },
  passport: {
    question: ({ lang }) => t(lang, 'wizard.askPassport'),
    buttons: [],
    answer: passportAnswer,
  },
  phone: {
    question: ({ lang }) => t(lang, 'wizard.askPhone'),
    buttons: [['no']],
    answer: contactAnswer('phone'),
  },
  postal: {
    question: ({ lang }) => t(lang, 'wizard.askPostal'),
    buttons: [['no']],
    answer: contactAnswer('postal'),
  },
  email: {
    question: ({ lang }) => t(lang, 'wizard.askEmail'),
    buttons: [['no']],
    answer: contactAnswer('email'),
  },
  applicant_type: {
    question: ({ lang }) => t(lang, 'wizard.askApplicantType'),
    buttons: [['citizen', 'organisation']],
    answer: (turn) => {
      if (has(turn, 'citizen')) {
        turn.session.data.applicantType = 'citizen';
        return next('collective');
      }
      if (has(turn, 'organisation')) {
        turn.session.data.applicantType = 'organisation';
        return next('org_name');
      }
      return stay;
    },
  },
  org_name: {
    question: ({ lang }) => t(lang, 'wizard.askOrgName'),
    buttons: [],
    answer: (turn) => {
      const name = validateOrganisationName(turn.input.text);
      if (!name.ok)
        return again(t(turn.lang, 'wizard.orgInvalid', { reason: errorText(turn.lang, name.error) }));
      turn.session.data.orgName = name.value;
      return next('org_inn');
    },
  },
  org_inn: {
    question: ({ lang }) => t(lang, 'wizard.askOrgInn'),
    buttons: [],
    answer: (turn) => {
      const inn = validateInn(turn.input.text.replace(/\s/g, ''));
      if (!inn.ok)
        return again(t(turn.lang, 'wizard.orgInvalid', { reason: errorText(turn.lang, inn.error) }));
      turn.session.data.inn = inn.value.value;
      return next('collective');
    },
  },
  collective: {
    question: ({ lang }) => t(lang, 'wizard.askCollective'),
    buttons: [['individual', 'collective']],
    answer: (turn) => {
      const data = turn.session.data;
      if (has(turn, 'individual')) {
        data.collective = false;
        data.coSigners = [];
        return next('text');
      }
      if (has(turn, 'collective')) {
        data.collective = true;
        data.coSigners = [];
        return next('co_signers');
      }
      return stay;
    },
  },
  co_signers: {
    question: ({ lang }) => t(lang, 'wizard.askCoSigner'),
    buttons: [['done']],
    answer: coSignerAnswer,
  },
  text: {
    question: ({ lang }) => t(lang, 'wizard.askText'),
    buttons: [],
    answer: textAnswer,
  },
  attachments: {
    question: ({ lang, data }) => t(lang, 'wizard.askAttachments', { count: data.attachments?.length ?? 0 }),
    buttons: [['done']],
    answer: attachmentsAnswer,
  },
  summary: {
    question: ({ lang, data }) => summaryText(data, lang),
    buttons: [['send', 'fix']],
    answer: summaryAnswer,
  },
  summary_fix: {
    question: ({ lang }) => t(lang, 'wizard.askFixField'),
    buttons: ({ lang }) => [
      summaryFields.slice(0, 2).map((field) => fixButton(lang, field)),
      summaryFields.slice(2).map((field) => fixButton(lang, field)),
    ],
    answer: fixFieldAnswer,
  },
};

const summaryFields: SummaryField[] = ['name', 'passport', 'contacts', 'text'];

/**
 * The steps of a field fixed from the summary: the first is asked, and once the answer leads
 * anywhere else the wizard returns to the summary (./flow.ts).
 */
export const fixSteps: Record<SummaryField, FilingState[]> = {
  name: ['name', 'name_confirm'],
  passport: ['passport'],
  contacts: ['phone', 'postal', 'email'],
  text: ['text'],
};

const fixButton = (lang: BotLanguage, field: SummaryField): KeyboardButton => ({
  label: t(lang, `wizard.fixField.${field}`),
  command: `fix-${field}`,
});

function fixFieldAnswer(turn: Turn): Outcome {
  const said = turn.input.text.trim().toLowerCase().replace(/ё/g, 'е');
  const field = summaryFields.find(
    (f) =>
      turn.input.command === `fix-${f}` ||
      (['ru', 'en'] as const).some(
        (lang) => t(lang, `wizard.fixField.${f}`).toLowerCase().replace(/ё/g, 'е') === said,
      ),
  );
  if (!field) return stay;
  const data = turn.session.data;
  data.fixing = field;
  if (field === 'contacts') data.asked = [];
  return next(fixSteps[field][0]!);
}

export const isFilingState = (state: string): state is FilingState => Object.hasOwn(wizardSteps, state);

function textAnswer(turn: Turn): Outcome {
  const text = turn.input.text.trim();
  const data = turn.session.data;
  if (text.length < minTextLength) {
    if (turn.input.attachments.length > 0)
      data.attachments = [...(data.attachments ?? []), ...turn.input.attachments];
    return again(t(turn.lang, 'wizard.textTooShort', { min: minTextLength }));
  }
  const messageId = turn.input.externalMessageId ?? null;
  data.text = text;
  data.textParts = [{ messageId, text }];
  data.textMessageIds = messageId ? [messageId] : [];
  data.attachments = [...(data.attachments ?? []), ...turn.input.attachments];
  return next('attachments');
}

function attachmentsAnswer(turn: Turn): Outcome {
  const data = turn.session.data;
  if (has(turn, 'done')) return next('summary');
  if (turn.input.attachments.length > 0)
    data.attachments = [...(data.attachments ?? []), ...turn.input.attachments];
  else if (turn.input.text.trim()) {
    const messageId = turn.input.externalMessageId ?? null;
    data.text = `${data.text ?? ''}\n${turn.input.text.trim()}`;
    data.textParts = [...(data.textParts ?? []), { messageId, text: turn.input.text.trim() }];
    if (messageId) data.textMessageIds = [...(data.textMessageIds ?? []), messageId];
  }
  return stay;
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

async function summaryAnswer(turn: Turn): Promise<Outcome> {
  if (has(turn, 'fix')) return next('summary_fix');
  if (!has(turn, 'send') && !has(turn, 'confirm')) return again(t(turn.lang, 'wizard.summaryAgain'));
  const { session, input, lang } = turn;
  const filed = await fileAppeal(
    turn.tx,
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
    turn.deps.now,
  );
  const text = t(lang, 'wizard.registered', {
    number: filed.registrationNumber,
    date: formatDate(lang, filed.registeredAt),
    deadline: formatDate(lang, filed.legalDeadline),
  });
  return {
    finished: {
      ...reply(text, menuKeyboard(lang)),
      appeal: { id: filed.appealId, conversationId: filed.conversationId },
    },
  };
}
