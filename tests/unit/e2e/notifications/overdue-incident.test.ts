/**
 * The plan behind the deadline-notification journey (tests/e2e/notifications): on any date, an urgent
 * incident that the watcher sees overdue, with the page's clock moved only when the last week had too
 * few working hours.
 */
import fc from 'fast-check';
import { lookBackMs } from '../../../../renderer/features/deadline-alerts/watch';
import { deadlineSettingsOf, defaultOrganisationSettings } from '../../../../shared/model/organisation';
import {
  planOverdueIncident,
  urgentIncidentDueAt,
  watcherLookBackMs,
} from '../../../e2e/notifications/overdue-incident';

const moscow = deadlineSettingsOf(defaultOrganisationSettings);
const at = (iso: string) => Date.parse(iso);
const hour = 3_600_000;

describe('the overdue urgent incident of the deadline-notification journey', () => {
  it('looks back as far as the watcher does', () => {
    expect(watcherLookBackMs).toBe(lookBackMs);
  });

  it('on a Monday morning, is received on Friday afternoon and overdue since a few minutes', () => {
    const now = at('2026-12-07T10:00:00+03:00');
    expect(planOverdueIncident(now, moscow)).toEqual({
      receivedAt: at('2026-12-04T14:58:00+03:00'),
      dueAt: at('2026-12-07T09:58:00+03:00'),
      pageNow: now,
    });
  });

  it('on 4 January, is due before the New Year holidays, still inside the watcher’s week', () => {
    const now = at('2027-01-04T09:00:00+03:00');
    const plan = planOverdueIncident(now, moscow);
    expect(plan.pageNow).toBe(now);
    expect(plan.dueAt).toBeLessThan(at('2026-12-31T00:00:00+03:00'));
    expect(plan.dueAt).toBeGreaterThan(now - lookBackMs);
  });

  it('on the last days of the New Year holidays, moves the page past a fresh incident’s deadline', () => {
    // No working hour since 30 December: nothing received within a week is overdue on 9 January.
    const now = at('2027-01-09T12:00:00+03:00');
    const plan = planOverdueIncident(now, moscow);
    expect(plan.receivedAt).toBeLessThanOrEqual(now);
    expect(plan.dueAt).toBe(at('2027-01-11T13:00:00+03:00'));
    expect(plan.pageNow).toBe(plan.dueAt + 2 * 60_000);
  });

  it('on any date: overdue within the watcher’s week on the page’s clock, moved only when it must be', () => {
    const from = at('2026-01-01T00:00:00+03:00');
    const to = at('2028-01-01T00:00:00+03:00');
    fc.assert(
      fc.property(fc.integer({ min: from, max: to }), (now) => {
        const plan = planOverdueIncident(now, moscow);
        expect(plan.receivedAt).toBeLessThanOrEqual(now);
        expect(plan.dueAt).toBe(urgentIncidentDueAt(plan.receivedAt, moscow));
        expect(plan.dueAt).toBeLessThan(plan.pageNow);
        // An hour of the journey's own running time stays inside the look-back.
        expect(plan.dueAt).toBeGreaterThanOrEqual(plan.pageNow - lookBackMs + hour);
        if (plan.pageNow !== now) {
          expect(urgentIncidentDueAt(now - lookBackMs + hour, moscow)).toBeGreaterThan(now - 2 * 60_000);
        }
      }),
      { numRuns: 300 },
    );
  });
});
