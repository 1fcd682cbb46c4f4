/**
 * docs/screenshots/answer-letter.png: the answer letter of the demo organisation's reception appeal
 * «Нет горячей воды» (server/src/accounts/seed-demo-appeals.ts), on the demo letterhead with its logo
 * (seed-demo.ts), rendered by the server's own letter modules (server/src/letters/) to PDF and turned
 * into a PNG by Poppler's pdftoppm. Dates and numbers are fixed, so the picture is the same on every run:
 *
 *   npx tsx scripts/answer-letter-screenshot.ts [output.png]
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { demoLetterhead } from '../server/src/accounts/seed-demo';
import { repoRoot } from '../server/src/config';
import { composeLetter } from '../server/src/letters/compose';
import { renderLetterPdf } from '../server/src/letters/pdf';

const output = path.resolve(
  process.argv[2] ?? path.join(repoRoot, 'docs', 'screenshots', 'answer-letter.png'),
);
const registeredAt = Date.parse('2026-12-01T10:15:00+03:00');

const appeal = {
  id: 'demo-hot-water',
  channel: 'reception',
  registrationNumber: 'ОГ-2026-000118',
  registeredAt,
  receivedAt: registeredAt,
  kind: { organisationName: null },
  applicant: {
    name: { lastName: 'Соколов', firstName: 'Иван', patronymic: 'Петрович' },
    contacts: { postalAddress: 'ул. Советская, д. 5, кв. 12, г. Демо, 123456' },
  },
};

const answerText = [
  'Ваше обращение о прекращении горячего водоснабжения дома 5 по ул. Советской рассмотрено.',
  'Управляющей компании ООО «ДемоЖилСервис» выдано предписание устранить неисправность теплообменника в тепловом узле дома. По сообщению управляющей компании, подача горячей воды восстановлена 4 декабря 2026 года.',
  'За период отсутствия горячего водоснабжения управляющая компания произведёт перерасчёт платы в квитанции за декабрь. Если горячая вода вновь пропадёт, сообщите в аварийно-диспетчерскую службу по телефону (4852) 00-00-05 или в администрацию.',
].join('\n\n');

const letter = composeLetter({
  appeal,
  letter: {
    kind: 'answer',
    outgoingNumber: 'Исх-342/2026',
    issuedAt: Date.parse('2026-12-07T12:00:00+03:00'),
  },
  letterhead: {
    ...demoLetterhead,
    logo: readFileSync(path.join(repoRoot, 'resources', 'icons', 'okno.png')),
  },
  timeZone: 'Europe/Moscow',
  answerText,
  executorName: 'Иванова А. С.',
});

const folder = mkdtempSync(path.join(tmpdir(), 'okno-letter-'));
const pdf = path.join(folder, 'answer-letter.pdf');
writeFileSync(pdf, await renderLetterPdf(letter));
execFileSync('pdftoppm', ['-png', '-r', '80', '-singlefile', pdf, path.join(folder, 'answer-letter')]);
copyFileSync(path.join(folder, 'answer-letter.png'), output);
console.log(`${path.relative(process.cwd(), output)}: the answer letter ${letter.outgoing}`);
