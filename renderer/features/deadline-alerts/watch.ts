/**
 * Watches the local database for deadline news and tells the OS: the tray count (`setDueCount`) and
 * desktop notifications (`notify`), decided by decide.ts. Every read is served by an index of the
 * appeals collection (`[status,dueAt]`, `[assigneeId,status,dueAt]`), so a tick costs the same at
 * 100,000 appeals as at 100. Runs after every change of the appeals (debounced) and every minute
 * (an appeal becomes overdue without any write).
 */
import { debounceTime, type Subscription } from 'rxjs';
import type { DeadlineNotificationKind, OknoBridge } from '../../../shared/bridge/okno-bridge';
import { openStatuses } from '../../../shared/domain/status-machine';
import type { DeadlineClock } from '../../app/deadline-clock';
import type { OknoDatabase } from '../../db/database';
import { queryDocuments } from '../../db/fast-read';
import {
  type AlertAppeal,
  type AlertMemory,
  decideDeadlineAlerts,
  endOfToday,
  parseAlertMemory,
} from './decide';

/** Appeals overdue for longer than this get no "overdue" notification (they are in the tray count). */
export const lookBackMs = 7 * 86_400_000;
/** Per status and query; far above a day's news for one user. */
const readLimit = 2000;

export interface WatchDeadlinesOptions {
  readonly db: OknoDatabase;
  readonly bridge: Pick<OknoBridge, 'notify' | 'setDueCount'>;
  /** Where the notified ids survive reloads (localStorage); null keeps them in memory only. */
  readonly storage: Storage | null;
  readonly userId: string;
  readonly clock: () => DeadlineClock;
  /** The notification's texts in the UI language. */
  readonly describe: (kind: DeadlineNotificationKind, appeal: AlertAppeal) => { title: string; body: string };
  /** Decisions wait for this (the first sync), so the first pull's appeals are not all "newly assigned". */
  readonly ready?: Promise<unknown>;
  readonly now?: () => number;
  readonly intervalMs?: number;
  readonly debounceMs?: number;
}

export const alertMemoryKey = (databaseName: string) => `okno.deadline-alerts.${databaseName}`;

async function readAlertAppeals(
  db: OknoDatabase,
  userId: string,
  now: number,
  clock: DeadlineClock,
): Promise<{ appeals: AlertAppeal[]; olderOverdueCount: number }> {
  const since = now - lookBackMs;
  const dayEnd = endOfToday(now, clock);
  const perStatus = await Promise.all(
    openStatuses.map(async (status) => {
      // An answered appeal has no running deadline (defect 7): neither due nor counted overdue.
      const running = status !== 'answered';
      const [due, mine, older] = await Promise.all([
        !running
          ? []
          : queryDocuments(db.appeals, {
              selector: { status, dueAt: { $gte: since, $lt: dayEnd } },
              sort: [{ status: 'asc' }, { dueAt: 'asc' }],
              limit: readLimit,
            }),
        userId === ''
          ? []
          : queryDocuments(db.appeals, {
              selector: { assigneeId: userId, status },
              sort: [{ assigneeId: 'asc' }, { status: 'asc' }, { dueAt: 'asc' }],
              limit: readLimit,
            }),
        running ? db.appeals.count({ selector: { status, dueAt: { $lt: since } } }).exec() : 0,
      ]);
      return { due, mine, older };
    }),
  );
  const byId = new Map<string, AlertAppeal>();
  for (const { due, mine } of perStatus) for (const appeal of [...due, ...mine]) byId.set(appeal.id, appeal);
  return {
    appeals: [...byId.values()],
    olderOverdueCount: perStatus.reduce((sum, { older }) => sum + older, 0),
  };
}

/** Starts watching; returns the function that stops it. */
export function watchDeadlines(options: WatchDeadlinesOptions): () => void {
  const { db, bridge, storage, userId } = options;
  const now = options.now ?? Date.now;
  const key = alertMemoryKey(db.name);
  let memory: AlertMemory = parseAlertMemory(storage?.getItem(key) ?? null);
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  let lastCount = -1;

  async function tick(): Promise<void> {
    if (stopped) return;
    const at = now();
    const clock = options.clock();
    const { appeals, olderOverdueCount } = await readAlertAppeals(db, userId, at, clock);
    if (stopped) return;
    const decision = decideDeadlineAlerts({ memory, appeals, olderOverdueCount, userId, now: at, clock });
    memory = decision.memory;
    storage?.setItem(key, JSON.stringify(memory));
    if (decision.dueCount !== lastCount) {
      lastCount = decision.dueCount;
      await bridge.setDueCount(decision.dueCount);
    }
    for (const { kind, appeal } of decision.notifications) {
      await bridge.notify({ kind, appealId: appeal.id, ...options.describe(kind, appeal) });
    }
  }
  // Ticks run one after another; a failed one (database closing) is logged and the next one tries again.
  const schedule = () => {
    running = running.then(tick).catch((error: unknown) => {
      if (!stopped) console.warn('okno: deadline alerts', error);
    });
  };

  let subscription: Subscription | null = null;
  let timer: ReturnType<typeof setInterval> | null = null;
  void Promise.resolve(options.ready)
    .catch(() => {})
    .then(() => {
      if (stopped) return;
      schedule();
      subscription = db.appeals.$.pipe(debounceTime(options.debounceMs ?? 1000)).subscribe(schedule);
      timer = setInterval(schedule, options.intervalMs ?? 60_000);
    });

  return () => {
    stopped = true;
    subscription?.unsubscribe();
    if (timer) clearInterval(timer);
  };
}
