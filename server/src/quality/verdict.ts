/**
 * The citizen's «Помог ли ответ?» (issue 14). After a staff answer reached a chat (the outbox settled
 * it `sent`), the bot asks once per appeal with three buttons (Telegram: an inline keyboard whose
 * callback data is the command; VK, MAX, OK: their buttons' payload). A press is recorded once —
 * in `quality_verdicts` and on the appeal (`verdict`, through the appeals' one server writer, so the
 * desktops pull it); a second press is thanked and ignored. After «Частично» or «Нет» the citizen's
 * next message in that chat, within {@link commentWindowMs}, is the verdict's comment (it also stays
 * in the appeal's thread). «Нет» puts the appeal in the supervisors' list «Ответ не помог»
 * (./decisions.ts), who decide; nothing reopens by itself.
 */
import { randomBytes } from 'node:crypto';
import { type CitizenVerdict, citizenVerdicts, type SocialNetwork } from '../../../shared/model/vocabulary';
import { editAppeal } from '../appeals/store';
import { type BotLanguage, t } from '../bot/texts';
import { sendToChat } from '../bot/thread';
import type { BotInput, BotReply } from '../bot/types';
import type { Queryable } from '../db/pool';
import type { ClaimedMessage, Keyboard } from '../outbox/types';

/** How long after «Частично»/«Нет» the citizen's next message is taken as the verdict's comment. */
const commentWindowMs = 30 * 60_000;

const socialNetworks: readonly string[] = ['vk', 'ok', 'telegram', 'max'];
const shortValue: Record<CitizenVerdict, string> = { yes: 'y', partly: 'p', no: 'n' };

/** The button command of one verdict: `q:<code>:<y|p|n>` (fits Telegram's callback data and VK's payload). */
export const verdictCommand = (code: string, value: CitizenVerdict) => `q:${code}:${shortValue[value]}`;

/** The code and verdict a button command carries, or null when it is no verdict button. */
export function parseVerdictCommand(
  command: string | null | undefined,
): { code: string; value: CitizenVerdict } | null {
  const match = /^q:([0-9a-f]{16}):([ypn])$/.exec(command ?? '');
  if (!match) return null;
  const value = citizenVerdicts.find((v) => shortValue[v] === match[2]);
  return value ? { code: match[1]!, value } : null;
}

export function verdictKeyboard(language: BotLanguage, code: string): Keyboard {
  return {
    inline: true,
    buttons: [
      citizenVerdicts.map((value) => ({
        label: t(language, `quality:verdict.${value}`),
        command: verdictCommand(code, value),
      })),
    ],
  };
}

/**
 * Called in the settle transaction of a sent outbox row: when it is a staff answer into a chat and
 * the appeal was never asked, asks «Помог ли ответ?» there (a bot message in the appeal's thread).
 */
export async function askVerdict(tx: Queryable, message: ClaimedMessage, now = Date.now()): Promise<void> {
  if (message.kind !== 'answer' || !message.appealId || !socialNetworks.includes(message.network)) return;
  const code = randomBytes(8).toString('hex');
  const asked = await tx.query<{ conversation_id: string }>(
    `INSERT INTO quality_verdicts (org_id, appeal_id, code, asked_via, chat_network, chat_account, chat_peer)
     SELECT a.org_id, a.id, $3, 'chat', $4, $5, $6 FROM sync_appeals a WHERE a.org_id = $1 AND a.id = $2
     ON CONFLICT (org_id, appeal_id) DO NOTHING
     RETURNING (SELECT conversation_id FROM sync_appeals WHERE org_id = $1 AND id = $2) AS conversation_id`,
    [message.orgId, message.appealId, code, message.network, message.accountId, message.peerId],
  );
  const row = asked.rows[0];
  if (!row) return;
  const session = await tx.query<{ language: string }>(
    'SELECT language FROM bot_sessions WHERE network = $1 AND account_id = $2 AND peer_id = $3',
    [message.network, message.accountId, message.peerId],
  );
  const language: BotLanguage = session.rows[0]?.language === 'en' ? 'en' : 'ru';
  await sendToChat(
    tx,
    {
      orgId: message.orgId,
      network: message.network as SocialNetwork,
      accountId: message.accountId,
      peerId: message.peerId,
      kind: 'bot',
      text: t(language, 'quality:verdict.question'),
      keyboard: verdictKeyboard(language, code),
      appealId: message.appealId,
    },
    row.conversation_id ? { conversationId: row.conversation_id, appealId: message.appealId } : null,
    now,
  );
}

/** Stores the verdict on the appeal (server-owned `verdict`), audited; the desktops pull it. */
async function storeOnAppeal(
  tx: Queryable,
  orgId: string,
  appealId: string,
  value: CitizenVerdict,
  comment: string | null,
  now: number,
): Promise<void> {
  await editAppeal(
    tx,
    orgId,
    appealId,
    (appeal) => {
      const before = (appeal.verdict as Record<string, unknown> | null | undefined) ?? null;
      const verdict = {
        value,
        comment,
        at: Number(before?.at ?? now),
        decision: null,
        decidedById: null,
        decidedAt: null,
      };
      return {
        set: { verdict },
        audit: {
          action: comment === null ? 'appeal.verdict' : 'appeal.verdictComment',
          fields: { verdict: { old: before?.value ?? null, new: value } },
          details: { via: 'chat' },
        },
      };
    },
    { rule: 'afterPrevious', now },
  );
}

/** A verdict typed or pressed as its label (MAX and OK buttons send their label as the message). */
function typedVerdict(text: string): CitizenVerdict | null {
  const said = text
    .trim()
    .toLowerCase()
    .replace(/[.!]+$/, '');
  return (
    citizenVerdicts.find((value) =>
      (['ru', 'en'] as const).some(
        (language) => t(language, `quality:verdict.${value}`).toLowerCase() === said,
      ),
    ) ?? null
  );
}

/** How long a chat's question stays open to an answer typed as a label. */
const typedAnswerWindowMs = 7 * 24 * 3600_000;

/**
 * A press of a verdict button — or, while the chat is idle, a question's label typed or sent by a
 * label button — recorded once and thanked; null when the input is no verdict.
 * (The dispatcher runs this before the wizard, so a verdict never reaches it.)
 */
export async function verdictPress(
  tx: Queryable,
  input: BotInput,
  language: BotLanguage,
  now: number,
  idle: boolean,
): Promise<BotReply[] | null> {
  const pressed = parseVerdictCommand(input.command);
  const typed = pressed || !idle || input.groupChat ? null : typedVerdict(input.text);
  if (!pressed && !typed) return null;
  const recorded = pressed
    ? await tx.query<{ appeal_id: string }>(
        `UPDATE quality_verdicts SET value = $3, answered_at = to_timestamp($4 / 1000.0)
          WHERE org_id = $1 AND code = $2 AND value IS NULL
          RETURNING appeal_id`,
        [input.orgId, pressed.code, pressed.value, now],
      )
    : await tx.query<{ appeal_id: string }>(
        `UPDATE quality_verdicts SET value = $5, answered_at = to_timestamp($6 / 1000.0)
          WHERE (org_id, appeal_id) = (
            SELECT org_id, appeal_id FROM quality_verdicts
             WHERE org_id = $1 AND chat_network = $2 AND chat_account = $3 AND chat_peer = $4 AND value IS NULL
               AND asked_at > to_timestamp($6 / 1000.0) - make_interval(secs => $7 / 1000.0)
             ORDER BY asked_at DESC LIMIT 1)
          RETURNING appeal_id`,
        [input.orgId, input.network, input.accountId, input.chatId, typed, now, typedAnswerWindowMs],
      );
  const value = (pressed?.value ?? typed) as CitizenVerdict;
  const appealId = recorded.rows[0]?.appeal_id;
  if (!appealId) return pressed ? [{ text: t(language, 'quality:verdict.already'), keyboard: null }] : null;
  await storeOnAppeal(tx, input.orgId, appealId, value, null, now);
  const thanks = value === 'yes' ? 'quality:verdict.thanks' : 'quality:verdict.thanksNo';
  return [{ text: t(language, thanks), keyboard: null }];
}

/** The appeal whose verdict comment this chat may still give (after «Частично»/«Нет», within the window). */
async function verdictCommentAppeal(
  tx: Queryable,
  chat: { orgId: string; network: string; accountId: string; chatId: string },
  now: number,
): Promise<string | null> {
  const found = await tx.query<{ appeal_id: string }>(
    `SELECT appeal_id FROM quality_verdicts
      WHERE org_id = $1 AND chat_network = $2 AND chat_account = $3 AND chat_peer = $4
        AND value IN ('partly', 'no') AND comment IS NULL
        AND answered_at > to_timestamp($5 / 1000.0) - make_interval(secs => $6 / 1000.0)
      ORDER BY answered_at DESC LIMIT 1`,
    [chat.orgId, chat.network, chat.accountId, chat.chatId, now, commentWindowMs],
  );
  return found.rows[0]?.appeal_id ?? null;
}

/** The citizen's message after «Частично»/«Нет»: the verdict's comment, thanked; null otherwise. */
export async function verdictComment(
  tx: Queryable,
  input: BotInput,
  language: BotLanguage,
  now: number,
): Promise<BotReply[] | null> {
  const text = input.text.trim();
  if (input.kind !== 'message' || text === '' || input.groupChat) return null;
  const appealId = await verdictCommentAppeal(
    tx,
    { orgId: input.orgId, network: input.network, accountId: input.accountId, chatId: input.chatId },
    now,
  );
  if (!appealId) return null;
  const comment = text.slice(0, 2000);
  const stored = await tx.query<{ value: CitizenVerdict }>(
    `UPDATE quality_verdicts SET comment = $3 WHERE org_id = $1 AND appeal_id = $2 AND comment IS NULL RETURNING value`,
    [input.orgId, appealId, comment],
  );
  const value = stored.rows[0]?.value;
  if (!value) return null;
  await storeOnAppeal(tx, input.orgId, appealId, value, comment, now);
  return [{ text: t(language, 'quality:verdict.commentThanks'), keyboard: null }];
}

/**
 * Where the intake puts a citizen's message while the verdict is asked: the verdict's label is
 * withheld (the bot answers it), a comment after «Частично»/«Нет» goes into the appeal's thread;
 * null: the verdict has nothing to say about it.
 */
export async function verdictPlacement(
  tx: Queryable,
  chat: { orgId: string; network: string; accountId: string; chatId: string },
  text: string,
  now: number,
): Promise<{ kind: 'withheld' } | { kind: 'appeal'; appealId: string } | null> {
  if (typedVerdict(text)) {
    const open = await tx.query(
      `SELECT 1 FROM quality_verdicts
        WHERE org_id = $1 AND chat_network = $2 AND chat_account = $3 AND chat_peer = $4 AND value IS NULL
          AND asked_at > to_timestamp($5 / 1000.0) - make_interval(secs => $6 / 1000.0)`,
      [chat.orgId, chat.network, chat.accountId, chat.chatId, now, typedAnswerWindowMs],
    );
    if ((open.rowCount ?? 0) > 0) return { kind: 'withheld' };
  }
  const appealId = await verdictCommentAppeal(tx, chat, now);
  return appealId ? { kind: 'appeal', appealId } : null;
}
