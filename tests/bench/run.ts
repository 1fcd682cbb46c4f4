// Runs every benchmark scenario in tests/bench/*.bench.ts and writes one JSON file,
// bench-results.json at the repository root: { "<scenario>": { "<metric>": number }, machine: {...} }.
// A scenario module exports `scenario` (its name), `run()` returning its metrics and, optionally,
// `targets` (tests/bench/targets.ts): for a metric X with a floor measured in the same run (XFloor),
// XRatio = X / XFloor is added here, and every target is checked and printed.
// Every run also writes docs/BENCHMARKS.md, the table of each scenario's last run with the machine,
// when it ran and the load average at its start (bench-results.json's `runs`).
// `npm run bench -- deadlines` runs only the named scenarios and keeps the other scenarios' last results.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  type BenchTarget,
  benchmarksMarkdown,
  checkTargets,
  type MachineFacts,
  type ScenarioRun,
  withRatios,
} from './targets';

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
const loadNow = () => os.loadavg().map((l) => Math.round(l * 100) / 100);
const loadAverage = loadNow();
const runs = (results.runs ?? {}) as Record<string, ScenarioRun>;
let failed = false;
for (const file of files) {
  const mod = (await import(pathToFileURL(path.join(here, file)).href)) as BenchScenario;
  targetsOf[mod.scenario] = mod.targets ?? {};
  if (only.size > 0 && !only.has(mod.scenario)) continue;
  const started = Date.now();
  const loadAtStart = loadNow();
  try {
    const metrics = withRatios(await mod.run());
    results[mod.scenario] = metrics;
    runs[mod.scenario] = {
      date: new Date().toISOString(),
      seconds: Math.round((Date.now() - started) / 1000),
      loadAverage: loadAtStart,
    };
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
results.runs = runs;
writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
console.log(`bench: wrote ${resultsFile}`);
const { machine: _machine, runs: _runs, ...scenarios } = results;
const table = path.join(root, 'docs', 'BENCHMARKS.md');
writeFileSync(
  table,
  benchmarksMarkdown(scenarios as Parameters<typeof benchmarksMarkdown>[0], targetsOf, machine, runs),
);
console.log(`bench: wrote ${table}`);
process.exit(failed ? 1 : 0);
