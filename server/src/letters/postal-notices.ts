/**
 * Notices that reach an applicant outside a chat (issue 10, «Notices reach every applicant»), and
 * outgoing numbers of postal and e-mail answers.
 *
 * A round reads each organisation's appeals and messages changed since its cursor (`letter_cursors`,
 * migration 420; seq order is commit order per organisation, so nothing is skipped):
 * - an appeal not filed through the bot whose notice route (shared/model/notice-route.ts) is `post` or
 *   `email` gets its extension, forwarding and art. 11 notice letters issued (outgoing number drawn,
 *   ./issue.ts) and sent:
 *   - `post` — queued for «Печать и отправка почтой»: a thread message of route `post`, pending with
 *     `postalPrintRequired`, which staff print and mark mailed as they do postal answers;
 *   - `email` — mailed through the outbox: a thread message of route `email` (its delivery status
 *     shows whether the mail went) and its outbox row, the notice's text with the letter's PDF on the
 *     letterhead attached, from the e-mail conversation's mailbox and in its thread when the appeal
 *     came by e-mail, else from the organisation's mailbox;
 *   an extension's `noticeQueuedAt` is set, so the desktop stops saying the notice is yet to come;
 * - a staff answer sent by post or e-mail on a registered appeal gets its answer letter issued.
 * Chat applicants are told by the bot's notices (../bot/notices.ts). Everything of a round, cursor
 * included, is one transaction per organisation, the cursor row locked SKIP LOCKED.
 */
import type pg from 'pg';
import type { Appeal } from '../../../shared/model/appeal';
import { postalPrintRequired } from '../../../shared/model/conversation';
import type { LetterKind } from '../../../shared/model/letter';
import { noticeRoute } from '../../../shared/model/notice-route';
import { loadOrgRules } from '../appeals/registration';
import { editAppeal } from '../appeals/store';
import { t } from '../bot/texts';
import { inTransaction, type Queryable } from '../db/pool';
import { messageAudit, messageDoc, messageScope } from '../intake/messages';
import { writeIntake } from '../intake/store';
import { PeriodicJob } from '../jobs/periodic';
import { enqueue } from '../outbox/store';
import type { OutboxAttachment } from '../outbox/types';
import { composeLetter, type LetterContent, letterDate } from './compose';
import { issueLetter } from './issue';
import { loadLetterhead } from './letterhead';
import { renderLetter } from './render';

type Doc = Record<string, unknown>;

const batch = 200;

type NoticeKind = Extract<LetterKind, 'extension' | 'forwarding' | 'art11'>;

/** The routes this job carries; a chat is the bot's, `manual` nobody's. */
type LetterRoute = 'post' | 'email';

/**
 * The notices the appeal's state calls for that the post or e-mail carries, with the route: the
 * extension until its notice is queued, forwarding and an art. 11 outcome (but not «no_answer»:
 * 59-FZ art. 11 p. 1 — the applicant gave no name or address to answer). Chat applicants are told
 * by the bot.
 */
async function noticesDue(
  tx: Queryable,
  orgId: string,
  appeal: Doc,
): Promise<{ route: LetterRoute; kinds: NoticeKind[] } | null> {
  if (appeal._deleted === true) return null;
  const route = noticeRoute(appeal as unknown as Appeal);
  if (route !== 'post' && route !== 'email') return null;
  const extension = appeal.extension as { noticeQueuedAt?: number | null } | null;
  const kinds: NoticeKind[] = [];
  if (extension && extension.noticeQueuedAt == null) kinds.push('extension');
  if (appeal.forwardedTo) kinds.push('forwarding');
  if (appeal.art11Outcome && appeal.art11Outcome !== 'no_answer') kinds.push('art11');
  if (kinds.length === 0) return null;
  const filing = await tx.query('SELECT 1 FROM bot_filings WHERE org_id = $1 AND appeal_id = $2', [
    orgId,
    appeal.id,
  ]);
  return filing.rowCount === 0 ? { route, kinds } : null;
}

/** Where a mailed notice goes: the sending mailbox ('' = the organisation's) and the address. */
async function mailTarget(
  tx: Queryable,
  orgId: string,
  appeal: Doc,
): Promise<{ accountId: string; address: string } | null> {
  const conversationId = typeof appeal.conversationId === 'string' ? appeal.conversationId : '';
  const conversation = conversationId
    ? await tx.query<{ channel: string | null; account: string | null; peer: string | null }>(
        `SELECT doc->>'channel' AS channel, doc->'peer'->>'communityId' AS account,
                coalesce(doc->'peer'->>'userId', doc->'peer'->>'chatId') AS peer
           FROM sync_conversations WHERE org_id = $1 AND id = $2`,
        [orgId, conversationId],
      )
    : null;
  const mailConversation = conversation?.rows[0]?.channel === 'email' ? conversation.rows[0] : null;
  const contacts = (appeal.applicant as { contacts?: { email?: string | null } } | undefined)?.contacts;
  const address = (contacts?.email ?? '').trim() || (mailConversation?.peer ?? '').trim();
  if (!address) return null;
  return { accountId: mailConversation?.account ?? '', address };
}

/** The notice letter as the PDF attached to its e-mail. */
async function noticeAttachment(
  tx: Queryable,
  orgId: string,
  appeal: Doc,
  letter: Awaited<ReturnType<typeof issueLetter>>['letter'],
  content: LetterContent,
): Promise<OutboxAttachment> {
  const pdf = await renderLetter(tx, orgId, appeal, letter, 'pdf');
  return {
    name: `${content.title} ${letter.outgoingNumber}.pdf`.replace(/[/\\]/g, '-'),
    mimeType: 'application/pdf',
    contentBase64: pdf.toString('base64'),
  };
}

/**
 * Issues the notice and sends it by its route: written into the appeal's thread for printing, or
 * mailed with the letter attached. An extension is marked queued on the appeal. A notice already
 * carried by a thread message (an earlier round) is not sent again.
 */
async function queueNotice(
  tx: Queryable,
  orgId: string,
  appeal: Doc,
  kind: NoticeKind,
  route: LetterRoute,
  now: number,
): Promise<void> {
  const appealId = String(appeal.id);
  const mail = route === 'email' ? await mailTarget(tx, orgId, appeal) : null;
  if (route === 'email' && !mail) return;
  const { letter, issued } = await issueLetter(tx, { orgId, appealId, kind, now });
  if (!issued && letter.messageId !== '') return;
  const [rules, letterhead] = await Promise.all([loadOrgRules(tx, orgId), loadLetterhead(tx, orgId)]);
  const content = composeLetter({ appeal, letter, letterhead, timeZone: rules.timeZone });
  const heading = t('ru', 'letters:thread.notice', {
    title: content.title,
    number: letter.outgoingNumber,
    date: letterDate(letter.issuedAt, rules.timeZone),
  });
  const conversationId = typeof appeal.conversationId === 'string' ? appeal.conversationId : '';
  const paragraphs = [heading, ...content.paragraphs];
  if (mail) paragraphs.push(t('ru', 'letters:thread.attached'));
  const doc: Doc = {
    ...messageDoc(
      {
        orgId,
        conversationId,
        appealId,
        direction: 'out',
        author: {
          kind: 'bot',
          displayName: t('ru', mail ? 'letters:thread.authorEmail' : 'letters:thread.author'),
        },
        text: paragraphs.join('\n\n'),
        createdAt: now,
      },
      now,
    ),
    replyVia: route,
    deliveryError: mail ? null : postalPrintRequired,
  };
  await writeIntake(tx, orgId, {
    message: { doc, departmentIds: await messageScope(tx, orgId, conversationId, appealId) },
    audit: [messageAudit(doc, { source: 'letters', kind, letterId: letter.id })],
  });
  await tx.query('UPDATE letters SET message_id = $3 WHERE org_id = $1 AND id = $2', [
    orgId,
    letter.id,
    doc.id,
  ]);
  if (mail) {
    // The outbox row drives the thread message's delivery status; the answers trigger leaves bot
    // messages alone, so this row is the only one.
    await enqueue(tx, {
      orgId,
      network: 'email',
      accountId: mail.accountId,
      peerId: mail.address,
      kind: 'notice',
      text: String(doc.text),
      attachments: [
        await noticeAttachment(tx, orgId, appeal, { ...letter, messageId: String(doc.id) }, content),
      ],
      messageId: String(doc.id),
      appealId,
    });
  }
  if (kind !== 'extension') return;
  await editAppeal(
    tx,
    orgId,
    appealId,
    (stored) => {
      const extension = stored.extension as Doc | null;
      if (!extension || extension.noticeQueuedAt != null) return null;
      return { set: { extension: { ...extension, noticeQueuedAt: now } } };
    },
    { rule: 'afterPrevious', now },
  );
}

/** Issues the answer letter of a postal or e-mail staff answer of a registered appeal. */
async function issueAnswerLetter(tx: Queryable, orgId: string, message: Doc, now: number): Promise<void> {
  const author = message.author as { kind?: string } | undefined;
  if (message.direction !== 'out' || author?.kind !== 'staff' || message._deleted === true) return;
  if (message.replyVia !== 'post' && message.replyVia !== 'email') return;
  const appeal = await tx.query(
    "SELECT 1 FROM sync_appeals WHERE org_id = $1 AND id = $2 AND doc->>'registrationNumber' IS NOT NULL",
    [orgId, message.appealId],
  );
  if (appeal.rowCount === 0) return;
  await issueLetter(tx, {
    orgId,
    appealId: String(message.appealId),
    kind: 'answer',
    messageId: String(message.id),
    now,
  });
}

/** One organisation's round; returns how many changed documents it read. */
async function roundOf(db: pg.Pool, orgId: string, now: () => number): Promise<number> {
  return inTransaction(db, async (tx) => {
    await tx.query('INSERT INTO letter_cursors (org_id) VALUES ($1) ON CONFLICT DO NOTHING', [orgId]);
    const cursor = await tx.query<{ appeal_seq: string; message_seq: string }>(
      'SELECT appeal_seq, message_seq FROM letter_cursors WHERE org_id = $1 FOR UPDATE SKIP LOCKED',
      [orgId],
    );
    const at = cursor.rows[0];
    if (!at) return 0;
    const appeals = await tx.query<{ seq: string; doc: Doc }>(
      'SELECT seq, doc FROM sync_appeals WHERE org_id = $1 AND seq > $2 ORDER BY seq LIMIT $3',
      [orgId, at.appeal_seq, batch],
    );
    const messages = await tx.query<{ seq: string; doc: Doc }>(
      'SELECT seq, doc FROM sync_messages WHERE org_id = $1 AND seq > $2 ORDER BY seq LIMIT $3',
      [orgId, at.message_seq, batch],
    );
    for (const row of appeals.rows) {
      const due = await noticesDue(tx, orgId, row.doc);
      for (const kind of due?.kinds ?? []) await queueNotice(tx, orgId, row.doc, kind, due!.route, now());
    }
    for (const row of messages.rows) await issueAnswerLetter(tx, orgId, row.doc, now());
    // The notice's own writes have newer seqs: the next round reads them and finds nothing to do.
    await tx.query('UPDATE letter_cursors SET appeal_seq = $2, message_seq = $3 WHERE org_id = $1', [
      orgId,
      appeals.rows.at(-1)?.seq ?? at.appeal_seq,
      messages.rows.at(-1)?.seq ?? at.message_seq,
    ]);
    return appeals.rows.length + messages.rows.length;
  });
}

/** One round over every organisation; returns how many changed documents it read. */
async function runLetterRound(db: pg.Pool, now: () => number = Date.now): Promise<number> {
  const organisations = await db.query<{ id: string }>('SELECT id FROM organisations');
  let read = 0;
  for (const { id } of organisations.rows) read += await roundOf(db, id, now);
  return read;
}

/** Runs letter rounds until stopped: at once again while a round found work, else every `intervalMs`. */
export class LetterJob extends PeriodicJob {
  constructor(
    db: pg.Pool,
    options: {
      intervalMs?: number;
      now?: () => number;
      log?: { error(obj: object, msg: string): void };
    } = {},
  ) {
    super(() => runLetterRound(db, options.now), {
      nextDelayMs: (read) => (read ? 0 : (options.intervalMs ?? 1000)),
      failure: 'letter round failed',
      ...(options.log ? { log: options.log } : {}),
    });
  }
}
