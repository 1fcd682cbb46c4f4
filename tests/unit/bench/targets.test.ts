import { describe, expect, it } from 'vitest';
import { benchmarksMarkdown, checkTargets, withRatios } from '../../bench/targets';

const machine = {
  node: 'v20.0.0',
  platform: 'linux 6',
  cpus: 2,
  cpuModel: 'AMD EPYC',
  memoryGb: 24,
  date: '2026-12-06T00:00:00.000Z',
  loadAverage: [1.5, 1, 0.5],
};

describe('bench targets', () => {
  it('adds X/XFloor as XRatio only where both are measured', () => {
    const metrics = withRatios({
      pullSeconds: 12,
      pullSecondsFloor: 8,
      renderMs: 300,
      lonelyFloor: 5,
      zeroFloor: 0,
      zero: 1,
    });
    expect(metrics.pullSecondsRatio).toBe(1.5);
    expect(metrics).not.toHaveProperty('renderMsRatio');
    expect(metrics).not.toHaveProperty('lonelyRatio');
    expect(metrics).not.toHaveProperty('zeroRatio');
  });

  it('checks every bound and names what missed or was not measured', () => {
    const metrics = withRatios({ pull: 12, pullFloor: 10, intake: 900, intakeFloor: 1000, render: 250 });
    const checks = checkTargets(metrics, {
      pull: { ratioMax: 1.2, unit: 's', what: 'pull' },
      intake: { ratioMin: 0.8, min: 1000, unit: '/s', what: 'intake' },
      render: { max: 300, unit: 'ms', what: 'render' },
      heap: { max: 250, unit: 'MB', what: 'heap' },
    });
    expect(checks.map((c) => [c.metric, c.met])).toEqual([
      ['pull', true],
      ['intake', false],
      ['render', true],
      ['heap', false],
    ]);
    expect(checks[1]?.misses).toEqual(['intake 900 < 1000']);
    expect(checks[3]?.misses).toEqual(['heap not measured']);
  });

  it('writes a table with the machine, the floor, the ratio and whether each target was met', () => {
    const markdown = benchmarksMarkdown(
      { sync: withRatios({ pull: 13, pullFloor: 10, other: 4 }), broken: { error: 'Error: boom' } },
      { sync: { pull: { ratioMax: 1.2, unit: 's', what: 'pull of 100,000' } } },
      machine,
      { sync: { date: '2026-12-06T01:00:00.000Z', seconds: 95, loadAverage: [3, 2.5, 2] } },
    );
    expect(markdown).toContain('2 × AMD EPYC, 24 GiB');
    expect(markdown).toContain(
      'Finished 2026-12-06T01:00:00.000Z after 95 s; load average (1 / 5 / 15 min) as it started: 3.00 / 2.50 / 2.00.',
    );
    expect(markdown).toContain('load average at the start 1.50 / 1.00 / 0.50');
    expect(markdown).toContain(
      '| pull | 13 s | 10 | 1.3 | ≤ 1.2 × floor | **no** (ratio 1.3 > 1.2) | pull of 100,000 |',
    );
    expect(markdown).toContain('`other` 4');
    expect(markdown).toContain('Failed: Error: boom');
  });
});
