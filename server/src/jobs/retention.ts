/**
 * Retention of transient citizen data (finding 3): what the server keeps about citizens only on
 * the way to the appeal file, and nothing reads after a while.
 *
 * - A wizard left unfinished past the bot's idle timeout loses what it collected (names,
 *   contacts, the appeal's text, a passport stored for it alone). The session keeps its state and
 *   date, so the citizen's next message still hears that the filing timed out (bot/dispatcher.ts).
 * - Older than the organisation's retention (`settings.retentionYears`, shared/model/organisation.ts):
 *   processed raw events of its channels, final outbox rows (the bot's and staff's sent messages,
 *   which the wizard's prompts echo input into), unreachability notes, and chat sessions untouched
 *   for that long. The appeal file itself — appeals, their messages, attachments, passports filed
 *   with an appeal — is not transient and is not touched here.
 *
 * Every round takes the time from the caller (`now`), so tests run it at fixed dates.
 */
import type pg from 'pg';
import { retentionYearsOf } from '../../../shared/model/organisation';
import { discardPassport } from '../bot/filing';
import type { WizardData } from '../bot/types';
import { inTransaction } from '../db/pool';
import { PeriodicJob } from './periodic';

export interface RetentionRound {
  /** Unfinished wizards whose collected data were deleted. */
  wizards: number;
  rawEvents: number;
  outbox: number;
  sessions: number;
}

/** The date before which an organisation's transient data go: `retentionYears` calendar years back. */
function retentionCutoff(settings: unknown, now: Date): Date {
  const cutoff = new Date(now);
  cutoff.setUTCFullYear(cutoff.getUTCFullYear() - retentionYearsOf(settings));
  return cutoff;
}

export async function runRetention(
  db: pg.Pool,
  now: Date,
  options: { wizardIdleMs: number },
): Promise<RetentionRound> {
  const round: RetentionRound = { wizards: 0, rawEvents: 0, outbox: 0, sessions: 0 };
  round.wizards = await forgetUnfinishedWizards(db, new Date(now.getTime() - options.wizardIdleMs));
  const organisations = await db.query<{ id: string; settings: unknown }>(
    'SELECT id, settings FROM organisations',
  );
  for (const organisation of organisations.rows) {
    const cutoff = retentionCutoff(organisation.settings, now);
    const counts = await inTransaction(db, async (tx) => {
      // Pending events (never processed) stay: the sweep still owes them to the inbox.
      const raw = await tx.query(
        `DELETE FROM inbound_events e USING channel_accounts a
          WHERE a.id = e.channel_account_id AND a.org_id = $1 AND e.received_at < $2
            AND (e.processed_at IS NOT NULL OR e.outcome IS NOT NULL)`,
        [organisation.id, cutoff],
      );
      const outbox = await tx.query(
        `DELETE FROM outbox_messages WHERE org_id = $1 AND created_at < $2
            AND status IN ('sent', 'delivered', 'failed', 'unreachable')`,
        [organisation.id, cutoff],
      );
      await tx.query('DELETE FROM outbox_unreachable WHERE org_id = $1 AND since < $2', [
        organisation.id,
        cutoff,
      ]);
      const sessions = await tx.query('DELETE FROM bot_sessions WHERE org_id = $1 AND updated_at < $2', [
        organisation.id,
        cutoff,
      ]);
      return { raw: raw.rowCount ?? 0, outbox: outbox.rowCount ?? 0, sessions: sessions.rowCount ?? 0 };
    });
    round.rawEvents += counts.raw;
    round.outbox += counts.outbox;
    round.sessions += counts.sessions;
  }
  return round;
}

/** Wizards idle since before `idleSince`: their data (and a passport stored only for them) deleted. */
async function forgetUnfinishedWizards(db: pg.Pool, idleSince: Date): Promise<number> {
  return inTransaction(db, async (tx) => {
    const idle = await tx.query<{ network: string; account_id: string; peer_id: string; data: WizardData }>(
      `SELECT network, account_id, peer_id, data FROM bot_sessions
        WHERE state NOT IN ('idle', 'status_number') AND updated_at < $1 AND data <> '{}'::jsonb
        ORDER BY network, account_id, peer_id LIMIT 500
        FOR UPDATE SKIP LOCKED`,
      [idleSince],
    );
    for (const session of idle.rows) {
      await discardPassport(tx, session.data);
      // updated_at stays: the dispatcher still sees the wizard timed out and tells the citizen.
      await tx.query(
        `UPDATE bot_sessions SET data = '{}'::jsonb WHERE network = $1 AND account_id = $2 AND peer_id = $3`,
        [session.network, session.account_id, session.peer_id],
      );
    }
    return idle.rows.length;
  });
}

/** Runs a round now and then every `intervalMs` (default hourly) until stopped. */
export class RetentionJob extends PeriodicJob {
  constructor(
    db: pg.Pool,
    options: {
      wizardIdleMs: number;
      intervalMs?: number;
      now?: () => number;
      log?: { error(obj: object, msg: string): void };
    },
  ) {
    const round = () =>
      runRetention(db, new Date((options.now ?? Date.now)()), { wizardIdleMs: options.wizardIdleMs });
    super(round, {
      nextDelayMs: () => options.intervalMs ?? 3600_000,
      failure: 'retention round failed',
      ...(options.log ? { log: options.log } : {}),
    });
  }
}
