/**
 * One answer (issue 11 defect 3): a staff answer to a registered formal appeal reaches the citizen's
 * chat once — its text, with the official answer letter (issue 10: the organisation's letterhead and
 * an outgoing number, ../letters/) as a PDF carried by the same outbox row where the network takes
 * files from a bot (docs/CHANNELS.md, "One answer").
 *
 * The outbox worker calls `withAnswerLetter` on every claimed row before sending (the composition
 * root, ./index.ts, hands it over: the outbox knows no bot). The letter is issued then — its outgoing
 * number drawn once, ../letters/issue.ts — and rendered by the letters renderer; the PDF is stored in
 * the row, so a retried send carries the same bytes.
 *
 * The same letter is what «Копия ответа» sends on request (./wizard/after-filing.ts).
 */
import type pg from 'pg';
import { emailAnswerLetterAllowanceBytes } from '../../../shared/model/answer-files';
import type { LetterRecord } from '../../../shared/model/letter';
import { socialNetworks } from '../../../shared/model/vocabulary';
import { inTransaction, type Queryable } from '../db/pool';
import { issueLetter } from '../letters/issue';
import { renderLetter } from '../letters/render';
import type { ClaimedMessage, OutboxAttachment } from '../outbox/types';
import { type BotLanguage, t } from './texts';

/**
 * Every social network's bot sends the letter as a file (Telegram sendDocument, VK docs upload, MAX
 * uploads, OK `fileUploadUrl`), and an e-mail answer carries it as an attachment beside the
 * official's files (issue 10), in the room the shared rule keeps for it within the e-mail limit
 * (shared/model/answer-files.ts `emailAnswerLetterAllowanceBytes`).
 */
const isLetterNetwork = (network: string) =>
  network === 'email' || (socialNetworks as readonly string[]).includes(network);

type Doc = Record<string, unknown>;

/** The decoded size of an attachment carried as base64. */
const letterBytes = (attachment: OutboxAttachment) => Buffer.byteLength(attachment.contentBase64, 'base64');

interface AnswerRow {
  appeal: Doc;
  message: Doc;
}

/** An answer the citizen gets the letter of: the appeal, the staff message and the appeal's number. */
export interface AnswerOf {
  appeal: Doc;
  messageId: string;
  number: string;
}

/**
 * The answer on the merits is the staff message written with the `answer` action (the desktop gives
 * both the same instant); one written after the appeal was answered is a follow-up message, not a
 * letter. An answer whose appeal update has not arrived yet (answeredAt still null) is the answer.
 */
const isTheAnswer = (appeal: Doc, message: Doc) =>
  appeal.answeredAt === null ||
  appeal.answeredAt === undefined ||
  Number(message.createdAt) <= Number(appeal.answeredAt);

function answerOf(row: AnswerRow): AnswerOf | null {
  const { appeal, message } = row;
  if (appeal.regime !== 'formal' || typeof appeal.registrationNumber !== 'string') return null;
  if (!isTheAnswer(appeal, message)) return null;
  return { appeal, messageId: String(message.id), number: appeal.registrationNumber };
}

const answerQuery = `
  SELECT a.doc AS appeal, m.doc AS message
    FROM sync_appeals a
    JOIN sync_messages m ON m.org_id = a.org_id AND m.appeal_id = a.id
   WHERE a.org_id = $1 AND a.id = $2
     AND m.doc->>'direction' = 'out' AND m.doc->'author'->>'kind' = 'staff'
     AND NOT coalesce((m.doc->>'_deleted')::boolean, false)`;

/**
 * The appeal's answer (its latest staff message up to the answer, whatever its route: a copy of a
 * letter sent by post or e-mail is as good); null when there is none or the appeal is not a
 * registered formal one.
 */
export async function latestAnswer(db: Queryable, orgId: string, appealId: string): Promise<AnswerOf | null> {
  const result = await db.query<AnswerRow>(
    `${answerQuery}
        AND (m.doc->>'createdAt')::bigint <= coalesce((a.doc->>'answeredAt')::bigint, 9007199254740991)
      ORDER BY (m.doc->>'createdAt')::bigint DESC LIMIT 1`,
    [orgId, appealId],
  );
  const row = result.rows[0];
  return row ? answerOf(row) : null;
}

/** The answer's letter, issued now (its outgoing number drawn) or found issued before. Call in a transaction. */
async function issuedLetterOf(tx: Queryable, orgId: string, answer: AnswerOf): Promise<LetterRecord> {
  const { letter } = await issueLetter(tx, {
    orgId,
    appealId: String(answer.appeal.id),
    kind: 'answer',
    messageId: answer.messageId,
    now: Date.now(),
  });
  return letter;
}

/**
 * The answer letter as the chat's document: the official letter (Russian, on the letterhead) named
 * in the citizen's language. Call inside a transaction.
 */
export async function answerDocument(
  tx: Queryable,
  orgId: string,
  answer: AnswerOf,
  lang: BotLanguage,
): Promise<OutboxAttachment> {
  const letter = await issuedLetterOf(tx, orgId, answer);
  const pdf = await renderLetter(tx, orgId, answer.appeal, letter, 'pdf');
  return {
    name: t(lang, 'notice.answerFileName', { number: answer.number }).replace(/[/\\]/g, '-'),
    mimeType: 'application/pdf',
    contentBase64: pdf.toString('base64'),
  };
}

/**
 * The claimed row with its answer letter attached, when it is a staff answer to a registered formal
 * appeal going to a network that takes files and carries no document yet; otherwise the row as it is.
 */
export async function withAnswerLetter(db: pg.Pool, message: ClaimedMessage): Promise<ClaimedMessage> {
  if (
    message.kind !== 'answer' ||
    !isLetterNetwork(message.network) ||
    !message.appealId ||
    !message.messageId ||
    message.attachments.length > 0
  )
    return message;
  const { appealId, messageId } = message;
  const attachments = await inTransaction(db, async (tx) => {
    const result = await tx.query<AnswerRow & { language: string | null }>(
      `SELECT q.*, f.language FROM (${answerQuery} AND m.id = $3) q
         LEFT JOIN bot_filings f ON f.org_id = $1 AND f.appeal_id = $2`,
      [message.orgId, appealId, messageId],
    );
    const row = result.rows[0];
    const answer = row ? answerOf(row) : null;
    if (!answer) return null;
    const lang: BotLanguage = row?.language === 'en' ? 'en' : 'ru';
    const letter = await answerDocument(tx, message.orgId, answer, lang);
    // A letterhead whose logo makes the PDF outgrow its room in an e-mail: the mail goes without it
    // (the relay would refuse it whole); the letter stays printable from the desktop.
    if (message.network === 'email' && letterBytes(letter) > emailAnswerLetterAllowanceBytes) {
      console.warn('okno: the answer letter is too large for an e-mail; sent without it');
      return null;
    }
    const documents = [letter];
    await tx.query('UPDATE outbox_messages SET attachments = $2 WHERE id = $1', [
      message.id,
      JSON.stringify(documents),
    ]);
    return documents;
  });
  return attachments ? { ...message, attachments } : message;
}
