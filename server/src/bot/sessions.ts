/**
 * Dialogue sessions, one per chat (network + account + chat), persisted so the wizard survives
 * restarts and pauses. Every event locks its session row for the whole handling transaction, so
 * two processes handling two messages of one chat do so one after the other. The lock travels with
 * BEGIN and the save with COMMIT (./commit.ts).
 */
import type { BotTransaction } from './commit';
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

/**
 * Opens the event's transaction: creates the session if needed and locks it until the transaction
 * ends, in the same round trip as BEGIN.
 */
export async function lockSession(tx: BotTransaction, input: BotInput, language: string): Promise<Session> {
  const key = [input.network, input.accountId, input.chatId].map((v) => tx.literal(v));
  const [inserted, selected] = await tx.begin(
    `INSERT INTO bot_sessions (network, account_id, peer_id, org_id, user_id, language)
     VALUES (${[...key, tx.literal(input.orgId), tx.literal(input.userId), tx.literal(language)].join(', ')})
     ON CONFLICT DO NOTHING;
     SELECT * FROM bot_sessions
      WHERE network = ${key[0]} AND account_id = ${key[1]} AND peer_id = ${key[2]} FOR UPDATE`,
  );
  const row = (selected!.rows as Row[])[0]!;
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
    created: (inserted!.rowCount ?? 0) > 0,
  };
}

/** Saves the session with the transaction's COMMIT (the row is locked, nobody else writes it meanwhile). */
export function saveSession(tx: BotTransaction, session: Session, touched: boolean): void {
  const text = (value: string | null) => (value === null ? 'NULL' : tx.literal(value));
  const time = (value: Date | null) => (value === null ? 'NULL' : tx.literal(value.toISOString()));
  const number = (value: number) => {
    if (!Number.isFinite(value)) throw new Error(`bot session ${session.peerId}: flood tokens ${value}`);
    return String(value);
  };
  tx.atCommit(
    `UPDATE bot_sessions SET state = ${text(session.state)}, data = ${text(JSON.stringify(session.data))},
            language = ${text(session.language)}, last_inbound_key = ${text(session.lastInboundKey)},
            menu_hint_at = ${time(session.menuHintAt)}, flood_tokens = ${number(session.floodTokens)},
            flood_at = ${time(session.floodAt)}, flood_warned = ${session.floodWarned ? 'true' : 'false'},
            user_id = ${text(session.userId)}${touched ? ', updated_at = now()' : ''}
      WHERE network = ${text(session.network)} AND account_id = ${text(session.accountId)}
        AND peer_id = ${text(session.peerId)}`,
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
