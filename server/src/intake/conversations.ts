/**
 * Conversations of the inbox: one per (channel account, chat). The intake keeps its lookup row in
 * `intake_conversations` (with the conversation's open incident) and the replicated document in
 * `sync_conversations`. Every function here runs inside the caller's transaction: the lookup row
 * is locked FOR UPDATE, so concurrent messages of one chat are recorded one after another and
 * never open two incidents.
 */
import { escapeLiteral } from 'pg';
import { isClosed } from '../../../shared/domain/status-machine';
import type { AppealStatus } from '../../../shared/model/vocabulary';
import { conversationSchema } from '../../../shared/schemas/messages';
import { loadChannelAccount } from '../channels/accounts';
import type { Queryable } from '../db/pool';
import { newId } from '../ids';
import { schemaValidator } from '../sync/validation';
import { clip, type Doc, type ScopedDoc, writeIntake } from './store';
import type { InboundNetwork, InboundPeer } from './types';

const validateConversation = schemaValidator(conversationSchema);

export interface ConversationKey {
  orgId: string;
  network: InboundNetwork;
  channelAccountId: string;
  peer: InboundPeer;
}

export interface LockedConversation {
  id: string;
  orgId: string;
  channelAccountId: string;
  /** Scope of the conversation's loose messages (the departments of its appeals). */
  departmentIds: string[];
  /** The open incident new plain messages feed, with its scope; null when there is none. */
  openIncident: { id: string; departmentIds: string[] } | null;
  /** The account's routing for new incidents ('' = unrouted). */
  defaultDepartmentId: string;
  created: boolean;
  /** For a new conversation: the document still to be written (recordInboundMessage batches it). */
  pendingDoc: ScopedDoc | null;
}

/** The lookup row with its open incident and scope, as the lock query reads it. */
export interface ConversationRow {
  id: string;
  org_id: string;
  open_incident_id: string;
  incident_status: AppealStatus | null;
  incident_deleted: boolean | null;
  incident_depts: string[] | null;
  conversation_depts: string[] | null;
}

const lockSqlWith = (account: string, chat: string) => `SELECT c.id, c.org_id, c.open_incident_id,
       a.doc->>'status' AS incident_status, (a.doc->>'_deleted')::boolean AS incident_deleted,
       a.department_ids AS incident_depts, s.department_ids AS conversation_depts
  FROM intake_conversations c
  LEFT JOIN sync_appeals a ON a.org_id = c.org_id AND a.id = c.open_incident_id
  LEFT JOIN sync_conversations s ON s.org_id = c.org_id AND s.id = c.id
 WHERE c.channel_account_id = ${account} AND c.chat_id = ${chat}
   FOR UPDATE OF c`;
const lockSql = lockSqlWith('$1', '$2');

/** The lock query with literals, for callers that send it together with other statements. */
export function lockConversationSql(channelAccountId: string, chatId: string): string {
  return lockSqlWith(escapeLiteral(channelAccountId), escapeLiteral(chatId));
}

function conversationDoc(
  id: string,
  key: ConversationKey,
  communityId: string,
  at: number,
  now: number,
): Doc {
  const doc: Doc = {
    id,
    orgId: key.orgId,
    channel: key.network,
    peer: {
      chatId: clip(key.peer.chatId, 200),
      userId: key.peer.accountId ? clip(key.peer.accountId, 200) : null,
      communityId: clip(communityId, 200),
    },
    applicantId: '',
    applicantDisplayName: clip(key.peer.displayName ?? '', 300),
    subject: '',
    lastMessageAt: at,
    updatedAt: now,
    _deleted: false,
  };
  const problem = validateConversation(doc);
  if (problem) throw new Error(`conversation ${id} is invalid: ${problem}`);
  return doc;
}

/**
 * Finds and locks the conversation of a peer, creating the lookup row (not yet the document) if
 * needed. `prefetched`: what `lockConversationSql` already returned in this transaction (null =
 * no such conversation yet), saving its round trip.
 */
export async function lockConversation(
  tx: Queryable,
  key: ConversationKey,
  at: number,
  prefetched?: ConversationRow | null,
): Promise<LockedConversation> {
  const account = await loadChannelAccount(tx, key.channelAccountId);
  if (!account || account.orgId !== key.orgId || account.network !== key.network) {
    throw new Error(
      `channel account ${key.channelAccountId} is not a ${key.network} account of ${key.orgId}`,
    );
  }
  const params = [key.channelAccountId, key.peer.chatId];
  let found =
    prefetched !== undefined
      ? (prefetched ?? undefined)
      : (await tx.query<ConversationRow>(lockSql, params)).rows[0];
  let created = false;
  if (!found) {
    const id = newId();
    const inserted = await tx.query(
      `INSERT INTO intake_conversations (id, org_id, channel_account_id, chat_id, peer_account_id)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (channel_account_id, chat_id) DO NOTHING`,
      [id, key.orgId, key.channelAccountId, key.peer.chatId, key.peer.accountId || null],
    );
    created = (inserted.rowCount ?? 0) > 0;
    // Our own insert is locked until commit and has no incident or document yet: no need to read it.
    found = created
      ? {
          id,
          org_id: key.orgId,
          open_incident_id: '',
          incident_status: null,
          incident_deleted: null,
          incident_depts: null,
          conversation_depts: null,
        }
      : (await tx.query<ConversationRow>(lockSql, params)).rows[0];
    if (!found) throw new Error('conversation vanished after insert');
  }
  const incidentOpen =
    found.open_incident_id !== '' &&
    found.incident_status !== null &&
    !found.incident_deleted &&
    !isClosed(found.incident_status);
  const now = Date.now();
  return {
    id: found.id,
    orgId: found.org_id,
    channelAccountId: key.channelAccountId,
    departmentIds: found.conversation_depts ?? [],
    openIncident: incidentOpen
      ? { id: found.open_incident_id, departmentIds: found.incident_depts ?? [] }
      : null,
    defaultDepartmentId: account.defaultDepartmentId,
    created: created || found.conversation_depts === null,
    pendingDoc:
      found.conversation_depts === null
        ? { doc: conversationDoc(found.id, key, account.accountId, at, now), departmentIds: [] }
        : null,
  };
}

/**
 * The building block for the bot and other writers: finds or creates the conversation of
 * (network, channel account, peer) and writes its replicated document when new. Call inside a
 * transaction; the conversation stays locked until it ends.
 */
export async function findOrCreateConversation(
  tx: Queryable,
  key: ConversationKey,
  at = Date.now(),
): Promise<LockedConversation> {
  const locked = await lockConversation(tx, key, at);
  if (locked.pendingDoc) {
    await writeIntake(tx, key.orgId, {
      conversation: locked.pendingDoc,
      audit: [conversationAudit(locked.id, key)],
    });
    return { ...locked, pendingDoc: null };
  }
  return locked;
}

export function conversationAudit(id: string, key: ConversationKey) {
  return {
    action: 'conversation.create',
    entity: 'conversation',
    entityId: id,
    details: { channel: key.network, channelAccountId: key.channelAccountId },
  };
}
