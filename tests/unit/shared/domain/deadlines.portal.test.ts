import { computeDeadlines } from '../../../../shared/domain/deadlines';
import { moscowNext, moscowPrevious } from './deadlines.fixtures';

const portal = (receivedAt: string, extra: Record<string, unknown> = {}) => ({
  regime: 'portal' as const,
  receivedAt,
  category: 'roads',
  org: moscowNext,
  ...extra,
});

describe('portal messages (working days by category)', () => {
  it('counts 10 working days from the next working day after receipt', () => {
    expect(computeDeadlines(portal('2026-03-02T11:00:00+03:00'))).toEqual({
      legalDeadline: '2026-03-17', // 9 March 2026 is a transferred day off
      controlDate: '2026-03-17',
      warnings: [],
      warningDetails: [],
    });
  });

  it('skips 9 May 2026 and its transferred Monday when received on the shortened Friday before it', () => {
    expect(computeDeadlines(portal('2026-05-08T20:00:00+03:00')).legalDeadline).toBe('2026-05-25');
  });

  it('skips the January holidays and the transferred 9 January 2026', () => {
    expect(computeDeadlines(portal('2025-12-29')).legalDeadline).toBe('2026-01-22');
  });

  it('lands on a working day under either shift rule, so the control date equals the legal deadline', () => {
    expect(computeDeadlines(portal('2026-05-08', { org: moscowPrevious }))).toMatchObject({
      legalDeadline: '2026-05-25',
      controlDate: '2026-05-25',
    });
  });

  it('uses the term the organisation set for the category', () => {
    const org = { ...moscowNext, portalTermDays: { roads: 5, lighting: 3 } };
    expect(computeDeadlines(portal('2026-03-02', { org })).legalDeadline).toBe('2026-03-10');
    expect(computeDeadlines(portal('2026-03-02', { org, category: 'lighting' })).legalDeadline).toBe(
      '2026-03-05',
    );
  });

  it('uses 10 working days for an unknown category, and says so', () => {
    const result = computeDeadlines(portal('2026-03-02', { category: 'драконы' }));
    expect(result.legalDeadline).toBe('2026-03-17');
    expect(result.warningDetails).toEqual([
      { code: 'deadlines:warnings.portalCategoryDefault', params: { category: 'драконы', days: 10 } },
    ]);
  });

  it('reads the day of receipt on the organisation clock (23:30 UTC on Sunday is Monday in Moscow)', () => {
    expect(computeDeadlines(portal('2026-03-01T23:30:00Z')).legalDeadline).toBe('2026-03-17');
  });

  it('counts working days over the New Year holidays of 2027 on the official calendar', () => {
    const result = computeDeadlines(portal('2026-12-28'));
    expect(result.legalDeadline).toBe('2027-01-20');
    expect(result.warnings).toEqual([]);
  });

  it('falls back to weekends and art. 112 holidays in 2028 and warns', () => {
    const result = computeDeadlines(portal('2027-12-28'));
    expect(result.legalDeadline).toBe('2028-01-19');
    expect(result.warnings).toEqual(['deadlines:warnings.calendarMissing']);
  });

  it.each([0, -3, 2.5, 1e9, 'ten'])('refuses an organisation term of %s days', (days) => {
    const org = { ...moscowNext, portalTermDays: { roads: days } };
    expect(() => computeDeadlines(portal('2026-03-02', { org }))).toThrow(
      expect.objectContaining({ code: 'deadlines:errors.invalidSetting' }),
    );
  });
});
