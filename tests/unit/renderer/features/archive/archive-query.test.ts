import { describe, expect, it } from 'vitest';
import {
  archiveSelector,
  byClosure,
  noArchiveFilters,
  serverArchiveQuery,
} from '../../../../../renderer/features/archive/archive-query';
import { localArchiveCutoff } from '../../../../../shared/model/archive';

const now = Date.UTC(2026, 11, 6, 9, 0);

describe('the archive’s filters', () => {
  it('lists every closed status by default and one when asked, with the other filters as conditions', () => {
    expect(archiveSelector(noArchiveFilters)).toEqual({
      status: { $in: ['closed', 'forwarded', 'merged', 'converted'] },
    });
    expect(
      archiveSelector({
        ...noArchiveFilters,
        status: 'forwarded',
        channel: 'vk',
        departmentId: '',
        assigneeId: '',
        category: 'roads',
      }),
    ).toEqual({
      status: { $in: ['forwarded'] },
      channel: 'vk',
      departmentId: '',
      assigneeId: '',
      category: 'roads',
    });
  });

  it('asks the server only for what this desktop does not keep, with the same filters and the words trimmed', () => {
    expect(
      serverArchiveQuery({ ...noArchiveFilters, words: '  фонарь ', regime: 'formal' }, now, 'c'),
    ).toEqual({
      q: 'фонарь',
      regime: 'formal',
      closedBefore: localArchiveCutoff(now),
      cursor: 'c',
    });
    expect(serverArchiveQuery(noArchiveFilters, now)).toEqual({ closedBefore: localArchiveCutoff(now) });
  });

  it('orders by the newest closure first', () => {
    const appeals = [
      { id: 'a', closedAt: 1 },
      { id: 'b', closedAt: 3 },
      { id: 'c', closedAt: null },
      { id: 'd', closedAt: 2 },
    ];
    expect([...appeals].sort(byClosure).map((a) => a.id)).toEqual(['b', 'd', 'a', 'c']);
  });
});
