/**
 * The answer as a PDF document for the networks' chats (Telegram sendDocument, VK docs upload, MAX
 * file upload, OK fileUploadUrl). A letter, kept simple: the organisation's name as
 * the letterhead, the registration number, the date, the applicant, the answer text wrapped, and the
 * official who answered.
 *
 * Cyrillic needs an embedded font: PT Sans (ParaType, SIL OFL 1.1, resources/fonts/). pdfkit embeds
 * only the glyphs used (a subset), so a one-page answer stays a few tens of kilobytes — it travels
 * base64 in the outbox row.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { repoRoot } from '../config';
import type { OutboxAttachment } from '../outbox/types';
import { type BotLanguage, formatDate, t } from './texts';

const fontsDir = path.join(repoRoot, 'resources', 'fonts');
let fonts: { regular: Buffer; bold: Buffer } | null = null;

/** The TrueType files, read once per process. */
export function answerFonts(): { regular: Buffer; bold: Buffer } {
  fonts ??= {
    regular: readFileSync(path.join(fontsDir, 'PTSans-Regular.ttf')),
    bold: readFileSync(path.join(fontsDir, 'PTSans-Bold.ttf')),
  };
  return fonts;
}

export interface AnswerLetter {
  lang: BotLanguage;
  orgName: string;
  number: string;
  applicant: string;
  /** The official who wrote the answer (the staff message's author); '' when unknown. */
  official: string;
  text: string;
  answeredAt: number;
}

/** Renders the letter; resolves with the PDF bytes. */
function renderAnswerPdf(letter: AnswerLetter): Promise<Buffer> {
  const { lang } = letter;
  const title = t(lang, 'notice.answerDocument', { number: letter.number });
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 56, bottom: 56, left: 70, right: 56 },
    info: { Title: title, Author: letter.orgName, Creator: 'Okno' },
    lang: lang === 'en' ? 'en-GB' : 'ru-RU',
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const { regular, bold } = answerFonts();
  doc.registerFont('regular', regular);
  doc.registerFont('bold', bold);

  doc.font('bold').fontSize(14).text(letter.orgName, { align: 'center' });
  const rule = doc.y + 6;
  doc
    .moveTo(doc.page.margins.left, rule)
    .lineTo(doc.page.width - doc.page.margins.right, rule)
    .lineWidth(0.8)
    .stroke();
  doc.y = rule + 14;
  doc.font('regular').fontSize(11);
  doc.text(t(lang, 'notice.letterNumber', { number: letter.number }));
  doc.text(t(lang, 'notice.letterDate', { date: formatDate(lang, letter.answeredAt) }));
  if (letter.applicant) doc.text(t(lang, 'notice.letterApplicant', { name: letter.applicant }));
  doc.moveDown(1.5);
  doc.font('bold').fontSize(13).text(title, { align: 'center' });
  doc.moveDown();
  doc.font('regular').fontSize(12);
  for (const paragraph of letter.text.split(/\n{2,}/)) {
    doc.text(paragraph.trim(), { align: 'justify', paragraphGap: 8, lineGap: 2 });
  }
  if (letter.official) {
    doc.moveDown(2);
    doc.text(t(lang, 'notice.letterOfficial', { name: letter.official }));
  }
  doc.end();
  return done;
}

export async function answerDocument(letter: AnswerLetter): Promise<OutboxAttachment> {
  const pdf = await renderAnswerPdf(letter);
  return {
    name: t(letter.lang, 'notice.answerFileName', { number: letter.number }).replace(/[/\\]/g, '-'),
    mimeType: 'application/pdf',
    contentBase64: pdf.toString('base64'),
  };
}
