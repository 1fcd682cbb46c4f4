// Runs every benchmark scenario in tests/bench/*.bench.ts and writes one JSON file,
// bench-results.json at the repository root: { "<scenario>": { "<metric>": number }, machine: {...} }.
// A scenario module exports `scenario` (its name) and `run()` returning its metrics.
// `npm run bench -- deadlines` runs only the named scenarios and keeps the other scenarios' last results.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface BenchScenario {
  scenario: string;
  run(): Promise<Record<string, number>>;
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
let failed = false;
for (const file of files) {
  const mod = (await import(pathToFileURL(path.join(here, file)).href)) as BenchScenario;
  if (only.size > 0 && !only.has(mod.scenario)) continue;
  const started = Date.now();
  try {
    results[mod.scenario] = await mod.run();
    console.log(
      `bench ${mod.scenario}: ${JSON.stringify(results[mod.scenario])} (${Date.now() - started} ms)`,
    );
  } catch (error) {
    failed = true;
    results[mod.scenario] = { error: String(error) };
    console.error(`bench ${mod.scenario} failed:`, error);
  }
}
results.machine = {
  node: process.version,
  platform: `${os.platform()} ${os.release()}`,
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model ?? 'unknown',
  memoryGb: Math.round(os.totalmem() / 2 ** 30),
  date: new Date().toISOString(),
};
writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
console.log(`bench: wrote ${resultsFile}`);
process.exit(failed ? 1 : 0);
