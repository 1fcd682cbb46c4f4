import { computeDeadlines, formalClock, formalClocks } from '../../../../shared/domain/deadlines';
import { moscowNext, moscowPrevious } from './deadlines.fixtures';

const formal = (registeredAt: string, extra: Record<string, unknown> = {}) => ({
  regime: 'formal' as const,
  receivedAt: registeredAt,
  registeredAt,
  org: moscowNext,
  ...extra,
});

describe('formal appeals (59-FZ, calendar days)', () => {
  it('is due for registration 3 days after receipt', () => {
    expect(computeDeadlines(formal('2026-03-02')).registrationDue).toBe('2026-03-05');
  });

  it('starts the term the day after registration and ends it 30 days later', () => {
    const result = computeDeadlines(formal('2026-03-02'));
    expect(result).toMatchObject({ legalDeadline: '2026-04-01', controlDate: '2026-04-01', warnings: [] });
  });

  it.each([
    [
      '9 May 2026 (Saturday, Victory Day; Monday 11 May is its transferred day off)',
      '2026-04-09',
      '2026-05-12',
      '2026-05-08',
    ],
    ['the January holidays (3 January 2026)', '2025-12-04', '2026-01-12', '2025-12-30'],
    ['the transferred day off 9 January 2026', '2025-12-10', '2026-01-12', '2025-12-30'],
    ['the transferred day off 31 December 2026 (from 4 January)', '2026-12-01', '2027-01-11', '2026-12-30'],
    ['the New Year holidays of 2027 (3 January 2027)', '2026-12-04', '2027-01-11', '2026-12-30'],
    ['the transferred day off 3 May 2027 (from 1 May)', '2027-04-03', '2027-05-04', '2027-04-30'],
    [
      'the transferred day off 22 February 2027 (from Saturday 20 February)',
      '2027-01-23',
      '2027-02-24',
      '2027-02-20',
    ],
    ['the transferred day off 2 May 2025 (from 4 January)', '2025-04-02', '2025-05-05', '2025-04-30'],
    ['the transferred day off 13 June 2025 (from 8 March)', '2025-05-14', '2025-06-16', '2025-06-11'],
    [
      'a shortened pre-holiday day, which is a working day (8 May 2026)',
      '2026-04-08',
      '2026-05-08',
      '2026-05-08',
    ],
    ['an ordinary Sunday (12 April 2026)', '2026-03-13', '2026-04-13', '2026-04-10'],
  ])(
    'moves the legal deadline to the next working day when it falls on %s',
    (_case, registeredAt, legal, previous) => {
      expect(computeDeadlines(formal(registeredAt))).toMatchObject({
        legalDeadline: legal,
        controlDate: legal,
      });
      expect(computeDeadlines(formal(registeredAt, { org: moscowPrevious }))).toMatchObject({
        legalDeadline: legal,
        controlDate: previous,
      });
    },
  );

  it('sets the control date on the previous working day under the "previous" rule (9 May 2026 → 8 May)', () => {
    expect(computeDeadlines(formal('2026-04-09', { org: moscowPrevious }))).toMatchObject({
      legalDeadline: '2026-05-12',
      controlDate: '2026-05-08',
    });
  });

  it('counts across New Year 2027 on the official 2027 calendar, without a warning', () => {
    const result = computeDeadlines(formal('2026-12-04')); // nominal Sunday 3 January 2027
    expect(result).toMatchObject({ legalDeadline: '2027-01-11', controlDate: '2027-01-11', warnings: [] });
  });

  it('falls back to weekends and art. 112 holidays across the year boundary into 2028, and says so', () => {
    const result = computeDeadlines(formal('2027-12-10'));
    expect(result.legalDeadline).toBe('2028-01-10'); // nominal Sunday 9 January 2028
    expect(result.warnings).toEqual(['deadlines:warnings.calendarMissing']);
    expect(result.warningDetails).toEqual([
      { code: 'deadlines:warnings.calendarMissing', params: { year: 2028 } },
    ]);
  });

  it('gives 20 days for a migration-law report addressed to a governor', () => {
    expect(computeDeadlines(formal('2026-03-02', { special: 'migration-governor' })).legalDeadline).toBe(
      '2026-03-23',
    );
  });

  it('adds an extension of 30 days to the term (60 days in all)', () => {
    expect(computeDeadlines(formal('2026-03-02', { extensionDays: 30 })).legalDeadline).toBe('2026-05-04'); // nominal 1 May
    expect(computeDeadlines(formal('2026-02-02', { extensionDays: 30 })).legalDeadline).toBe('2026-04-03');
  });

  it.each([31, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 1e308, '10'])(
    'refuses an extension of %s days',
    (extensionDays) => {
      expect(() => computeDeadlines(formal('2026-03-02', { extensionDays }))).toThrow(
        expect.objectContaining({ name: 'DeadlineInputError', code: 'deadlines:errors.extensionOutOfRange' }),
      );
    },
  );

  it('counts from the last lawful registration day, with a warning, while the appeal is not registered', () => {
    const result = computeDeadlines({
      regime: 'formal',
      receivedAt: '2026-03-02T10:00:00+03:00',
      org: moscowNext,
    });
    expect(result).toMatchObject({ registrationDue: '2026-03-05', legalDeadline: '2026-04-06' });
    expect(result.warnings).toEqual(['deadlines:warnings.registrationAssumed']);
  });

  it('warns when the appeal was registered after its registration deadline', () => {
    const result = computeDeadlines({ ...formal('2026-03-10'), receivedAt: '2026-03-02' });
    expect(result.warnings).toEqual(['deadlines:warnings.registeredLate']);
    expect(result.legalDeadline).toBe('2026-04-09');
  });

  it('refuses a registration before receipt', () => {
    expect(() => computeDeadlines({ ...formal('2026-03-01'), receivedAt: '2026-03-02' })).toThrow(
      expect.objectContaining({ code: 'deadlines:errors.registeredBeforeReceived' }),
    );
    expect(() =>
      computeDeadlines({ ...formal('2026-03-02T09:00:00+03:00'), receivedAt: '2026-03-02T10:00:00+03:00' }),
    ).toThrow(expect.objectContaining({ code: 'deadlines:errors.registeredBeforeReceived' }));
  });

  it('reads the registration date on the organisation clock: late evening UTC is the next day in Vladivostok', () => {
    const result = computeDeadlines({
      regime: 'formal',
      receivedAt: '2026-03-01T20:00:00Z',
      registeredAt: '2026-03-01T20:30:00Z',
      org: { timeZone: 'Asia/Vladivostok', shiftRule: 'next' },
    });
    expect(result).toMatchObject({ registrationDue: '2026-03-05', legalDeadline: '2026-04-01' });
  });

  it('does not apply an extension or a special case to other regimes', () => {
    expect(() =>
      computeDeadlines({ regime: 'portal', receivedAt: '2026-03-02', extensionDays: 5, org: moscowNext }),
    ).toThrow(expect.objectContaining({ code: 'deadlines:errors.notApplicable' }));
  });
});

describe('other formal clocks', () => {
  it('gives 7 days to forward to the competent body and for art. 11 notices, and 5 for migration-law reports', () => {
    const clocks = formalClocks('2026-03-02', moscowNext);
    expect(clocks.forwardToCompetentBody.legalDeadline).toBe('2026-03-10'); // 9 March 2026 is a day off
    expect(clocks.art11Notice.legalDeadline).toBe('2026-03-10');
    expect(clocks.migrationForwarding.legalDeadline).toBe('2026-03-10'); // 7 March is a Saturday
  });

  it('gives another body 15 days to answer a request for documents', () => {
    expect(formalClock('documentsRequest', '2026-04-24', moscowPrevious)).toMatchObject({
      legalDeadline: '2026-05-12',
      controlDate: '2026-05-08',
    });
  });

  it('keeps the control date on or after the start when a short clock spans long holidays', () => {
    const clock = formalClock('migrationForwarding', '2026-01-01', moscowPrevious);
    expect(clock).toMatchObject({ legalDeadline: '2026-01-12', controlDate: '2026-01-12' });
  });
});
