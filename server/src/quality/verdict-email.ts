/**
 * «Помог ли ответ?» by e-mail (issue 14). Once an answer was mailed to the citizen (the outbox settled
 * its `email` row `sent`) a while ago and the appeal is answered or closed, one follow-up letter goes
 * in the same thread (a bot message of the appeal's conversation, so the outbox threads it by
 * In-Reply-To / References): the question with three links — Да / Частично / Нет — to the small page
 * of ./verdict-page.ts, and the offer to simply reply with one word. Asked once per appeal (the
 * `quality_verdicts` row, shared with the chats).
 *
 * The link's token is signed (HMAC-SHA256 with a key derived from the server's token secret) and
 * names the organisation, the appeal, the recipient (a hash of the address) and its expiry; only the
 * token's SHA-256 is stored, and the row's `value IS NULL` makes it one use. The page asks for a
 * press of «Отправить» before recording (a mail scanner that opens links records nothing).
 *
 * A reply whose first line is «Да» / «Частично» / «Нет» (or 1 / 2 / 3, yes / partly / no), from the
 * address asked, takes the latest open question; the lines after it (above the quoted letter) are
 * the comment, and the reply stays in the appeal's thread. Both ways go through the bot's
 * ./verdict-store.ts: «Нет» lands in «Ответ не помог» for a supervisor's decision.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { type CitizenVerdict, citizenVerdicts } from '../../../shared/model/vocabulary';
import { t } from '../bot/texts';
import { sendToChat } from '../bot/thread';
import type { Queryable } from '../db/pool';
import type { InboundMessage, InboxPlacement } from '../intake/types';
import { storeVerdictOnAppeal } from './verdict-store';

/** How long the links of a question letter work, and a reply to it is still read as the verdict. */
const emailVerdictTtlMs = 30 * 24 * 3600_000;

/** Where the links point and what signs them (the bot's jobs pass the server's). */
export interface VerdictLinks {
  /** The token secret of the server (config.tokenSecret); the links' key is derived from it. */
  secret: Buffer;
  /** The server's public address as citizens reach it (OKNO_PUBLIC_URL), without a trailing slash. */
  baseUrl: () => string | null;
}

interface TokenClaims {
  /** Organisation. */
  o: string;
  /** Appeal. */
  a: string;
  /** The recipient: the first 32 hex digits of SHA-256 of the lower-cased address. */
  r: string;
  /** Expiry, ms since the epoch. */
  e: number;
  /** The question's code (one token per question). */
  c: string;
}

const linkKey = (secret: Buffer) => createHmac('sha256', secret).update('okno:verdict-link:v1').digest();
const recipientHash = (address: string) =>
  createHash('sha256').update(address.trim().toLowerCase()).digest('hex').slice(0, 32);
const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

function sign(secret: Buffer, claims: TokenClaims): string {
  const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
  const mac = createHmac('sha256', linkKey(secret)).update(body).digest('base64url');
  return `${body}.${mac}`;
}

type TokenCheck =
  | { kind: 'valid'; claims: TokenClaims }
  | { kind: 'forged' }
  | { kind: 'expired'; claims: TokenClaims };

/** The token's claims when its signature holds; whether it has expired at `now`. */
export function readToken(secret: Buffer, token: string, now: number): TokenCheck {
  const match = /^([A-Za-z0-9_-]{10,1000})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return { kind: 'forged' };
  const expected = createHmac('sha256', linkKey(secret)).update(match[1]!).digest();
  const given = Buffer.from(match[2]!, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { kind: 'forged' };
  let claims: TokenClaims;
  try {
    claims = JSON.parse(Buffer.from(match[1]!, 'base64url').toString('utf8')) as TokenClaims;
  } catch {
    return { kind: 'forged' };
  }
  if (typeof claims.o !== 'string' || typeof claims.a !== 'string' || typeof claims.e !== 'number')
    return { kind: 'forged' };
  return claims.e <= now ? { kind: 'expired', claims } : { kind: 'valid', claims };
}

/** The open question a valid token names, bound to its recipient; null when none matches. */
export async function questionOfToken(
  db: Queryable,
  token: string,
  claims: TokenClaims,
): Promise<{ orgId: string; appealId: string; value: CitizenVerdict | null; number: string } | null> {
  const found = await db.query<{
    chat_peer: string | null;
    value: CitizenVerdict | null;
    number: string | null;
    received_at: string | null;
  }>(
    `SELECT v.chat_peer, v.value, a.doc->>'registrationNumber' AS number, a.doc->>'receivedAt' AS received_at
       FROM quality_verdicts v LEFT JOIN sync_appeals a ON a.org_id = v.org_id AND a.id = v.appeal_id
      WHERE v.token_hash = $1 AND v.org_id = $2 AND v.appeal_id = $3 AND v.asked_via = 'email'`,
    [tokenHash(token), claims.o, claims.a],
  );
  const row = found.rows[0];
  if (!row?.chat_peer || recipientHash(row.chat_peer) !== claims.r) return null;
  return {
    orgId: claims.o,
    appealId: claims.a,
    value: row.value,
    number: row.number ?? dateReference(Number(row.received_at ?? 0)),
  };
}

/** An appeal without a registration number (an incident) is named by the day it came. */
function dateReference(receivedAt: number): string {
  const day = new Date(receivedAt + 3 * 3600_000); // Moscow time, as the letters date things
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(day.getUTCDate())}.${pad(day.getUTCMonth() + 1)}.${day.getUTCFullYear()}`;
}

/** Records the page's verdict once; false when the question was already answered. */
export async function recordLinkVerdict(
  tx: Queryable,
  token: string,
  question: { orgId: string; appealId: string },
  value: CitizenVerdict,
  comment: string | null,
  now: number,
): Promise<boolean> {
  const recorded = await tx.query(
    `UPDATE quality_verdicts SET value = $4, comment = $5, answered_at = to_timestamp($6 / 1000.0)
      WHERE token_hash = $1 AND org_id = $2 AND appeal_id = $3 AND value IS NULL`,
    [tokenHash(token), question.orgId, question.appealId, value, comment, now],
  );
  if ((recorded.rowCount ?? 0) === 0) return false;
  await storeVerdictOnAppeal(tx, question.orgId, question.appealId, value, comment, now, 'emailLink');
  return true;
}

interface DueLetter {
  org_id: string;
  appeal_id: string;
  account_id: string;
  peer_id: string;
  conversation_id: string | null;
  number: string | null;
  received_at: string | null;
}

/** Answered or closed appeals whose answer was mailed at least `delayMs` ago (within two weeks), never asked. */
async function dueLetters(db: Queryable, delayMs: number): Promise<DueLetter[]> {
  const due = await db.query<DueLetter>(
    `SELECT DISTINCT ON (o.org_id, o.appeal_id) o.org_id, o.appeal_id, o.account_id, o.peer_id,
            a.conversation_id, a.doc->>'registrationNumber' AS number, a.doc->>'receivedAt' AS received_at
       FROM outbox_messages o
       JOIN sync_appeals a ON a.org_id = o.org_id AND a.id = o.appeal_id
      WHERE o.kind = 'answer' AND o.status IN ('sent', 'delivered') AND o.network = 'email'
        AND o.peer_id LIKE '%@%'
        AND o.sent_at <= now() - make_interval(secs => $1 / 1000.0)
        AND o.sent_at > now() - interval '14 days'
        AND a.doc->>'status' IN ('answered', 'closed')
        AND NOT EXISTS (SELECT 1 FROM quality_verdicts v WHERE v.org_id = o.org_id AND v.appeal_id = o.appeal_id)
      ORDER BY o.org_id, o.appeal_id, o.sent_at DESC
      LIMIT 100`,
    [delayMs],
  );
  return due.rows;
}

/** The question letter's text (its first line is the subject): the three links and the reply offer. */
function questionLetter(number: string, link: (value: CitizenVerdict) => string, until: string) {
  return t('ru', 'quality:verdictEmail.letter', {
    number,
    yes: link('yes'),
    partly: link('partly'),
    no: link('no'),
    until,
  });
}

/** Asks one mailed answer's recipient by a follow-up letter in the same thread, once. */
async function askByLetter(tx: Queryable, due: DueLetter, links: VerdictLinks, base: string, now: number) {
  const code = randomBytes(8).toString('hex');
  const expires = now + emailVerdictTtlMs;
  const token = sign(links.secret, {
    o: due.org_id,
    a: due.appeal_id,
    r: recipientHash(due.peer_id),
    e: expires,
    c: code,
  });
  const asked = await tx.query(
    `INSERT INTO quality_verdicts (org_id, appeal_id, code, token_hash, asked_via, chat_network, chat_account, chat_peer)
     VALUES ($1, $2, $3, $4, 'email', 'email', $5, $6)
     ON CONFLICT (org_id, appeal_id) DO NOTHING`,
    [due.org_id, due.appeal_id, code, tokenHash(token), due.account_id, due.peer_id.trim().toLowerCase()],
  );
  if ((asked.rowCount ?? 0) === 0) return false;
  const number = due.number ?? dateReference(Number(due.received_at ?? now));
  const text = questionLetter(
    number,
    (value) => `${base}/verdict?t=${token}&v=${value}`,
    dateReference(expires - 3 * 3600_000),
  );
  await sendToChat(
    tx,
    {
      orgId: due.org_id,
      network: 'email',
      accountId: due.account_id,
      peerId: due.peer_id,
      kind: 'bot',
      text,
      appealId: due.appeal_id,
    },
    due.conversation_id ? { conversationId: due.conversation_id, appealId: due.appeal_id } : null,
    now,
  );
  return true;
}

/** One round of e-mail questions (each in its own transaction); how many letters were queued. */
export async function askByEmail(
  db: Queryable,
  inTx: <T>(work: (tx: Queryable) => Promise<T>) => Promise<T>,
  delayMs: number,
  links: VerdictLinks,
  now: number,
): Promise<number> {
  const base = links.baseUrl();
  if (!base) return 0;
  let asked = 0;
  for (const due of await dueLetters(db, delayMs)) {
    if (await inTx((tx) => askByLetter(tx, due, links, base, now))) asked++;
  }
  return asked;
}

const replyWords: Record<CitizenVerdict, string[]> = {
  yes: ['да', '1', 'yes', 'помог'],
  partly: ['частично', '2', 'partly', 'partially', 'помог частично'],
  no: ['нет', '3', 'no', 'не помог'],
};

/** A reply's verdict (its first line) and comment (the lines after, above the quoted letter). */
export function readReply(text: string): { value: CitizenVerdict; comment: string | null } | null {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const quoteAt = lines.findIndex(
    (line) =>
      /^\s*>/.test(line) ||
      /^-{2,}\s*(original message|исходное сообщение|пересылаемое сообщение)/i.test(line.trim()) ||
      /(wrote|писал\(а\)|написал\(а\)|пишет):\s*$/i.test(line.trim()),
  );
  const own = (quoteAt >= 0 ? lines.slice(0, quoteAt) : lines).map((line) => line.trim());
  const first = own.findIndex((line) => line !== '');
  if (first < 0) return null;
  const said = own[first]!.toLowerCase()
    .replace(/[«»"'.!,;:)]+/g, '')
    .trim();
  const value = citizenVerdicts.find((v) => replyWords[v].includes(said));
  if (!value) return null;
  const comment = own
    .slice(first + 1)
    .join('\n')
    .trim()
    .slice(0, 2000);
  return { value, comment: comment === '' ? null : comment };
}

/**
 * A citizen's mail that answers an open e-mail question (its first line a verdict, from the address
 * asked): recorded, and the mail goes into that appeal's thread; null: it is ordinary mail.
 */
export async function emailVerdictReply(
  tx: Queryable,
  orgId: string,
  message: Pick<InboundMessage, 'text' | 'peer'>,
  now: number,
): Promise<InboxPlacement | null> {
  const reply = readReply(message.text);
  if (!reply) return null;
  const address = message.peer.accountId.trim().toLowerCase();
  const recorded = await tx.query<{ appeal_id: string }>(
    `UPDATE quality_verdicts SET value = $3, comment = $4, answered_at = to_timestamp($5 / 1000.0)
      WHERE (org_id, appeal_id) = (
        SELECT org_id, appeal_id FROM quality_verdicts
         WHERE org_id = $1 AND asked_via = 'email' AND chat_peer = $2 AND value IS NULL
           AND asked_at > to_timestamp($5 / 1000.0) - make_interval(secs => $6 / 1000.0)
         ORDER BY asked_at DESC LIMIT 1)
      RETURNING appeal_id`,
    [orgId, address, reply.value, reply.comment, now, emailVerdictTtlMs],
  );
  const appealId = recorded.rows[0]?.appeal_id;
  if (!appealId) return null;
  await storeVerdictOnAppeal(tx, orgId, appealId, reply.value, reply.comment, now, 'emailReply');
  return { kind: 'appeal', appealId };
}

/**
 * The links' base: OKNO_PUBLIC_URL (how citizens reach the server, e.g. https://okno.admin.example.ru)
 * or, without it, the address the server listens on (a test's or a single machine's).
 */
export function publicBaseUrl(server: {
  address(): string | { address: string; port: number; family: string } | null;
}): string | null {
  const configured = process.env.OKNO_PUBLIC_URL?.trim().replace(/\/+$/, '');
  if (configured) return configured;
  const bound = server.address();
  if (!bound || typeof bound === 'string') return null;
  const host = ['0.0.0.0', '::', ''].includes(bound.address)
    ? 'localhost'
    : bound.family === 'IPv6'
      ? `[${bound.address}]`
      : bound.address;
  return `http://${host}:${bound.port}`;
}
