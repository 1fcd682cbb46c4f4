/**
 * The server's one batch committer (server/src/db/batch-committer.ts), with a commit function that
 * records its groups and is released by the test, so what is committed together is observable.
 */
import { describe, expect, it } from 'vitest';
import { BatchCommitter } from '../../../../../server/src/db/batch-committer';

interface Commit {
  lane: string;
  items: string[];
  release(): void;
}

/** A committer whose commits wait for `release()`; items named `bad*` fail their group. */
function harness(options = { concurrency: 1, maxBatch: 64 }) {
  const commits: Commit[] = [];
  const committer = new BatchCommitter<string, string>(
    (items, lane) =>
      new Promise((resolve, reject) => {
        commits.push({
          lane,
          items: [...items],
          release: () =>
            items.some((item) => item.startsWith('bad'))
              ? reject(new Error(`bad group ${items.join(',')}`))
              : resolve(items.map((item) => `${item}:ok`)),
        });
      }),
    options,
  );
  return { commits, committer };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('BatchCommitter', () => {
  it('commits a lone item at once, and the items that arrive meanwhile as one group after it', async () => {
    const { commits, committer } = harness();
    const first = committer.submit('a');
    expect(commits.map((c) => c.items)).toEqual([['a']]);
    const rest = ['b', 'c', 'd'].map((item) => committer.submit(item));
    expect(commits).toHaveLength(1);
    commits[0]!.release();
    expect(await first).toBe('a:ok');
    await settle();
    expect(commits.map((c) => c.items)).toEqual([['a'], ['b', 'c', 'd']]);
    commits[1]!.release();
    expect(await Promise.all(rest)).toEqual(['b:ok', 'c:ok', 'd:ok']);
  });

  it('retries a failed group item by item, so only the bad item fails', async () => {
    const { commits, committer } = harness();
    const blocker = committer.submit('a');
    const results = ['b', 'bad', 'c'].map((item) => committer.submit(item).catch((e: Error) => e.message));
    commits[0]!.release();
    await blocker;
    await settle();
    commits[1]!.release(); // the group b, bad, c fails
    for (let i = 2; i < 5; i++) {
      await settle();
      expect(commits[i]!.items).toHaveLength(1);
      commits[i]!.release();
    }
    expect(await Promise.all(results)).toEqual(['b:ok', 'bad group bad', 'c:ok']);
    expect(commits.map((c) => c.items)).toEqual([['a'], ['b', 'bad', 'c'], ['b'], ['bad'], ['c']]);
  });

  it('never puts one key in two open groups nor twice in one group; lanes commit independently', async () => {
    const { commits, committer } = harness({ concurrency: 2, maxBatch: 64 });
    const done = [
      committer.submit('x1', { lane: 'org1', key: 'chat-x' }),
      committer.submit('x2', { lane: 'org1', key: 'chat-x' }),
      committer.submit('y1', { lane: 'org1', key: 'chat-y' }),
      committer.submit('z1', { lane: 'org2', key: 'chat-x' }),
    ];
    // x1 opens a group at once; x2 waits for it (same key), y1 takes the second slot.
    expect(commits.map((c) => [c.lane, c.items])).toEqual([
      ['org1', ['x1']],
      ['org1', ['y1']],
      ['org2', ['z1']],
    ]);
    commits[1]!.release();
    await settle();
    expect(commits).toHaveLength(3);
    commits[0]!.release();
    await settle();
    expect(commits[3]).toMatchObject({ lane: 'org1', items: ['x2'] });
    commits[2]!.release();
    commits[3]!.release();
    expect(await Promise.all(done)).toEqual(['x1:ok', 'x2:ok', 'y1:ok', 'z1:ok']);
  });

  it('takes at most maxBatch items per group', async () => {
    const { commits, committer } = harness({ concurrency: 1, maxBatch: 2 });
    const all = ['a', 'b', 'c', 'd'].map((item) => committer.submit(item));
    for (let i = 0; i < 3; i++) {
      await settle();
      commits[i]!.release();
    }
    await Promise.all(all);
    expect(commits.map((c) => c.items)).toEqual([['a'], ['b', 'c'], ['d']]);
  });
});
