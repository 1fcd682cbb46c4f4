/**
 * Dialogue sessions, one per chat (network + account + chat), persisted so the wizard survives
 * restarts and pauses. Every event locks its session row for the whole handling transaction, so
 * two processes handling two messages of one chat do so one after the other.
 */
import type pg from 'pg';
import type { Queryable } from '../db/pool';
import type { BotInput, WizardData, WizardState } from './types';

export interface Session {
  network: string;
  accountId: string;
  peerId: string;
  orgId: string;
  userId: string;
  state: WizardState;
  data: WizardData;
  language: string;
  lastInboundKey: string | null;
  menuHintAt: Date | null;
  floodTokens: number;
  floodAt: Date;
  floodWarned: boolean;
  updatedAt: Date;
  /** True when this event created the session. */
  created: boolean;
}

interface Row {
  network: string;
  account_id: string;
  peer_id: string;
  org_id: string;
  user_id: string;
  state: WizardState;
  data: WizardData;
  language: string;
  last_inbound_key: string | null;
  menu_hint_at: Date | null;
  flood_tokens: number;
  flood_at: Date;
  flood_warned: boolean;
  updated_at: Date;
}

/** Creates the session if needed and locks it until the transaction ends, in one round trip. */
export async function lockSession(tx: pg.PoolClient, input: BotInput, language: string): Promise<Session> {
  const literal = (text: string) => tx.escapeLiteral(text);
  const key = [input.network, input.accountId, input.chatId].map(literal);
  const [inserted, selected] = (await tx.query(
    `INSERT INTO bot_sessions (network, account_id, peer_id, org_id, user_id, language)
     VALUES (${[...key, literal(input.orgId), literal(input.userId), literal(language)].join(', ')})
     ON CONFLICT DO NOTHING;
     SELECT * FROM bot_sessions
      WHERE network = ${key[0]} AND account_id = ${key[1]} AND peer_id = ${key[2]} FOR UPDATE`,
  )) as unknown as pg.QueryResult<Row>[];
  return sessionOf(selected!.rows[0]!, (inserted!.rowCount ?? 0) > 0);
}

/** The chat's session locked until the transaction ends, if the chat has one (an edit starts none). */
export async function lockExistingSession(
  tx: pg.PoolClient,
  chat: { network: string; accountId: string; chatId: string },
): Promise<Session | null> {
  const found = await tx.query<Row>(
    'SELECT * FROM bot_sessions WHERE network = $1 AND account_id = $2 AND peer_id = $3 FOR UPDATE',
    [chat.network, chat.accountId, chat.chatId],
  );
  return found.rows[0] ? sessionOf(found.rows[0], false) : null;
}

function sessionOf(row: Row, created: boolean): Session {
  return {
    network: row.network,
    accountId: row.account_id,
    peerId: row.peer_id,
    orgId: row.org_id,
    userId: row.user_id,
    state: row.state,
    data: row.data ?? {},
    language: row.language,
    lastInboundKey: row.last_inbound_key,
    menuHintAt: row.menu_hint_at,
    floodTokens: Number(row.flood_tokens),
    floodAt: row.flood_at,
    floodWarned: row.flood_warned,
    updatedAt: row.updated_at,
    created,
  };
}

/**
 * Saves the session. `touched` marks the citizen's last step at the event's time — `floodAt`, which
 * `takeFloodToken` set from the bot's clock for this event, the clock the idle timeout compares
 * with (not the database's: a test's or a replayed clock would disagree); a refused flood message is no step.
 */
export async function saveSession(tx: Queryable, session: Session, touched: boolean): Promise<void> {
  await tx.query(
    `UPDATE bot_sessions SET state = $4, data = $5, language = $6, last_inbound_key = $7, menu_hint_at = $8,
            flood_tokens = $9, flood_at = $10, flood_warned = $11, user_id = $12,
            updated_at = CASE WHEN $13 THEN $10 ELSE updated_at END
      WHERE network = $1 AND account_id = $2 AND peer_id = $3`,
    [
      session.network,
      session.accountId,
      session.peerId,
      session.state,
      JSON.stringify(session.data),
      session.language,
      session.lastInboundKey,
      session.menuHintAt,
      session.floodTokens,
      session.floodAt,
      session.floodWarned,
      session.userId,
      touched,
    ],
  );
}

export interface FloodPolicy {
  /** Messages a chat may send back to back. */
  capacity: number;
  /** Tokens regained per second. */
  refillPerSecond: number;
}

export const defaultFloodPolicy: FloodPolicy = { capacity: 10, refillPerSecond: 0.5 };

/**
 * Token bucket per chat: takes one token for this event. Returns 'ok', 'warn' (the first refused
 * event: say so once) or 'drop' (refused silently).
 */
export function takeFloodToken(session: Session, policy: FloodPolicy, now: Date): 'ok' | 'warn' | 'drop' {
  const elapsed = Math.max(0, (now.getTime() - session.floodAt.getTime()) / 1000);
  const tokens = Math.min(policy.capacity, session.floodTokens + elapsed * policy.refillPerSecond);
  session.floodAt = now;
  if (tokens >= 1) {
    session.floodTokens = tokens - 1;
    session.floodWarned = false;
    return 'ok';
  }
  session.floodTokens = tokens;
  if (session.floodWarned) return 'drop';
  session.floodWarned = true;
  return 'warn';
}
