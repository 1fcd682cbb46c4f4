/**
 * A letter (./compose.ts) as a Word document (DOCX) through the `docx` library, laid out like the
 * PDF (./pdf.ts) so an official can edit it before signing: the letterhead centred, the outgoing
 * number and reference at the left beside the addressee at the right, the body in Times New Roman 14,
 * the signatory and the executor's line in the page footer.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  ImageRun,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { LetterContent } from './compose';

const font = 'Times New Roman';
const noBorders = {
  top: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  bottom: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  left: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  right: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  insideHorizontal: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  insideVertical: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
};

const line = (
  text: string,
  options: { bold?: boolean; size?: number; align?: 'center' | 'right' | 'justify' } = {},
) =>
  new Paragraph({
    ...(options.align === 'center'
      ? { alignment: AlignmentType.CENTER }
      : options.align === 'right'
        ? { alignment: AlignmentType.RIGHT }
        : options.align === 'justify'
          ? { alignment: AlignmentType.JUSTIFIED }
          : {}),
    children: [new TextRun({ text, font, bold: options.bold ?? false, size: options.size ?? 28 })],
  });

function letterheadParagraphs(letter: LetterContent): Paragraph[] {
  const { letterhead } = letter;
  const paragraphs: Paragraph[] = [];
  if (letterhead.logo) {
    const png = letterhead.logo[0] === 0x89;
    paragraphs.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new ImageRun({
            type: png ? 'png' : 'jpg',
            data: letterhead.logo,
            transformation: { width: 64, height: 64 },
          }),
        ],
      }),
    );
  }
  paragraphs.push(line(letterhead.fullName, { bold: true, size: 28, align: 'center' }));
  for (const text of [letterhead.address, letterhead.contacts].filter(Boolean)) {
    paragraphs.push(line(text, { size: 20, align: 'center' }));
  }
  paragraphs.push(
    new Paragraph({
      border: { bottom: { style: BorderStyle.DOUBLE, size: 6, color: '000000', space: 4 } },
      children: [],
    }),
  );
  return paragraphs;
}

function headerTable(letter: LetterContent): Table {
  const cell = (paragraphs: Paragraph[]) =>
    new TableCell({ width: { size: 50, type: WidthType.PERCENTAGE }, children: paragraphs });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: noBorders,
    rows: [
      new TableRow({
        children: [
          cell([
            line(letter.outgoing, { size: 24 }),
            ...(letter.reference ? [line(letter.reference, { size: 24 })] : []),
          ]),
          cell(letter.addressee.map((text) => line(text, { size: 24 }))),
        ],
      }),
    ],
  });
}

export function renderLetterDocx(letter: LetterContent): Promise<Buffer> {
  const signature = letter.signatory
    ? [
        new Paragraph({ children: [] }),
        new Paragraph({
          tabStops: [{ type: 'right', position: 9350 }],
          children: [
            new TextRun({ text: letter.signatory.position, font, size: 28 }),
            new TextRun({ text: `\t${letter.signatory.name}`, font, size: 28 }),
          ],
        }),
      ]
    : [];
  const document = new Document({
    creator: 'Okno',
    title: `${letter.title} ${letter.outgoing}`,
    sections: [
      {
        properties: { page: { margin: { top: 1000, bottom: 1000, left: 1700, right: 850 } } },
        footers: letter.executor
          ? { default: new Footer({ children: [line(letter.executor, { size: 18 })] }) }
          : {},
        children: [
          ...letterheadParagraphs(letter),
          headerTable(letter),
          new Paragraph({ children: [] }),
          line(letter.title, { bold: true, align: 'center' }),
          line(letter.salutation, { bold: true, align: 'center' }),
          new Paragraph({ children: [] }),
          ...letter.paragraphs.map(
            (text) =>
              new Paragraph({
                alignment: AlignmentType.JUSTIFIED,
                indent: { firstLine: 709 },
                children: [new TextRun({ text, font, size: 28 })],
              }),
          ),
          ...signature,
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}
