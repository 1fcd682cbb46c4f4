/**
 * The citizen's «Помог ли ответ?» (issue 14). Once an appeal is answered and its staff answer reached
 * a chat (the outbox settled it `sent`) a while ago, the bot asks once per appeal with three buttons (Telegram: an inline keyboard whose
 * callback data is the command; VK, MAX, OK: their buttons' payload). A press is recorded once —
 * in `quality_verdicts` and on the appeal (`verdict`, through the appeals' one server writer, so the
 * desktops pull it); a second press is thanked and ignored. After «Частично» or «Нет» the citizen's
 * next message in that chat, within {@link commentWindowMs}, is the verdict's comment (it also stays
 * in the appeal's thread). «Нет» puts the appeal in the supervisors' list «Ответ не помог»
 * (./decisions.ts), who decide; nothing reopens by itself.
 */
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { type CitizenVerdict, citizenVerdicts, type SocialNetwork } from '../../../shared/model/vocabulary';
import { type BotLanguage, t } from '../bot/texts';
import { sendToChat } from '../bot/thread';
import type { BotInput, BotReply } from '../bot/types';
import { inTransaction, type Queryable } from '../db/pool';
import { PeriodicJob } from '../jobs/periodic';
import type { Keyboard } from '../outbox/types';
import { askByEmail, type VerdictLinks } from './verdict-email';
import { storeVerdictOnAppeal } from './verdict-store';

/** How long after «Частично»/«Нет» the citizen's next message is taken as the verdict's comment. */
const commentWindowMs = 30 * 60_000;

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

interface DueQuestion {
  org_id: string;
  appeal_id: string;
  network: SocialNetwork;
  account_id: string;
  peer_id: string;
  conversation_id: string;
}

/**
 * The appeals to ask now: answered or closed, whose staff answer reached a chat at least `delayMs`
 * ago (within two weeks), never asked, and whose chat is not in the middle of a bot dialogue (the
 * question never cuts into a filing). The latest answer's chat is asked.
 */
async function dueQuestions(db: Queryable, delayMs: number): Promise<DueQuestion[]> {
  const due = await db.query<DueQuestion>(
    `SELECT DISTINCT ON (o.org_id, o.appeal_id) o.org_id, o.appeal_id, o.network, o.account_id, o.peer_id,
            a.conversation_id
       FROM outbox_messages o
       JOIN sync_appeals a ON a.org_id = o.org_id AND a.id = o.appeal_id
      WHERE o.kind = 'answer' AND o.status IN ('sent', 'delivered')
        AND o.network IN ('vk', 'ok', 'telegram', 'max')
        AND o.sent_at <= now() - make_interval(secs => $1 / 1000.0)
        AND o.sent_at > now() - interval '14 days'
        AND a.doc->>'status' IN ('answered', 'closed')
        AND NOT EXISTS (SELECT 1 FROM quality_verdicts v WHERE v.org_id = o.org_id AND v.appeal_id = o.appeal_id)
        AND NOT EXISTS (SELECT 1 FROM bot_sessions s
                         WHERE s.network = o.network AND s.account_id = o.account_id AND s.peer_id = o.peer_id
                           AND s.state <> 'idle')
      ORDER BY o.org_id, o.appeal_id, o.sent_at DESC
      LIMIT 100`,
    [delayMs],
  );
  return due.rows;
}

/** Asks one appeal's chat «Помог ли ответ?» (a bot message in the appeal's thread), once. */
async function ask(tx: Queryable, due: DueQuestion, now: number): Promise<boolean> {
  const code = randomBytes(8).toString('hex');
  const asked = await tx.query(
    `INSERT INTO quality_verdicts (org_id, appeal_id, code, asked_via, chat_network, chat_account, chat_peer)
     VALUES ($1, $2, $3, 'chat', $4, $5, $6)
     ON CONFLICT (org_id, appeal_id) DO NOTHING`,
    [due.org_id, due.appeal_id, code, due.network, due.account_id, due.peer_id],
  );
  if ((asked.rowCount ?? 0) === 0) return false;
  const session = await tx.query<{ language: string }>(
    'SELECT language FROM bot_sessions WHERE network = $1 AND account_id = $2 AND peer_id = $3',
    [due.network, due.account_id, due.peer_id],
  );
  const language: BotLanguage = session.rows[0]?.language === 'en' ? 'en' : 'ru';
  await sendToChat(
    tx,
    {
      orgId: due.org_id,
      network: due.network,
      accountId: due.account_id,
      peerId: due.peer_id,
      kind: 'bot',
      text: t(language, 'quality:verdict.question'),
      keyboard: verdictKeyboard(language, code),
      appealId: due.appeal_id,
    },
    due.conversation_id ? { conversationId: due.conversation_id, appealId: due.appeal_id } : null,
    now,
  );
  return true;
}

/**
 * «Помог ли ответ?» asked by a periodic round (started with the bot's other jobs): each due appeal
 * in its own transaction; `onAsked` wakes the outbox. The delay lets the answer (and its letter) be
 * read first; tests shorten it (`setDelay`), the server takes OKNO_VERDICT_DELAY_SECONDS.
 */
export class VerdictJob {
  private readonly job: PeriodicJob;

  constructor(
    private readonly db: pg.Pool,
    private delayMs: number,
    options: {
      onAsked?: () => void;
      now?: () => number;
      /** Also ask by a letter after a mailed answer (./verdict-email.ts), with these links. */
      email?: VerdictLinks;
      log?: { error(obj: object, msg: string): void };
    } = {},
  ) {
    const now = options.now ?? Date.now;
    this.job = new PeriodicJob(
      async () => {
        let asked = 0;
        for (const due of await dueQuestions(this.db, this.delayMs)) {
          if (await inTransaction(this.db, (tx) => ask(tx, due, now()))) asked++;
        }
        if (options.email)
          asked += await askByEmail(
            this.db,
            (work) => inTransaction(this.db, work),
            this.delayMs,
            options.email,
            now(),
          );
        if (asked > 0) options.onAsked?.();
        return asked;
      },
      {
        nextDelayMs: () => roundMs,
        failure: 'verdict questions round failed',
        ...(options.log ? { log: options.log } : {}),
      },
    );
  }

  setDelay(ms: number): void {
    this.delayMs = ms;
  }

  start(): void {
    this.job.start();
  }

  stop(): Promise<void> {
    return this.job.stop();
  }
}

const roundMs = 1000;

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
  await storeVerdictOnAppeal(tx, input.orgId, appealId, value, null, now, 'chat');
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
  await storeVerdictOnAppeal(tx, input.orgId, appealId, value, comment, now, 'chat');
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
