/**
 * What a letter says, as lines and paragraphs, before it is laid out as PDF (./pdf.ts) or DOCX
 * (./docx.ts): the letterhead, outgoing number and date, the addressee, «Уважаемый(ая) …!», the
 * reference to the appeal, the body, the signatory and the executor. Pure: the caller loads the
 * appeal, the letterhead, the letter record and (for an answer) the answer's text.
 */
import type { LetterKind, LetterRecord } from '../../../shared/model/letter';
import { t } from '../bot/texts';
import type { Letterhead, Signatory } from './letterhead';

type Doc = Record<string, unknown>;

export interface LetterContent {
  letterhead: Letterhead;
  title: string;
  /** «Исх. № … от …». */
  outgoing: string;
  addressee: string[];
  salutation: string;
  /** «На Ваше обращение от … № …»; '' for a receipt, which states the registration itself. */
  reference: string;
  paragraphs: string[];
  signatory: Signatory | null;
  /** «Исп. …, тел. …», or ''. */
  executor: string;
}

export interface LetterInput {
  appeal: Doc;
  letter: Pick<LetterRecord, 'kind' | 'outgoingNumber' | 'issuedAt'>;
  letterhead: Letterhead;
  timeZone: string;
  /** The answer's text (answer letters). */
  answerText?: string;
  /** The appeal's executor (assignee), or the official who answered. */
  executorName?: string;
}

/** `15.03.2026` in the organisation's time zone. */
export function letterDate(at: number, timeZone: string): string {
  return new Intl.DateTimeFormat('ru-RU', {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone,
  }).format(at);
}

/** `2026-03-15` → `15.03.2026`. */
const calendarDate = (date: unknown) =>
  typeof date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(date) ? date.split('-').reverse().join('.') : '';

interface NameParts {
  lastName?: string;
  firstName?: string;
  patronymic?: string | null;
}

function addresseeOf(appeal: Doc): string[] {
  const kind = (appeal.kind ?? {}) as { organisationName?: string | null };
  const applicant = (appeal.applicant ?? {}) as {
    name?: NameParts;
    contacts?: { postalAddress?: string | null };
  };
  const name = applicant.name ?? {};
  const fullName = [name.lastName, name.firstName, name.patronymic].filter((p) => p?.trim()).join(' ');
  const lines = [kind.organisationName || fullName];
  const address = applicant.contacts?.postalAddress?.trim();
  if (address) lines.push(...address.split(/\n/));
  return lines.filter((line): line is string => Boolean(line));
}

/** «Уважаемый(ая) Имя Отчество!» — by first name and patronymic, as Russian official letters address. */
function salutationOf(appeal: Doc): string {
  const name = ((appeal.applicant ?? {}) as { name?: NameParts }).name ?? {};
  const addressed = [name.firstName, name.patronymic].filter((p) => p?.trim()).join(' ');
  return addressed
    ? t('ru', 'letters:salutation', { name: addressed })
    : t('ru', 'letters:salutationNameless');
}

function referenceOf(appeal: Doc, timeZone: string): string {
  const at = typeof appeal.registeredAt === 'number' ? appeal.registeredAt : Number(appeal.receivedAt);
  const date = letterDate(at, timeZone);
  const number = typeof appeal.registrationNumber === 'string' ? appeal.registrationNumber : '';
  return number
    ? t('ru', 'letters:reference', { date, number })
    : t('ru', 'letters:referenceUnnumbered', { date });
}

function bodyOf(kind: LetterKind, input: LetterInput): string[] {
  const { appeal, timeZone } = input;
  switch (kind) {
    case 'answer':
      return (input.answerText ?? '')
        .split(/\n{2,}/)
        .map((p) => p.trim())
        .filter(Boolean);
    case 'extension': {
      const extension = (appeal.extension ?? {}) as { days?: number; reason?: string };
      const count = extension.days ?? 0;
      const text = t('ru', `letters:body.extension_${new Intl.PluralRules('ru').select(count)}`, {
        count,
        deadline: calendarDate(appeal.legalDeadline),
      });
      return extension.reason
        ? [text, t('ru', 'letters:body.extensionReason', { reason: extension.reason })]
        : [text];
    }
    case 'forwarding': {
      const body = (appeal.forwardedTo as { bodyName?: string } | null)?.bodyName ?? '';
      return [t('ru', 'letters:body.forwarding', { body })];
    }
    case 'art11': {
      const outcome =
        typeof appeal.art11Outcome === 'string' ? t('ru', `domain:art11.${appeal.art11Outcome}`) : '';
      const note = typeof appeal.outcomeNote === 'string' ? appeal.outcomeNote.trim() : '';
      return note
        ? [t('ru', 'letters:body.art11', { outcome }), note]
        : [t('ru', 'letters:body.art11', { outcome })];
    }
    case 'receipt': {
      const at = typeof appeal.registeredAt === 'number' ? appeal.registeredAt : Number(appeal.receivedAt);
      const lines = [
        t('ru', 'letters:body.receipt', {
          date: letterDate(at, timeZone),
          number: typeof appeal.registrationNumber === 'string' ? appeal.registrationNumber : '',
        }),
      ];
      const deadline = calendarDate(appeal.legalDeadline);
      if (deadline) lines.push(t('ru', 'letters:body.receiptDeadline', { deadline }));
      return lines;
    }
  }
}

export function composeLetter(input: LetterInput): LetterContent {
  const { appeal, letter, letterhead, timeZone } = input;
  const phone = letterhead.executorPhone;
  const executorName = input.executorName?.trim() ?? '';
  return {
    letterhead,
    title: t('ru', `letters:title.${letter.kind}`),
    outgoing: t('ru', 'letters:outgoing', {
      number: letter.outgoingNumber,
      date: letterDate(letter.issuedAt, timeZone),
    }),
    addressee: addresseeOf(appeal),
    salutation: salutationOf(appeal),
    reference: letter.kind === 'receipt' ? '' : referenceOf(appeal, timeZone),
    paragraphs: bodyOf(letter.kind, input),
    signatory: letterhead.signatories[0] ?? null,
    executor: executorName
      ? t('ru', phone ? 'letters:executorPhone' : 'letters:executor', { name: executorName, phone })
      : '',
  };
}
