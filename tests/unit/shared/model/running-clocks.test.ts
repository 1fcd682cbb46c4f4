import type { AppealStatus } from '../../../../shared/model';
import { forwardingClock, runningClocks } from '../../../../shared/model/running-clocks';
import { moscowNext, moscowPrevious } from '../../shared/domain/deadlines.fixtures';

/** Registered on Monday 2 March 2026 at noon, Moscow time (09:00 UTC). */
const registeredAt = Date.UTC(2026, 2, 2, 9);
const registered = { regime: 'formal' as const, status: 'registered' as AppealStatus, registeredAt };
/** A moment on a Moscow wall-clock date. */
const at = (date: string, time = '12:00') => Date.parse(`${date}T${time}:00+03:00`);

describe('the formal clocks running for an appeal (59-FZ art. 8 part 3)', () => {
  it('runs the 7-day forwarding clock for a registered appeal, moved past the 9 March holiday', () => {
    expect(runningClocks(registered, moscowNext, at('2026-03-03'))).toEqual([
      {
        kind: 'forwardToCompetentBody',
        legalDeadline: '2026-03-10',
        controlDate: '2026-03-10',
        dueAt: at('2026-03-10', '23:59') + 59_999,
        overdue: false,
        soon: false,
      },
    ]);
  });

  it('keeps the organisation’s control date on the working day before the holidays with the previous rule', () => {
    const clock = forwardingClock(registered, moscowPrevious, at('2026-03-03'));
    expect(clock).toMatchObject({ legalDeadline: '2026-03-10', controlDate: '2026-03-06' });
  });

  it('is due soon within three days and overdue the day after its due date, not before', () => {
    expect(forwardingClock(registered, moscowNext, at('2026-03-07'))).toMatchObject({
      soon: false,
      overdue: false,
    });
    expect(forwardingClock(registered, moscowNext, at('2026-03-08'))).toMatchObject({
      soon: true,
      overdue: false,
    });
    expect(forwardingClock(registered, moscowNext, at('2026-03-10', '23:59'))).toMatchObject({
      overdue: false,
    });
    expect(forwardingClock(registered, moscowNext, at('2026-03-11', '00:00'))).toMatchObject({
      soon: false,
      overdue: true,
    });
  });

  it.each([
    ['received, not registered yet', { status: 'received' as AppealStatus, registeredAt: null }],
    ['taken into work by a department', { status: 'in_progress' as AppealStatus }],
    ['waiting for documents', { status: 'documents_requested' as AppealStatus }],
    ['forwarded', { status: 'forwarded' as AppealStatus }],
    ['closed (an art. 11 outcome or an answer)', { status: 'closed' as AppealStatus }],
    ['merged', { status: 'merged' as AppealStatus }],
  ])('runs no forwarding clock for an appeal %s', (_, change) => {
    expect(runningClocks({ ...registered, ...change }, moscowNext, at('2026-03-03'))).toEqual([]);
  });

  it('runs no forwarding clock for a portal message or an incident', () => {
    for (const regime of ['portal', 'incident'] as const) {
      expect(runningClocks({ ...registered, regime }, moscowNext, at('2026-03-03'))).toEqual([]);
    }
  });

  it('runs no art. 11 clock: an art. 11 outcome closes the appeal at once', () => {
    const kinds = runningClocks(registered, moscowNext, at('2026-03-03')).map((clock) => clock.kind);
    expect(kinds).toEqual(['forwardToCompetentBody']);
  });
});
