import { zoneNamed } from '../domain/calendar/time-zone';
import { formalClock, type OrgDeadlineSettings } from '../domain/deadlines';
import type { Appeal } from './appeal';

/**
 * "Due soon" for a formal clock: its due date falls within three days — the same rule as the answer
 * deadline's «Срок ≤ 3 дней» view and the supervisor's due-soon column (renderer/app/time-left.ts).
 */
const formalClockSoonMs = 3 * 86_400_000;

/** A formal clock that runs for an appeal now, with its due date on the organisation's calendar. */
export interface RunningClock {
  kind: 'forwardToCompetentBody';
  /** `YYYY-MM-DD`: the last day by law (moved to the next working day when it falls on a day off). */
  legalDeadline: string;
  /** `YYYY-MM-DD`: the organisation's own due date (its shift rule), the one badges and counts use. */
  controlDate: string;
  /** The last millisecond of `controlDate` in the organisation's time zone. */
  dueAt: number;
  overdue: boolean;
  /** Not overdue, due within `formalClockSoonMs`. */
  soon: boolean;
}

/** What the running clocks read from an appeal. */
export type RunningClockFields = Pick<Appeal, 'regime' | 'status' | 'registeredAt'>;

/**
 * The formal clocks that run for an appeal at `now`, besides its answer term.
 *
 * - Forwarding (59-FZ art. 8 part 3): an appeal outside the body's competence goes to the competent
 *   body within 7 days of registration, with a notice to the applicant. The clock runs for a formal
 *   appeal in status `registered` — registered, and neither taken into work by a department (take or
 *   assign moves it to `in_progress`: the body has accepted the question as its own) nor forwarded,
 *   merged or closed (art. 11 outcomes, withdrawal and termination close it).
 * - Art. 11 notices: the status machine has no "awaiting an art. 11 decision" state — `apply_art11`
 *   closes the appeal at once — so no art. 11 clock runs here.
 *
 * Pure: `now` and the organisation's settings (`deadlineSettingsOf`) come from the caller. An appeal
 * the engine cannot count (an unusable calendar) gets no clock rather than a wrong one.
 */
export function runningClocks(
  appeal: RunningClockFields,
  org: OrgDeadlineSettings,
  now: number,
): RunningClock[] {
  if (appeal.regime !== 'formal' || appeal.status !== 'registered' || appeal.registeredAt === null) return [];
  try {
    const clock = formalClock('forwardToCompetentBody', new Date(appeal.registeredAt).toISOString(), org);
    const dueAt = zoneNamed(org.timeZone).toUtc(Date.parse(`${clock.controlDate}T23:59:59.999Z`));
    const overdue = dueAt < now;
    return [
      {
        kind: 'forwardToCompetentBody',
        legalDeadline: clock.legalDeadline,
        controlDate: clock.controlDate,
        dueAt,
        overdue,
        soon: !overdue && dueAt < now + formalClockSoonMs,
      },
    ];
  } catch {
    return [];
  }
}

/** The forwarding clock of an appeal, if it runs. */
export function forwardingClock(
  appeal: RunningClockFields,
  org: OrgDeadlineSettings,
  now: number,
): RunningClock | undefined {
  return runningClocks(appeal, org, now).find((clock) => clock.kind === 'forwardToCompetentBody');
}
