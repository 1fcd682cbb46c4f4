// Runs every benchmark scenario in tests/bench/*.bench.ts and writes one JSON file,
// bench-results.json at the repository root: { "<scenario>": { "<metric>": number }, machine: {...} }.
// A scenario module exports `scenario` (its name), `run()` returning its metrics and, optionally,
// `targets` (tests/bench/targets.ts): for a metric X with a floor measured in the same run (XFloor),
// XRatio = X / XFloor is added here, and every target is checked and printed.
// A full run also writes docs/BENCHMARKS.md, the table of the last run with the machine it ran on.
// `npm run bench -- deadlines` runs only the named scenarios and keeps the other scenarios' last results.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type BenchTarget, benchmarksMarkdown, checkTargets, type MachineFacts, withRatios } from './targets';

export interface BenchScenario {
  scenario: string;
  run(): Promise<Record<string, number>>;
  targets?: Record<string, BenchTarget>;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const only = new Set(process.argv.slice(2));

const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .sort();
const resultsFile = path.join(root, 'bench-results.json');
const results: Record<string, unknown> =
  only.size > 0 && existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, 'utf8')) : {};
const targetsOf: Record<string, Record<string, BenchTarget>> = {};
const loadAverage = os.loadavg().map((l) => Math.round(l * 100) / 100);
let failed = false;
for (const file of files) {
  const mod = (await import(pathToFileURL(path.join(here, file)).href)) as BenchScenario;
  targetsOf[mod.scenario] = mod.targets ?? {};
  if (only.size > 0 && !only.has(mod.scenario)) continue;
  const started = Date.now();
  try {
    const metrics = withRatios(await mod.run());
    results[mod.scenario] = metrics;
    console.log(`bench ${mod.scenario}: ${JSON.stringify(metrics)} (${Date.now() - started} ms)`);
    for (const check of checkTargets(metrics, mod.targets ?? {})) {
      const ratio = check.ratio === undefined ? '' : ` (floor ${check.floor}, ratio ${check.ratio})`;
      console.log(
        `bench ${mod.scenario} target ${check.metric}: ${check.value}${ratio} ${check.met ? 'met' : `MISSED: ${check.misses.join('; ')}`}`,
      );
    }
  } catch (error) {
    failed = true;
    results[mod.scenario] = { error: String(error) };
    console.error(`bench ${mod.scenario} failed:`, error);
  }
}
const machine: MachineFacts = {
  node: process.version,
  platform: `${os.platform()} ${os.release()}`,
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model ?? 'unknown',
  memoryGb: Math.round(os.totalmem() / 2 ** 30),
  date: new Date().toISOString(),
  loadAverage,
};
results.machine = machine;
writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
console.log(`bench: wrote ${resultsFile}`);
if (only.size === 0) {
  const { machine: _machine, ...scenarios } = results;
  const table = path.join(root, 'docs', 'BENCHMARKS.md');
  writeFileSync(
    table,
    benchmarksMarkdown(scenarios as Parameters<typeof benchmarksMarkdown>[0], targetsOf, machine),
  );
  console.log(`bench: wrote ${table}`);
}
process.exit(failed ? 1 : 0);
