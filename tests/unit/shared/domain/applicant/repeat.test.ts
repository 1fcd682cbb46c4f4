import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recentRepeatDays, repeatEvidence } from '../../../../../shared/domain/applicant/repeat';

const day = 86_400_000;
const now = Date.UTC(2026, 11, 6, 9, 0);
const appeal = {
  subject: 'Горячей воды нет третий день',
  category: 'utilities',
  receivedAt: now,
  closedAt: null,
};

describe('a repeated appeal', () => {
  it('repeats an earlier open appeal on the same category and subject words, in other forms', () => {
    const earlier = {
      subject: 'Нет горячей воды в доме',
      category: 'utilities',
      receivedAt: now - day,
      closedAt: null,
    };
    expect(repeatEvidence(appeal, earlier)).toEqual(['category', 'subject']);
  });

  it('repeats an appeal closed within the recent days, not one closed longer ago', () => {
    const closed = (daysAgo: number) => ({
      subject: 'Запись к врачу',
      category: 'utilities',
      receivedAt: now - (daysAgo + 5) * day,
      closedAt: now - daysAgo * day,
    });
    expect(repeatEvidence(appeal, closed(recentRepeatDays - 1))).toEqual(['category']);
    expect(repeatEvidence(appeal, closed(recentRepeatDays + 1))).toEqual([]);
  });

  it('is not a repeat of a later appeal, nor of one on another subject', () => {
    expect(repeatEvidence(appeal, { ...appeal, receivedAt: now + 1 })).toEqual([]);
    expect(
      repeatEvidence(appeal, {
        subject: 'Запись в детский сад',
        category: 'education',
        receivedAt: now - day,
        closedAt: null,
      }),
    ).toEqual([]);
  });

  it('never calls an appeal a repeat of itself or of a later one (property)', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.option(fc.constantFrom('roads', 'utilities')),
        fc.nat(),
        (subject, category, later) => {
          const a = { subject, category, receivedAt: now, closedAt: null };
          expect(repeatEvidence(a, { ...a, receivedAt: now + later })).toEqual([]);
        },
      ),
    );
  });
});
