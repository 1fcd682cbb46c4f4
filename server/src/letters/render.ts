/**
 * An issued letter rendered to a file: the appeal, letterhead, answer text and executor read from the
 * database, composed (./compose.ts) and laid out as PDF (./pdf.ts) or DOCX (./docx.ts).
 */
import type { LetterFormat, LetterRecord } from '../../../shared/model/letter';
import { loadOrgRules } from '../appeals/registration';
import { t } from '../bot/texts';
import type { Queryable } from '../db/pool';
import { composeLetter, type LetterContent } from './compose';
import { renderLetterDocx } from './docx';
import { loadLetterhead } from './letterhead';
import { formatOutgoingNumber, yearIn } from './outgoing-number';
import { renderLetterPdf } from './pdf';

type Doc = Record<string, unknown>;

export const letterMimeTypes: Record<LetterFormat, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/** The official's name (replicated profile) and work phone (migration 400; '' when not set). */
async function official(
  db: Queryable,
  orgId: string,
  userId: unknown,
): Promise<{ name: string; phone: string }> {
  if (typeof userId !== 'string' || userId === '') return { name: '', phone: '' };
  const found = await db.query<{ name: string | null; phone: string | null }>(
    `SELECT s.doc->>'displayName' AS name, u.phone FROM sync_users s
       LEFT JOIN users u ON u.id = s.id AND u.org_id = s.org_id
      WHERE s.org_id = $1 AND s.id = $2`,
    [orgId, userId],
  );
  return { name: found.rows[0]?.name ?? '', phone: found.rows[0]?.phone ?? '' };
}

/** What the letter says, from what is stored now. */
async function letterContent(
  db: Queryable,
  orgId: string,
  appeal: Doc,
  letter: LetterRecord,
): Promise<LetterContent> {
  const [rules, letterhead] = await Promise.all([loadOrgRules(db, orgId), loadLetterhead(db, orgId)]);
  let answerText: string | undefined;
  // The executor: the appeal's assignee, or for an answer the official who wrote it.
  let executor = await official(db, orgId, appeal.assigneeId);
  if (letter.kind === 'answer') {
    const message = await db.query<{ text: string; author: string | null }>(
      "SELECT doc->>'text' AS text, doc->'author'->>'userId' AS author FROM sync_messages WHERE org_id = $1 AND id = $2",
      [orgId, letter.messageId],
    );
    answerText = message.rows[0]?.text ?? '';
    if (!executor.name) executor = await official(db, orgId, message.rows[0]?.author);
  }
  return composeLetter({
    appeal,
    letter,
    // The executor's own work phone when the administrator recorded one, else the organisation's.
    letterhead: executor.phone ? { ...letterhead, executorPhone: executor.phone } : letterhead,
    timeZone: rules.timeZone,
    ...(answerText !== undefined ? { answerText } : {}),
    executorName: executor.name,
  });
}

export async function renderLetter(
  db: Queryable,
  orgId: string,
  appeal: Doc,
  letter: LetterRecord,
  format: LetterFormat,
): Promise<Buffer> {
  const content = await letterContent(db, orgId, appeal, letter);
  return format === 'pdf' ? renderLetterPdf(content) : renderLetterDocx(content);
}

/**
 * «Образец письма» of «Бланк и подписи»: an answer letter on the organisation's current letterhead to a
 * made-up applicant (no personal data), numbered by the outgoing pattern as the first letter of the
 * year but not issued — no number is drawn, nothing is recorded. The executor is the caller.
 */
export async function renderSampleLetter(
  db: Queryable,
  orgId: string,
  callerId: string,
  now: number,
): Promise<Buffer> {
  const [rules, letterhead, executor] = await Promise.all([
    loadOrgRules(db, orgId),
    loadLetterhead(db, orgId),
    official(db, orgId, callerId),
  ]);
  const outgoingNumber = formatOutgoingNumber(letterhead.outgoingPattern, yearIn(rules.timeZone, now), 1);
  const appeal = {
    applicant: {
      name: {
        lastName: t('ru', 'letterhead:sample.lastName'),
        firstName: t('ru', 'letterhead:sample.firstName'),
        patronymic: t('ru', 'letterhead:sample.patronymic'),
      },
      contacts: { postalAddress: t('ru', 'letterhead:sample.address') },
    },
    registrationNumber: t('ru', 'letterhead:sample.registrationNumber'),
    registeredAt: now,
  };
  const content = composeLetter({
    appeal,
    letter: { kind: 'answer', outgoingNumber, issuedAt: now },
    letterhead: executor.phone ? { ...letterhead, executorPhone: executor.phone } : letterhead,
    timeZone: rules.timeZone,
    answerText: [t('ru', 'letterhead:sample.paragraph1'), t('ru', 'letterhead:sample.paragraph2')].join(
      '\n\n',
    ),
    executorName: executor.name,
  });
  return renderLetterPdf(content);
}
