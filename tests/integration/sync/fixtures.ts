/** Appeals, sessions and server-side helpers shared by the sync tests. */
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { linkConversation } from '../../../server/src/appeals/scope';
import { inTransaction } from '../../../server/src/db/pool';
import { writeServerDocs } from '../../../server/src/sync/server-writes';
import type { Appeal } from '../../../shared/model';
import { noDueAt } from '../../../shared/model/primitives';
import { appealFixture } from '../../unit/shared/model/fixtures';
import { loginAs, type TestOrg, type TestSession } from '../setup/db';
import { type Json, pushRows, type SyncTarget } from './client';

export type RoleKey = keyof TestOrg['users'];
export const roleKeys: RoleKey[] = ['operator1', 'operator2', 'head1', 'head2', 'supervisor', 'admin'];

export async function loginAll(
  server: { url: string },
  org: TestOrg,
): Promise<Record<RoleKey, SyncTarget & { session: TestSession }>> {
  const entries = await Promise.all(
    roleKeys.map(async (key) => {
      const session = await loginAs(server, org.users[key]);
      return [key, { url: server.url, headers: session.headers, session }] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<RoleKey, SyncTarget & { session: TestSession }>;
}

/** A formal appeal as a desktop creates it at reception: not yet registered, no deadlines. */
export function newFormalAppeal(
  orgId: string,
  departmentId: string,
  overrides: Partial<Appeal> = {},
): Appeal {
  return appealFixture({
    id: randomUUID(),
    orgId,
    departmentId,
    status: 'received',
    registrationNumber: null,
    registeredAt: null,
    legalDeadline: null,
    controlDate: null,
    dueAt: noDueAt,
    receivedAt: Date.now() - 60_000,
    updatedAt: Date.now() - 60_000,
    conversationId: '',
    // The applicant link is server-owned (set with the passport: server/src/appeals/passport.ts).
    applicant: { ...appealFixture().applicant, applicantId: null },
    // Files come from the channels or as scans uploaded to the appeal once it exists (issue 10,
    // server/src/appeals/scans.ts); a desktop's new appeal names none.
    attachments: [],
    ...overrides,
  });
}

/**
 * Creates appeals through the push endpoint; returns the stored states. The link to a conversation
 * is the server's (a desktop never sets it): an appeal given a `conversationId` is created without
 * one and then linked server-side, as the channels link an appeal born from a chat.
 */
export async function createAppeals(db: pg.Pool, target: SyncTarget, appeals: Appeal[]): Promise<Json[]> {
  const { status, body } = await pushRows(
    target,
    'appeals',
    appeals.map((a) => ({ newDocumentState: { ...a, conversationId: '', _deleted: false } })),
  );
  if (status !== 200) throw new Error(`create appeals: ${status} ${JSON.stringify(body)}`);
  for (const a of appeals) {
    if (a.conversationId) await linkConversationAsServer(db, a.orgId, a.id, a.conversationId);
  }
  return Promise.all(appeals.map((a) => masterOf(db, 'sync_appeals', a.id)));
}

/** Links an appeal to a conversation as the server does (the conversation and its messages re-scoped). */
export function linkConversationAsServer(
  db: pg.Pool,
  orgId: string,
  appealId: string,
  conversationId: string,
): Promise<void> {
  return inTransaction(db, (tx) => linkConversation(tx, orgId, appealId, conversationId));
}

export async function masterOf(db: pg.Pool, table: string, id: string): Promise<Json> {
  const result = await db.query(`SELECT doc FROM ${table} WHERE id = $1`, [id]);
  return result.rows[0]?.doc ?? null;
}

/** Edits the current server state of a document as a desktop that is up to date would. */
export async function editAppeal(
  db: pg.Pool,
  target: SyncTarget,
  id: string,
  patch: Record<string, unknown>,
): Promise<{ status: number; body: Json; master: Json }> {
  const master = await masterOf(db, 'sync_appeals', id);
  const { status, body } = await pushRows(
    target,
    'appeals',
    [{ newDocumentState: { ...master, ...patch }, assumedMasterState: master }],
    'refusals=1',
  );
  return { status, body, master };
}

/**
 * A conversation as the channels write it (server side), scoped by its appeals: a VK chat of «Мария»
 * unless `chat` says otherwise.
 */
export async function insertConversation(
  db: pg.Pool,
  orgId: string,
  id: string,
  chat: { channel?: string; peer?: Json; applicantDisplayName?: string } = {},
): Promise<void> {
  await writeServerDocs(db, 'conversations', orgId, [
    {
      id,
      orgId,
      channel: 'vk',
      peer: { chatId: `chat-${id}`, userId: null, communityId: null },
      applicantId: '',
      applicantDisplayName: 'Мария',
      subject: 'Горячая вода',
      lastMessageAt: Date.now(),
      updatedAt: Date.now(),
      _deleted: false,
      ...chat,
    },
  ]);
}

/**
 * A citizen's Telegram chat with the bot `botId` (server side, as the channel writes it) and a formal
 * appeal born from it in department d1, pushed by `target` — with these contacts beside a phone when
 * given.
 */
export async function telegramChatAppeal(
  db: pg.Pool,
  target: SyncTarget,
  org: TestOrg,
  chat: { chatId: string; botId: string },
  contacts?: { email: string | null; postalAddress: string | null },
): Promise<Json> {
  const orgId = org.organisation.id;
  const conversationId = `conv-${randomUUID().slice(0, 8)}`;
  await insertConversation(db, orgId, conversationId, {
    channel: 'telegram',
    peer: { chatId: chat.chatId, userId: chat.chatId, communityId: chat.botId },
    applicantDisplayName: 'Мария Иванова',
  });
  const appeal = newFormalAppeal(orgId, org.departments.d1.id, { conversationId, channel: 'telegram' });
  const [stored] = await createAppeals(db, target, [
    contacts
      ? { ...appeal, applicant: { ...appeal.applicant, contacts: { phone: '+79161234567', ...contacts } } }
      : appeal,
  ]);
  return stored;
}

/**
 * Writes a staff message straight into `sync_messages` as the push's writer stores it (scoped by its
 * appeal), where the outbox takes it as it takes a desktop's answer.
 */
export async function insertStaffMessage(db: pg.Pool, message: Json): Promise<void> {
  await db.query(
    `INSERT INTO sync_messages (org_id, id, seq, doc, department_ids, appeal_id, conversation_id)
     VALUES ($1, $2, nextval('okno_sync_seq'), $3, '{}', $4, $5)`,
    [message.orgId, message.id, JSON.stringify(message), message.appealId, message.conversationId],
  );
}

export function staffMessage(orgId: string, appeal: { id: string; conversationId: string }, userId: string) {
  return {
    id: randomUUID(),
    orgId,
    conversationId: appeal.conversationId,
    appealId: appeal.id,
    direction: 'out',
    author: { kind: 'staff', userId, displayName: 'Сотрудник' },
    text: 'Ответ по существу обращения.',
    attachments: [],
    createdAt: Date.now(),
    replyVia: 'channel',
    deliveryStatus: 'pending',
    deliveryError: null,
    updatedAt: Date.now(),
    _deleted: false,
  };
}
