/**
 * Printable documents (the bridge's `PrintableDocument`): self-contained HTML with inline styles and
 * no scripts, printed or saved as PDF by main/ (or the browser's dialog in the web shell). Every value
 * from the appeal is escaped: the citizen's text must never become markup.
 */
import type { PrintableDocument } from '../../../../shared/bridge/okno-bridge';
import type { Appeal } from '../../../../shared/model/appeal';
import type { Message } from '../../../../shared/model/conversation';
import { labelKey } from '../../../../shared/model/labels';
import { appealReference } from '../../../app/appeal-reference';
import type { Translate } from '../../../app/translate';
import { personNameText } from '../composer/template';

export type { Translate };

const escapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => escapes[c]!);

const paragraphs = (text: string) =>
  text
    .split(/\n{2,}/)
    .map((block) => `<p>${escapeHtml(block).replace(/\n/g, '<br>')}</p>`)
    .join('');

function page(title: string, language: string, body: string): string {
  return `<!doctype html><html lang="${escapeHtml(language)}"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>
body{font:12pt/1.45 "Times New Roman",serif;margin:2cm;color:#000}h1{font-size:15pt;margin:0 0 12pt}
table{border-collapse:collapse;width:100%;margin-bottom:12pt}th,td{text-align:left;vertical-align:top;padding:3pt 6pt;border-bottom:1px solid #bbb}
th{width:35%;font-weight:normal;color:#444}.sign{margin-top:36pt}
</style></head><body>${body}</body></html>`;
}

const row = (label: string, value: string | null | undefined, empty: string) =>
  `<tr><th>${escapeHtml(label)}</th><td>${escapeHtml(value && value !== '' ? value : empty)}</td></tr>`;

export interface PrintContext {
  t: Translate;
  language: string;
  formatDate: (value: number | string) => string;
  departmentName: string | null;
}

export function appealCardDocument(
  appeal: Appeal,
  { t, language, formatDate, departmentName }: PrintContext,
): PrintableDocument {
  const empty = t('common:notSpecified');
  const number = appealReference(t, appeal, formatDate);
  const title = appeal.registrationNumber
    ? t('app:appeal.print.cardTitle', { number })
    : t('app:appeal.print.cardTitleUnnumbered', { reference: number });
  const { contacts } = appeal.applicant;
  const rows = [
    row(t('app:appeal.fields.registrationNumber'), number, empty),
    row(t('app:appeal.fields.regime'), t(labelKey.regime(appeal.regime)), empty),
    row(t('app:appeal.fields.channel'), t(labelKey.channel(appeal.channel)), empty),
    row(t('app:appeal.fields.status'), t(labelKey.status(appeal.status)), empty),
    row(t('app:appeal.fields.receivedAt'), formatDate(appeal.receivedAt), empty),
    row(
      t('app:appeal.fields.registeredAt'),
      appeal.registeredAt === null ? null : formatDate(appeal.registeredAt),
      empty,
    ),
    row(
      t('app:appeal.fields.legalDeadline'),
      appeal.legalDeadline ? formatDate(appeal.legalDeadline) : null,
      empty,
    ),
    row(
      t('app:appeal.fields.controlDate'),
      appeal.controlDate ? formatDate(appeal.controlDate) : null,
      empty,
    ),
    row(t('app:appeal.fields.department'), departmentName, empty),
    row(t('app:applicant.name'), personNameText(appeal.applicant.name), empty),
    row(t('app:applicant.organisation'), appeal.kind.organisationName, empty),
    row(t('app:applicant.phone'), contacts.phone, empty),
    row(t('app:applicant.email'), contacts.email, empty),
    row(t('app:applicant.postalAddress'), contacts.postalAddress, empty),
    row(
      t('app:applicant.identification'),
      t(labelKey.identification(appeal.applicant.identification)),
      empty,
    ),
    row(t('app:applicant.passport'), appeal.applicant.passportMasked, empty),
    row(t('app:appeal.fields.subject'), appeal.subject, empty),
  ].join('');
  const body = `<h1>${escapeHtml(title)}</h1><table>${rows}</table><h2>${escapeHtml(t('app:appeal.fields.text'))}</h2>${paragraphs(appeal.text)}`;
  return { title, html: page(title, language, body) };
}

export function answerLetterDocument(
  appeal: Appeal,
  answer: Pick<Message, 'text' | 'createdAt' | 'author'>,
  { t, language, formatDate }: PrintContext,
): PrintableDocument {
  const addressee = appeal.kind.organisationName ?? personNameText(appeal.applicant.name);
  const number = appeal.registrationNumber;
  const date = formatDate(appeal.receivedAt);
  // Incidents and portal messages never get a number: the letter refers to the date alone.
  const title = number
    ? t('app:appeal.print.letterTitle', { number })
    : t('app:appeal.print.letterTitleUnnumbered', { date });
  const reference = number
    ? t('app:appeal.print.letterReference', { number, date })
    : t('app:appeal.print.letterReferenceUnnumbered', { date });
  const address = appeal.applicant.contacts.postalAddress;
  const body = [
    `<p style="text-align:right">${escapeHtml(addressee)}${address ? `<br>${escapeHtml(address)}` : ''}</p>`,
    `<p>${escapeHtml(reference)}</p>`,
    paragraphs(answer.text),
    `<p class="sign">${escapeHtml(answer.author.displayName)}<br>${escapeHtml(formatDate(answer.createdAt))}</p>`,
  ].join('');
  return { title, html: page(title, language, body) };
}
