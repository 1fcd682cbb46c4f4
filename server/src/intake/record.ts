/**
 * `recordInboundMessage`: a normalised inbound message into the inbox, in one transaction —
 * the conversation of (channel account, chat) found or created and locked, the message written
 * (by default into the conversation's open incident, which is created when there is none), the
 * replicated documents stored with fresh seqs and scope so desktops pull them, and an audit trail.
 * Recording the same message (account + external message id) again returns the first result.
 */
import pg, { escapeLiteral } from 'pg';
import { rescopeConversations, rescopeMessages } from '../appeals/scope';
import { inTransaction, type Queryable } from '../db/pool';
import { appealAudit, buildSystemAppeal, type SystemAppeal } from './appeals';
import {
  type ConversationRow,
  conversationAudit,
  lockConversation,
  lockConversationSql,
} from './conversations';
import { messageAudit, messageDoc, messageScope } from './messages';
import { type IntakeWrite, type ScopedDoc, type SystemAudit, writeIntake } from './store';
import type { InboundMessage, InboxPlacement, RecordedInbound } from './types';

export interface RecordOptions {
  /** Default `{ kind: 'incident' }`. */
  placement?: InboxPlacement;
  /**
   * Internal (channels/group-commit.ts): hand the replicated write to the caller, who runs it
   * together with COMMIT in one round trip (with the other events of its transaction), so the
   * organisation's sync lock is never held across a Node event-loop turn. The caller MUST run it
   * before committing, and must not record another message of the same conversation in the same
   * transaction before it (the conversation's documents would not be in the database yet).
   */
  deferWrite?: (write: IntakeWrite) => void;
}

/** "Иван Петров" → first name Иван, last name Петров; a single word is the first name. */
function splitDisplayName(displayName: string | undefined): { firstName: string; lastName: string } {
  const words = (displayName ?? '').trim().split(/\s+/).filter(Boolean);
  return { firstName: words[0] ?? '', lastName: words.slice(1).join(' ') };
}

interface Known {
  message_id: string;
  conversation_id: string;
  appeal_id: string;
}

/**
 * Records a message. `db` is a pool (a transaction is opened here) or a client inside the
 * caller's transaction (the channel adapters write the raw event in the same one).
 */
export async function recordInboundMessage(
  db: pg.Pool | pg.PoolClient,
  input: InboundMessage,
  options: RecordOptions = {},
): Promise<RecordedInbound> {
  if (db instanceof pg.Pool) return inTransaction(db, (tx) => record(tx, input, options));
  return record(db, input, options);
}

async function record(
  tx: Queryable,
  input: InboundMessage,
  options: RecordOptions,
): Promise<RecordedInbound> {
  const placement = options.placement ?? { kind: 'incident' };
  // One round trip: is the message already recorded, and the conversation (locked).
  const [known, locked] = (await tx.query(
    `SELECT message_id, conversation_id, appeal_id FROM intake_messages
      WHERE channel_account_id = ${escapeLiteral(input.channelAccountId)}
        AND external_message_id = ${escapeLiteral(input.externalMessageId)};
     ${lockConversationSql(input.channelAccountId, input.peer.chatId)}`,
  )) as unknown as [pg.QueryResult<Known>, pg.QueryResult<ConversationRow>];
  const first = known.rows[0];
  if (first) {
    return {
      conversationId: first.conversation_id,
      messageId: first.message_id,
      ...(first.appeal_id ? { appealId: first.appeal_id } : {}),
      duplicate: true,
      createdConversation: false,
      createdIncident: false,
    };
  }

  const conversation = await lockConversation(tx, input, input.receivedAt, locked.rows[0] ?? null);
  const now = Date.now();
  const audit: SystemAudit[] = [];
  const source = {
    source: input.network,
    channelAccountId: input.channelAccountId,
    ...(input.rawEventId ? { rawEventId: input.rawEventId } : {}),
    ...(input.forwardedFrom ? { forwardedBy: input.forwardedFrom.accountId ?? null } : {}),
  };
  let conversationWrite: ScopedDoc;
  if (conversation.pendingDoc) {
    conversationWrite = conversation.pendingDoc;
    audit.push(conversationAudit(conversation.id, input));
  } else {
    conversationWrite = {
      doc: {
        id: conversation.id,
        lastMessageAt: input.receivedAt,
        updatedAt: now,
        applicantDisplayName: input.peer.displayName ?? '',
      },
      departmentIds: [],
    };
  }

  if (placement.kind === 'withheld') {
    if (conversation.pendingDoc) {
      const write: IntakeWrite = { conversation: conversationWrite, audit };
      if (options.deferWrite) options.deferWrite(write);
      else await writeIntake(tx, input.orgId, write);
    }
    return {
      conversationId: conversation.id,
      messageId: null,
      duplicate: false,
      createdConversation: conversation.created,
      createdIncident: false,
    };
  }

  let appealId = '';
  let departmentIds: string[];
  let incident: SystemAppeal | null = null;
  if (placement.kind === 'incident') {
    if (conversation.openIncident) {
      appealId = conversation.openIncident.id;
      departmentIds = conversation.openIncident.departmentIds;
    } else {
      const name = splitDisplayName(input.peer.displayName);
      incident = await buildSystemAppeal(tx, {
        orgId: input.orgId,
        regime: 'incident',
        channel: input.network,
        conversationId: conversation.id,
        departmentId: conversation.defaultDepartmentId,
        applicant: { ...name, profileName: input.peer.displayName ?? null },
        identification: 'none',
        text: input.text,
        attachments: input.attachments,
        receivedAt: input.receivedAt,
        ...(input.sourcePost ? { sourcePost: input.sourcePost } : {}),
        source,
        now,
      });
      appealId = incident.id;
      departmentIds = incident.departmentIds;
      audit.push(appealAudit(incident, source));
      if (conversation.pendingDoc) conversationWrite = { ...conversationWrite, departmentIds };
    }
  } else if (placement.kind === 'appeal') {
    appealId = placement.appealId;
    departmentIds = await messageScope(tx, input.orgId, conversation.id, appealId);
  } else {
    departmentIds = conversation.pendingDoc ? [] : conversation.departmentIds;
  }

  const doc = messageDoc(
    {
      orgId: input.orgId,
      conversationId: conversation.id,
      appealId,
      direction: 'in',
      author: { kind: 'applicant', displayName: input.peer.displayName ?? input.peer.accountId },
      text: input.text,
      attachments: input.attachments,
      createdAt: input.receivedAt,
    },
    now,
  );
  audit.push(messageAudit(doc, source));
  const messageId = String(doc.id);
  const write: IntakeWrite = {
    ...(incident ? { appeal: incident } : {}),
    conversation: conversationWrite,
    message: { doc, departmentIds },
    audit,
    lookup: {
      message: {
        channelAccountId: input.channelAccountId,
        externalMessageId: input.externalMessageId,
        messageId,
        conversationId: conversation.id,
        appealId,
      },
      ...(incident ? { openIncident: { conversationId: conversation.id, appealId: incident.id } } : {}),
    },
  };
  // An existing conversation (and its loose messages) now also belongs to the incident's department.
  const rescope =
    incident !== null &&
    !conversation.pendingDoc &&
    incident.departmentIds.some((d) => !conversation.departmentIds.includes(d));
  if (options.deferWrite && !rescope) options.deferWrite(write);
  else {
    await writeIntake(tx, input.orgId, write);
    if (rescope) {
      await rescopeConversations(tx, input.orgId, [conversation.id]);
      await rescopeMessages(tx, input.orgId, [], [conversation.id]);
    }
  }
  return {
    conversationId: conversation.id,
    messageId,
    ...(appealId ? { appealId } : {}),
    duplicate: false,
    createdConversation: conversation.created,
    createdIncident: incident !== null,
  };
}
