/**
 * One answer (issue 11 defect 3): a staff answer to a registered formal appeal reaches the citizen's
 * chat once — its text, with the answer letter (a PDF, ./answer-pdf.ts) carried by the same outbox
 * row where the network takes files from a bot (docs/CHANNELS.md, "One answer"). The notice job no
 * longer repeats the text as «Ответ на обращение №…» (./notices.ts).
 *
 * The outbox worker calls `withAnswerLetter` on every claimed row before sending (the composition
 * root, ./index.ts, hands it over: the outbox knows no bot). The rendered letter is stored in the
 * row, so a retried send carries the same bytes.
 *
 * The same letter is what «Копия ответа» sends on request (./after-filing.ts).
 */
import { socialNetworks } from '../../../shared/model/vocabulary';
import type { Queryable } from '../db/pool';
import type { ClaimedMessage, OutboxAttachment } from '../outbox/types';
import { type AnswerLetter, answerDocument } from './answer-pdf';
import type { BotLanguage } from './texts';

/**
 * Every social network's bot sends the letter as a file (Telegram sendDocument, VK docs upload, MAX
 * uploads, OK `fileUploadUrl`); an e-mail answer goes its own way.
 */
const isLetterNetwork = (network: string) => (socialNetworks as readonly string[]).includes(network);

type Doc = Record<string, unknown>;

interface LetterRow {
  appeal: Doc;
  message: Doc;
  org_name: string;
  language: string | null;
}

/** The applicant as the letter names them: the organisation, or the person's full name. */
function applicantOf(appeal: Doc): string {
  const kind = appeal.kind as { organisationName?: string | null } | undefined;
  if (kind?.organisationName) return kind.organisationName;
  const name = (appeal.applicant as { name?: Record<string, string | null> } | undefined)?.name;
  return [name?.lastName, name?.firstName, name?.patronymic].filter(Boolean).join(' ');
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

function letterOf(row: LetterRow): AnswerLetter | null {
  const { appeal, message } = row;
  if (appeal.regime !== 'formal' || typeof appeal.registrationNumber !== 'string') return null;
  if (!isTheAnswer(appeal, message)) return null;
  const author = message.author as { displayName?: string } | undefined;
  const lang: BotLanguage = row.language === 'en' ? 'en' : 'ru';
  return {
    lang,
    orgName: row.org_name,
    number: appeal.registrationNumber,
    applicant: applicantOf(appeal),
    official: author?.displayName ?? '',
    text: String(message.text ?? ''),
    answeredAt: Number(message.createdAt),
  };
}

const letterQuery = `
  SELECT a.doc AS appeal, m.doc AS message, o.name AS org_name, f.language
    FROM sync_appeals a
    JOIN organisations o ON o.id = a.org_id
    JOIN sync_messages m ON m.org_id = a.org_id AND m.appeal_id = a.id
    LEFT JOIN bot_filings f ON f.org_id = a.org_id AND f.appeal_id = a.id
   WHERE a.org_id = $1 AND a.id = $2
     AND m.doc->>'direction' = 'out' AND m.doc->'author'->>'kind' = 'staff'
     AND NOT coalesce((m.doc->>'_deleted')::boolean, false)`;

/** The letter of one staff message of the appeal; null when the appeal is not a registered formal one. */
async function letterOfMessage(
  db: Queryable,
  orgId: string,
  appealId: string,
  messageId: string,
): Promise<AnswerLetter | null> {
  const result = await db.query<LetterRow>(`${letterQuery} AND m.id = $3`, [orgId, appealId, messageId]);
  const row = result.rows[0];
  return row ? letterOf(row) : null;
}

/**
 * The letter of the appeal's answer (its latest staff message up to the answer, whatever its route:
 * a copy of a letter sent by post or e-mail is as good); null when there is none.
 */
export async function latestAnswerLetter(
  db: Queryable,
  orgId: string,
  appealId: string,
): Promise<AnswerLetter | null> {
  const result = await db.query<LetterRow>(
    `${letterQuery}
        AND (m.doc->>'createdAt')::bigint <= coalesce((a.doc->>'answeredAt')::bigint, 9007199254740991)
      ORDER BY (m.doc->>'createdAt')::bigint DESC LIMIT 1`,
    [orgId, appealId],
  );
  const row = result.rows[0];
  return row ? letterOf(row) : null;
}

/**
 * The claimed row with its answer letter attached, when it is a staff answer to a registered formal
 * appeal going to a network that takes files and carries no document yet; otherwise the row as it is.
 */
export async function withAnswerLetter(db: Queryable, message: ClaimedMessage): Promise<ClaimedMessage> {
  if (
    message.kind !== 'answer' ||
    !isLetterNetwork(message.network) ||
    !message.appealId ||
    !message.messageId ||
    message.attachments.length > 0
  )
    return message;
  const letter = await letterOfMessage(db, message.orgId, message.appealId, message.messageId);
  if (!letter) return message;
  const attachments: OutboxAttachment[] = [await answerDocument(letter)];
  await db.query(`UPDATE outbox_messages SET attachments = $2 WHERE id = $1`, [
    message.id,
    JSON.stringify(attachments),
  ]);
  return { ...message, attachments };
}
