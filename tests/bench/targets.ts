/**
 * What a benchmark metric must reach, and how a scenario declares it (issue 15).
 *
 * A scenario module exports `targets: Record<string, BenchTarget>` beside `scenario` and `run()`.
 * For a metric `X` whose cost has a physical limit, `run()` returns both `X` and `XFloor`: the same
 * work measured in the same run with nothing of Okno's design in the way (raw IndexedDB, raw SQL
 * paging, a bare group commit). Absolute timings on shared 2-core machines vary by 10–40 % between
 * runs; the ratio `X / XFloor` (computed by run.ts as `XRatio`) is what compares across machines.
 */
export interface BenchTarget {
  /** The metric must be at most this (times, memory). */
  max?: number;
  /** The metric must be at least this (throughput). */
  min?: number;
  /** X / XFloor must be at most this. */
  ratioMax?: number;
  /** X / XFloor must be at least this (throughput against its ceiling). */
  ratioMin?: number;
  unit: string;
  /** One line: what is measured, and what its floor is. */
  what: string;
}

export type Metrics = Record<string, number>;

export interface TargetCheck {
  metric: string;
  value: number | undefined;
  floor: number | undefined;
  ratio: number | undefined;
  target: BenchTarget;
  /** Which bounds held; `met` only when every stated bound was measured and held. */
  met: boolean;
  /** What was not met or not measured, in words, empty when met. */
  misses: string[];
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Adds `XRatio` for every metric `X` that has a finite, non-zero `XFloor`. */
export function withRatios(metrics: Metrics): Metrics {
  const out: Metrics = { ...metrics };
  for (const [name, value] of Object.entries(metrics)) {
    if (!name.endsWith('Floor')) continue;
    const base = name.slice(0, -'Floor'.length);
    const measured = metrics[base];
    if (measured === undefined || !Number.isFinite(measured) || !Number.isFinite(value) || value === 0)
      continue;
    out[`${base}Ratio`] = round(measured / value, 3);
  }
  return out;
}

export function checkTargets(metrics: Metrics, targets: Record<string, BenchTarget>): TargetCheck[] {
  return Object.entries(targets).map(([metric, target]) => {
    const value = metrics[metric];
    const floor = metrics[`${metric}Floor`];
    const ratio = metrics[`${metric}Ratio`];
    const misses: string[] = [];
    const bound = (
      have: number | undefined,
      limit: number | undefined,
      kind: 'max' | 'min',
      label: string,
    ) => {
      if (limit === undefined) return;
      if (have === undefined || !Number.isFinite(have)) misses.push(`${label} not measured`);
      else if (kind === 'max' ? have > limit : have < limit)
        misses.push(`${label} ${have} ${kind === 'max' ? '>' : '<'} ${limit}`);
    };
    bound(value, target.max, 'max', metric);
    bound(value, target.min, 'min', metric);
    bound(ratio, target.ratioMax, 'max', 'ratio');
    bound(ratio, target.ratioMin, 'min', 'ratio');
    return { metric, value, floor, ratio, target, met: misses.length === 0, misses };
  });
}

function cell(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '—';
  return Math.abs(value) >= 1000 ? Math.round(value).toLocaleString('en-GB') : String(value);
}

const loads = (values: number[]) => values.map((l) => l.toFixed(2)).join(' / ');

function targetText(target: BenchTarget): string {
  const parts: string[] = [];
  if (target.max !== undefined) parts.push(`≤ ${cell(target.max)} ${target.unit}`);
  if (target.min !== undefined) parts.push(`≥ ${cell(target.min)} ${target.unit}`);
  if (target.ratioMax !== undefined) parts.push(`≤ ${target.ratioMax} × floor`);
  if (target.ratioMin !== undefined) parts.push(`≥ ${target.ratioMin} × ceiling`);
  return parts.join(', ');
}

export interface MachineFacts {
  node: string;
  platform: string;
  cpus: number;
  cpuModel: string;
  memoryGb: number;
  date: string;
  loadAverage?: number[];
}

/** When a scenario last ran, how long, and the machine's load average as it started. */
export interface ScenarioRun {
  date: string;
  seconds: number;
  loadAverage: number[];
}

/** The Markdown of docs/BENCHMARKS.md: every scenario's targets, then its other metrics. */
export function benchmarksMarkdown(
  results: Record<string, Metrics | { error: string }>,
  targetsOf: Record<string, Record<string, BenchTarget>>,
  machine: MachineFacts,
  runs: Record<string, ScenarioRun> = {},
): string {
  const lines = [
    '# Benchmarks: each scenario’s last run',
    '',
    'Written by `npm run bench` (tests/bench/run.ts) from `bench-results.json`; do not edit by hand.',
    'Each target is checked against the metric and, where the work has a physical limit, against its',
    'floor measured in the same run (ratio = Okno ÷ floor; for throughput, Okno ÷ ceiling).',
    '',
    `Machine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGb} GiB, ${machine.platform}, Node ${machine.node}` +
      (machine.loadAverage
        ? `; load average at the start ${machine.loadAverage.map((l) => l.toFixed(2)).join(' / ')}`
        : '') +
      `; finished ${machine.date}.`,
    '',
  ];
  for (const [scenario, metrics] of Object.entries(results)) {
    lines.push(`## ${scenario}`, '');
    const run = runs[scenario];
    if (run)
      lines.push(
        `Finished ${run.date} after ${run.seconds} s; load average (1 / 5 / 15 min) as it started: ${loads(run.loadAverage)}.`,
        '',
      );
    if ('error' in metrics && typeof metrics.error === 'string') {
      lines.push(`Failed: ${metrics.error}`, '');
      continue;
    }
    const numbers = metrics as Metrics;
    const targets = targetsOf[scenario] ?? {};
    const checks = checkTargets(numbers, targets);
    if (checks.length > 0) {
      lines.push('| metric | Okno | floor | ratio | target | met | what |', '|---|---|---|---|---|---|---|');
      for (const check of checks) {
        lines.push(
          `| ${check.metric} | ${cell(check.value)} ${check.target.unit} | ${cell(check.floor)} | ${cell(check.ratio)} | ` +
            `${targetText(check.target)} | ${check.met ? 'yes' : `**no** (${check.misses.join('; ')})`} | ${check.target.what} |`,
        );
      }
      lines.push('');
    }
    const shown = new Set(checks.flatMap((c) => [c.metric, `${c.metric}Floor`, `${c.metric}Ratio`]));
    const rest = Object.entries(numbers).filter(([name]) => !shown.has(name));
    if (rest.length > 0) {
      lines.push(checks.length > 0 ? 'Other metrics:' : 'Metrics (no targets):', '');
      lines.push(rest.map(([name, value]) => `\`${name}\` ${cell(value)}`).join(' · '), '');
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
