import { computeDeadlines } from '../../../../shared/domain/deadlines';
import { moscowNext, vladivostok } from './deadlines.fixtures';

const incident = (receivedAt: string, extra: Record<string, unknown> = {}) => ({
  regime: 'incident' as const,
  receivedAt,
  org: vladivostok,
  ...extra,
});

describe('incidents (working hours)', () => {
  it('continues on Monday 09:00 Vladivostok time for an incident received on Friday at 17:30', () => {
    expect(computeDeadlines(incident('2026-05-15T17:30:00+10:00'))).toEqual({
      legalDeadline: '2026-05-18T16:30:00+10:00',
      controlDate: '2026-05-18T16:30:00+10:00',
      warnings: [],
      warningDetails: [],
    });
  });

  it('reads a UTC timestamp on the Vladivostok clock (07:30Z is 17:30 there)', () => {
    expect(computeDeadlines(incident('2026-05-15T07:30:00Z')).legalDeadline).toBe(
      '2026-05-18T16:30:00+10:00',
    );
  });

  it('skips a Monday holiday: Friday 8 May 2026 (shortened, closes 17:00) → Tuesday 12 May', () => {
    expect(computeDeadlines(incident('2026-05-08T17:30:00+10:00')).legalDeadline).toBe(
      '2026-05-12T17:00:00+10:00',
    );
  });

  it('ends the shortened pre-holiday day one hour early (30 April 2026 closes at 17:00)', () => {
    const result = computeDeadlines(incident('2026-04-30T10:00', { org: moscowNext }));
    expect(result.legalDeadline).toBe('2026-05-04T10:00:00+03:00');
  });

  it('ends at closing time when the term uses up the day exactly', () => {
    expect(computeDeadlines(incident('2026-05-14T10:00:00+10:00')).legalDeadline).toBe(
      '2026-05-14T18:00:00+10:00',
    );
  });

  it('starts counting at opening time for an incident received at night or at the weekend', () => {
    expect(computeDeadlines(incident('2026-05-14T06:15:00+10:00')).legalDeadline).toBe(
      '2026-05-14T17:00:00+10:00',
    );
    expect(computeDeadlines(incident('2026-05-16T12:00:00+10:00')).legalDeadline).toBe(
      '2026-05-18T17:00:00+10:00',
    );
  });

  it('gives an urgent incident 4 working hours', () => {
    expect(computeDeadlines(incident('2026-05-15T16:00:00+10:00', { urgent: true })).legalDeadline).toBe(
      '2026-05-18T11:00:00+10:00',
    );
  });

  it('uses the organisation working hours and term', () => {
    const org = { ...vladivostok, workingHours: { start: '08:00', end: '17:00' }, incidentSlaHours: 9 };
    expect(computeDeadlines(incident('2026-05-15T16:00:00+10:00', { org })).legalDeadline).toBe(
      '2026-05-18T16:00:00+10:00',
    );
  });

  it.each([
    ['Europe/Kaliningrad', '2026-05-15T17:30:00+02:00', '2026-05-18T16:30:00+02:00'],
    ['Asia/Yekaterinburg', '2026-05-15T17:30:00+05:00', '2026-05-18T16:30:00+05:00'],
    ['Asia/Kamchatka', '2026-05-15T17:30:00+12:00', '2026-05-18T16:30:00+12:00'],
  ])('returns the deadline with the offset of %s', (timeZone, receivedAt, expected) => {
    expect(
      computeDeadlines(incident(receivedAt, { org: { timeZone, shiftRule: 'next' } })).legalDeadline,
    ).toBe(expected);
  });

  it('follows a clock change in a zone that has one (Berlin switches to summer time on 29 March 2026)', () => {
    const org = { timeZone: 'Europe/Berlin', shiftRule: 'next' as const };
    expect(computeDeadlines(incident('2026-03-27T17:00:00+01:00', { org })).legalDeadline).toBe(
      '2026-03-30T16:00:00+02:00',
    );
  });

  it('skips the New Year holidays of 2027 on the official calendar, without a warning', () => {
    const result = computeDeadlines(incident('2027-01-06T12:00:00+10:00'));
    expect(result.legalDeadline).toBe('2027-01-11T17:00:00+10:00');
    expect(result.warningDetails).toEqual([]);
  });

  it('falls back to the art. 112 holidays in 2028 and warns', () => {
    const result = computeDeadlines(incident('2028-01-06T12:00:00+10:00'));
    expect(result.legalDeadline).toBe('2028-01-10T17:00:00+10:00');
    expect(result.warningDetails).toEqual([
      { code: 'deadlines:warnings.calendarMissing', params: { year: 2028 } },
    ]);
  });

  it.each([
    [{ start: '18:00', end: '09:00' }],
    [{ start: '09:00', end: '09:30' }],
    [{ start: '9', end: '18' }],
    [{ start: '25:00', end: '26:00' }],
  ])('refuses working hours %j', (workingHours) => {
    expect(() =>
      computeDeadlines(incident('2026-05-15T10:00', { org: { ...vladivostok, workingHours } })),
    ).toThrow(expect.objectContaining({ code: 'deadlines:errors.invalidWorkingHours' }));
  });
});
