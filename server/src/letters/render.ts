/**
 * An issued letter rendered to a file: the appeal, letterhead, answer text and executor read from the
 * database, composed (./compose.ts) and laid out as PDF (./pdf.ts) or DOCX (./docx.ts).
 */
import type { LetterFormat, LetterRecord } from '../../../shared/model/letter';
import { loadOrgRules } from '../appeals/registration';
import type { Queryable } from '../db/pool';
import { composeLetter, type LetterContent } from './compose';
import { renderLetterDocx } from './docx';
import { loadLetterhead } from './letterhead';
import { renderLetterPdf } from './pdf';

type Doc = Record<string, unknown>;

export const letterMimeTypes: Record<LetterFormat, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

async function displayName(db: Queryable, orgId: string, userId: unknown): Promise<string> {
  if (typeof userId !== 'string' || userId === '') return '';
  const found = await db.query<{ name: string }>(
    "SELECT doc->>'displayName' AS name FROM sync_users WHERE org_id = $1 AND id = $2",
    [orgId, userId],
  );
  return found.rows[0]?.name ?? '';
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
  let executorName = await displayName(db, orgId, appeal.assigneeId);
  if (letter.kind === 'answer') {
    const message = await db.query<{ text: string; author: string }>(
      `SELECT doc->>'text' AS text, doc->'author'->>'displayName' AS author
         FROM sync_messages WHERE org_id = $1 AND id = $2`,
      [orgId, letter.messageId],
    );
    answerText = message.rows[0]?.text ?? '';
    executorName ||= message.rows[0]?.author ?? '';
  }
  return composeLetter({
    appeal,
    letter,
    letterhead,
    timeZone: rules.timeZone,
    ...(answerText !== undefined ? { answerText } : {}),
    executorName,
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
