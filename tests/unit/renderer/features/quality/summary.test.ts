import { describe, expect, it } from 'vitest';
import { helpedShare } from '../../../../../renderer/features/quality/summary';

describe('the share of «помог» (issue 14)', () => {
  it('counts «да» among those who answered, in whole percent', () => {
    expect(helpedShare({ yes: 3, partly: 3, no: 4 })).toBe('30 %');
    expect(helpedShare({ yes: 2, partly: 0, no: 1 })).toBe('67 %');
  });

  it('says «—» when nobody answered yet', () => {
    expect(helpedShare({ yes: 0, partly: 0, no: 0 })).toBe('—');
  });
});
