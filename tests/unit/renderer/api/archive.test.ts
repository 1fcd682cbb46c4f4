import { describe, expect, it } from 'vitest';
import { archiveSearchPath, parseApplicantHistory, parseArchivePage } from '../../../../renderer/api/archive';
import { appealFixture } from '../../shared/model/fixtures';

describe('answers of the archive search and the applicant history', () => {
  it('puts only the given filters into the search path', () => {
    expect(archiveSearchPath({ q: 'яма на дороге', closedBefore: 5, channel: undefined })).toBe(
      '/api/v1/archive/appeals?q=%D1%8F%D0%BC%D0%B0+%D0%BD%D0%B0+%D0%B4%D0%BE%D1%80%D0%BE%D0%B3%D0%B5&closedBefore=5',
    );
  });

  it('keeps the appeals of a page and drops malformed ones', () => {
    const appeal = appealFixture();
    expect(parseArchivePage({ appeals: [appeal, { id: 'x' }, 'junk'], next: '5:a' })).toEqual({
      appeals: [appeal],
      next: '5:a',
    });
    expect(parseArchivePage('nonsense')).toEqual({ appeals: [], next: null });
  });

  it('reads the applicant’s appeals with their evidence and the repeat mark', () => {
    const history = parseApplicantHistory({
      appeals: [
        {
          id: 'a1',
          registrationNumber: null,
          status: 'closed',
          regime: 'incident',
          channel: 'vk',
          subject: 'Яма',
          category: 'roads',
          receivedAt: 10,
          closedAt: 20,
          evidence: ['phone', 'category', 7],
          repeatCandidate: true,
        },
        { id: 'broken' },
      ],
      repeatOf: { previousId: 'a1', evidence: ['phone'], markedAt: 30 },
      repeatedBy: ['b2', 3],
    });
    expect(history.appeals).toHaveLength(1);
    expect(history.appeals[0]).toMatchObject({
      id: 'a1',
      evidence: ['phone', 'category'],
      repeatCandidate: true,
    });
    expect(history.repeatOf).toEqual({ previousId: 'a1', evidence: ['phone'], markedAt: 30 });
    expect(history.repeatedBy).toEqual(['b2']);
  });
});
