/**
 * When to have received an urgent incident so that the deadline watcher sees it overdue, on any date.
 *
 * The watcher notifies an appeal whose deadline passed within the week it looks back
 * (renderer/features/deadline-alerts/watch.ts). An urgent incident is due four working hours after
 * it arrives, so "received N hours ago" is overdue on most days and not on others: the New Year
 * holidays hold no working hour for ten days. The plan asks the deadline engine, with the
 * organisation's own settings, for the latest receipt whose deadline has passed; when the last week
 * holds too few working hours (the end of a long holiday), the page's clock is set just past the
 * deadline of an incident received now instead.
 */
import { computeDeadlines, type OrgDeadlineSettings } from '../../../shared/domain/deadlines';

/** The watcher's look-back (`lookBackMs` in watch.ts; a unit test keeps the two equal). */
export const watcherLookBackMs = 7 * 86_400_000;
/** The deadline passed at least this long before the page's "now". */
const overdueBy = 2 * 60_000;
/** Room for the journey's own run: its deadline stays inside the look-back while the test runs. */
const runningTime = 60 * 60_000;

export interface OverdueIncidentPlan {
  /** When the incident was received (never after `now`: the server takes it as a desktop's record). */
  readonly receivedAt: number;
  /** The deadline the engine gives it, which the server must store. */
  readonly dueAt: number;
  /** Where the page's clock stands: `now`, or later when the last week had too few working hours. */
  readonly pageNow: number;
}

/** The deadline of an urgent incident received at `receivedAt` (epoch ms). */
export function urgentIncidentDueAt(receivedAt: number, org: OrgDeadlineSettings): number {
  const { controlDate } = computeDeadlines({
    regime: 'incident',
    urgent: true,
    receivedAt: new Date(receivedAt).toISOString(),
    org,
  });
  return Date.parse(controlDate);
}

export function planOverdueIncident(now: number, org: OrgDeadlineSettings): OverdueIncidentPlan {
  const dueAt = (receivedAt: number) => urgentIncidentDueAt(receivedAt, org);
  const minute = 60_000;
  const latestDue = now - overdueBy;
  // A deadline never comes earlier for a later receipt: search the latest minute of receipt whose
  // deadline is past, within the look-back.
  let low = Math.ceil((now - watcherLookBackMs + runningTime) / minute);
  let high = Math.floor(latestDue / minute);
  if (dueAt(low * minute) <= latestDue) {
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if (dueAt(middle * minute) <= latestDue) low = middle;
      else high = middle - 1;
    }
    return { receivedAt: low * minute, dueAt: dueAt(low * minute), pageNow: now };
  }
  // Even a receipt a week ago is not overdue yet: move the page to just past a fresh incident's deadline.
  const receivedAt = now - overdueBy;
  const due = dueAt(receivedAt);
  return { receivedAt, dueAt: due, pageNow: due + overdueBy };
}
