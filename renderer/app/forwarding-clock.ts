import type { Appeal } from '../../shared/model/appeal';
import { forwardingClock, type RunningClock } from '../../shared/model/running-clocks';
import type { DeadlineClock } from './deadline-clock';

/**
 * The 7-day forwarding clock (59-FZ art. 8 part 3) of an appeal, on the organisation's calendar, if it
 * runs (shared/model/running-clocks.ts): for the inbox row, the appeal's deadline panel, the
 * «Переадресация: срок 7 дней» view and the supervisor's counts alike.
 */
export function forwardingDue(
  appeal: Pick<Appeal, 'regime' | 'status' | 'registeredAt'>,
  now: number,
  clock: DeadlineClock,
): RunningClock | undefined {
  return forwardingClock(appeal, clock.engine, now);
}

/** `DD.MM` of a `YYYY-MM-DD` date, as the badge «Переадресовать до DD.MM» shows it. */
export function dayAndMonth(date: string): string {
  return `${date.slice(8, 10)}.${date.slice(5, 7)}`;
}
