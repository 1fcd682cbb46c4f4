import { deadlineClockOf } from '../../../../renderer/app/deadline-clock';
import { timeLeft } from '../../../../renderer/app/time-left';
import { defaultOrganisationSettings } from '../../../../shared/model/organisation';
import { noDueAt } from '../../../../shared/model/primitives';
import { appealFixture } from '../../shared/model/fixtures';

const moscow = deadlineClockOf(defaultOrganisationSettings);
// 2025-04-28 12:00 in Moscow (a Monday).
const now = Date.UTC(2025, 3, 28, 9, 0);

describe('time left on the appeal’s own clock', () => {
  it('counts calendar days to the control date of a formal appeal', () => {
    const appeal = appealFixture({ controlDate: '2025-05-02', dueAt: Date.UTC(2025, 4, 2, 20, 59) });
    expect(timeLeft(appeal, now, moscow)).toEqual({ kind: 'days', value: 4, overdue: false });
  });

  it('counts working days for a portal message, skipping the May holidays', () => {
    // 1–4 May 2025 are days off; 5 May is a working day.
    const appeal = appealFixture({
      regime: 'portal',
      controlDate: '2025-05-05',
      dueAt: Date.UTC(2025, 4, 5, 15),
    });
    expect(timeLeft(appeal, now, moscow)).toEqual({ kind: 'workingDays', value: 3, overdue: false });
  });

  it('counts hours for an incident, and says when it is overdue', () => {
    const incident = appealFixture({ regime: 'incident', dueAt: now - 2 * 3_600_000 });
    expect(timeLeft(incident, now, moscow)).toEqual({ kind: 'hours', value: 2, overdue: true });
  });

  it('shows nothing for a closed appeal or one without a deadline', () => {
    expect(timeLeft(appealFixture({ closedAt: now }), now, moscow)).toEqual({ kind: 'none' });
    expect(
      timeLeft(appealFixture({ dueAt: noDueAt, controlDate: null, legalDeadline: null }), now, moscow),
    ).toEqual({
      kind: 'none',
    });
  });

  it('defect 7: an answered appeal waits for closure and no longer counts down', () => {
    const answered = appealFixture({ status: 'answered', controlDate: '2025-05-02', dueAt: now - 3_600_000 });
    expect(timeLeft(answered, now, moscow)).toEqual({ kind: 'answered' });
  });
});
