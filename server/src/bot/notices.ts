/**
 * Notices to the citizen's chat when a bot-filed appeal changes: forwarding to another body,
 * extension (with the new deadline), an answer sent by e-mail or post, and closure. An answer into
 * the chat is its own message, with the answer letter attached (./answer-letter.ts): it is not
 * announced a second time (issue 11 defect 3). Registration is announced by the wizard itself.
 * Each notice is also written into the appeal's thread (./thread.ts), so officials see what the
 * citizen was told and whether it was delivered.
 *
 * Trigger: no cursor. Each `bot_filings` row remembers the appeal seq it last looked at and what
 * the citizen has been told (`notified`); a round takes filings whose appeal has a newer seq,
 * locked FOR UPDATE SKIP LOCKED, compares, enqueues the notices and moves the row on — all in one
 * transaction, so two processes never announce the same change twice, and a crash announces it
 * after the restart instead of never.
 */
import type pg from 'pg';
import { editAppeal } from '../appeals/store';
import { inTransaction, type Queryable } from '../db/pool';
import { PeriodicJob } from '../jobs/periodic';
import type { OutboxAttachment, OutboxNetwork } from '../outbox/types';
import { type NoticeSnapshot, snapshotOf } from './filing';
import { menuKeyboard } from './keyboards';
import { type BotLanguage, formatDate, t } from './texts';
import { sendToChat } from './thread';

interface FilingRow {
  org_id: string;
  appeal_id: string;
  network: OutboxNetwork;
  account_id: string;
  peer_id: string;
  registration_number: string;
  language: string;
  notified: Partial<NoticeSnapshot>;
  seq: string;
  doc: Record<string, unknown>;
  org_name: string;
}

/**
 * How the latest staff answer of the appeal goes to the citizen: `chat` (its own message in the chat,
 * with the answer letter attached, ./answer-letter.ts), `elsewhere` (e-mail or post), or null while
 * the answer message has not reached the server yet (a desktop pushes the message and the appeal
 * separately).
 */
async function answerRoute(
  db: Queryable,
  orgId: string,
  appealId: string,
): Promise<'chat' | 'elsewhere' | null> {
  const result = await db.query<{ via: string }>(
    `SELECT coalesce(doc->>'replyVia', 'channel') AS via FROM sync_messages
      WHERE org_id = $1 AND appeal_id = $2 AND doc->>'direction' = 'out' AND doc->'author'->>'kind' = 'staff'
        AND NOT coalesce((doc->>'_deleted')::boolean, false)
      ORDER BY (doc->>'createdAt')::bigint DESC LIMIT 1`,
    [orgId, appealId],
  );
  const via = result.rows[0]?.via;
  return via === undefined ? null : via === 'channel' ? 'chat' : 'elsewhere';
}

/** The notices due for one filing, in the order things happen. */
async function noticesFor(tx: Queryable, row: FilingRow) {
  const doc = row.doc;
  const lang: BotLanguage = row.language === 'en' ? 'en' : 'ru';
  const was = row.notified;
  const now = snapshotOf(doc);
  const number = row.registration_number;
  const notices: { text: string; attachments?: OutboxAttachment[] }[] = [];
  if (now.forwarded && !was.forwarded) {
    const body = (doc.forwardedTo as { bodyName?: string } | null)?.bodyName ?? '';
    notices.push({ text: t(lang, 'notice.forwarded', { number, body }) });
  }
  if (now.extended && !was.extended) {
    const extension = doc.extension as { days?: number; reason?: string };
    notices.push({
      text: t(lang, 'notice.extended', {
        number,
        days: extension.days ?? '',
        reason: extension.reason ?? '',
        deadline: formatDate(lang, doc.legalDeadline as string | null),
      }),
    });
  }
  // Defect 3 (issue 11): the answer is told once — by the staff message itself, which carries the
  // answer letter. Only an answer sent by e-mail or post is announced here; an answer whose message
  // has not arrived yet is looked at again with the appeal's next change.
  if (now.answered && !was.answered) {
    const route = await answerRoute(tx, row.org_id, row.appeal_id);
    if (route === 'elsewhere') notices.push({ text: t(lang, 'notice.answeredShort', { number }) });
    if (route === null) now.answered = false;
  }
  if (now.closed && !was.closed) {
    const result = doc.result ? t(lang, `domain:result.${doc.result}`) : t(lang, 'domain:status.closed');
    notices.push({ text: t(lang, 'notice.closed', { number, result }) });
  }
  return { notices, snapshot: now, lang };
}

/** Records on the appeal when the extension notice was queued (server-owned `noticeQueuedAt`). */
async function markExtensionNoticeQueued(tx: Queryable, orgId: string, appealId: string, at: number) {
  const marked = await editAppeal(
    tx,
    orgId,
    appealId,
    (doc) => {
      const extension = doc.extension as Record<string, unknown> | null | undefined;
      if (!extension || extension.noticeQueuedAt != null) return null;
      return { set: { extension: { ...extension, noticeQueuedAt: at } } };
    },
    { rule: 'afterPrevious', now: at },
  );
  return marked ? String(marked.seq) : null;
}

/** One round; returns how many filings it looked at. */
async function runNoticeRound(db: pg.Pool, limit = 50, onEnqueued?: () => void): Promise<number> {
  const { count, enqueued } = await inTransaction(db, async (tx) => {
    const rows = await tx.query<FilingRow>(
      `SELECT f.org_id, f.appeal_id, f.network, f.account_id, f.peer_id, f.registration_number, f.language,
              f.notified, a.seq, a.doc, o.name AS org_name
         FROM bot_filings f
         JOIN sync_appeals a ON a.org_id = f.org_id AND a.id = f.appeal_id
         JOIN organisations o ON o.id = f.org_id
        WHERE a.seq > f.notified_seq
        ORDER BY a.seq
        LIMIT $1
        FOR UPDATE OF f SKIP LOCKED`,
      [limit],
    );
    let enqueued = 0;
    for (const row of rows.rows) {
      const { notices, snapshot, lang } = await noticesFor(tx, row);
      const conversationId = typeof row.doc.conversationId === 'string' ? row.doc.conversationId : '';
      const thread = conversationId ? { conversationId, appealId: row.appeal_id } : null;
      for (const notice of notices) {
        await sendToChat(
          tx,
          {
            orgId: row.org_id,
            network: row.network,
            accountId: row.account_id,
            peerId: row.peer_id,
            kind: 'notice',
            text: notice.text,
            attachments: notice.attachments ?? [],
            keyboard: menuKeyboard(lang),
            appealId: row.appeal_id,
          },
          thread,
        );
        enqueued++;
      }
      let seq = row.seq;
      if (snapshot.extended && !row.notified.extended) {
        seq = (await markExtensionNoticeQueued(tx, row.org_id, row.appeal_id, Date.now())) ?? seq;
      }
      await tx.query(
        'UPDATE bot_filings SET notified_seq = $3, notified = $4 WHERE org_id = $1 AND appeal_id = $2',
        [row.org_id, row.appeal_id, seq, JSON.stringify(snapshot)],
      );
    }
    return { count: rows.rows.length, enqueued };
  });
  if (enqueued > 0) onEnqueued?.();
  return count;
}

/** Runs notice rounds until stopped: at once again while a round found work, else every `intervalMs`. */
export class NoticeJob extends PeriodicJob {
  constructor(
    db: pg.Pool,
    options: {
      intervalMs?: number;
      onEnqueued?: () => void;
      log?: { error(obj: object, msg: string): void };
    } = {},
  ) {
    super(() => runNoticeRound(db, 50, options.onEnqueued), {
      nextDelayMs: (count) => (count ? 0 : (options.intervalMs ?? 1000)),
      failure: 'notice round failed',
      ...(options.log ? { log: options.log } : {}),
    });
  }
}
