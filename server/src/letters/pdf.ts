/**
 * A letter (./compose.ts) as an A4 PDF through pdfkit, in PT Sans: the letterhead centred at the top (logo, full name, address,
 * contacts) over a rule, the outgoing number and date at the left, the addressee at the right, the
 * title, «Уважаемый(ая) …!», the reference, the body, the signatory and the executor at the foot.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { repoRoot } from '../config';
import type { LetterContent } from './compose';

/**
 * Cyrillic needs an embedded font: PT Sans (ParaType, SIL OFL 1.1, resources/fonts/). pdfkit embeds
 * only the glyphs used (a subset), so a one-page letter stays a few tens of kilobytes — the chat
 * answer's and the e-mailed notice's letters travel base64 in their outbox rows.
 */
const fontsDir = path.join(repoRoot, 'resources', 'fonts');
let fonts: { regular: Buffer; bold: Buffer } | null = null;

/** The TrueType files, read once per process. */
function letterFonts(): { regular: Buffer; bold: Buffer } {
  fonts ??= {
    regular: readFileSync(path.join(fontsDir, 'PTSans-Regular.ttf')),
    bold: readFileSync(path.join(fontsDir, 'PTSans-Bold.ttf')),
  };
  return fonts;
}

export function renderLetterPdf(letter: LetterContent): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 50, bottom: 56, left: 70, right: 50 },
    info: {
      Title: `${letter.title} ${letter.outgoing}`,
      Author: letter.letterhead.fullName,
      Creator: 'Okno',
    },
    lang: 'ru-RU',
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const { regular, bold } = letterFonts();
  doc.registerFont('regular', regular);
  doc.registerFont('bold', bold);
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const { letterhead } = letter;

  if (letterhead.logo) {
    doc.image(letterhead.logo, left + width / 2 - 24, doc.y, { fit: [48, 48], align: 'center' });
    doc.y += 54;
  }
  doc.font('bold').fontSize(13).text(letterhead.fullName, left, doc.y, { width, align: 'center' });
  doc.font('regular').fontSize(9);
  for (const line of [letterhead.address, letterhead.contacts].filter(Boolean)) {
    doc.text(line, left, doc.y, { width, align: 'center' });
  }
  const rule = doc.y + 6;
  doc
    .moveTo(left, rule)
    .lineTo(left + width, rule)
    .lineWidth(1)
    .stroke();
  doc
    .moveTo(left, rule + 2.5)
    .lineTo(left + width, rule + 2.5)
    .lineWidth(0.4)
    .stroke();

  const top = rule + 16;
  doc
    .font('regular')
    .fontSize(11)
    .text(letter.outgoing, left, top, { width: width * 0.45 });
  if (letter.reference) doc.text(letter.reference, left, doc.y + 2, { width: width * 0.45 });
  const afterLeft = doc.y;
  doc.text(letter.addressee.join('\n'), left + width * 0.55, top, { width: width * 0.45 });
  doc.y = Math.max(afterLeft, doc.y) + 24;

  doc.font('bold').fontSize(12).text(letter.title, left, doc.y, { width, align: 'center' });
  doc.moveDown();
  doc.font('bold').fontSize(12).text(letter.salutation, left, doc.y, { width, align: 'center' });
  doc.moveDown(0.8);
  doc.font('regular').fontSize(12);
  for (const paragraph of letter.paragraphs) {
    doc.text(paragraph, left, doc.y, { width, align: 'justify', indent: 28, paragraphGap: 6, lineGap: 2 });
  }
  if (letter.signatory) {
    doc.moveDown(2);
    const at = doc.y;
    doc.text(letter.signatory.position, left, at, { width: width * 0.6 });
    const below = doc.y;
    doc.text(letter.signatory.name, left + width * 0.6, at, { width: width * 0.4, align: 'right' });
    doc.y = Math.max(below, doc.y);
  }
  if (letter.executor) {
    // The executor's line sits at the foot of the last page, as on a paper blank.
    const footer = doc.page.height - doc.page.margins.bottom - 24;
    if (doc.y > footer - 12) doc.addPage();
    doc.font('regular').fontSize(9).text(letter.executor, left, footer, { width, lineBreak: false });
  }
  doc.end();
  return done;
}
