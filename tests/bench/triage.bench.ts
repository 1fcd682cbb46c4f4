/**
 * Triage benchmark (`npm run bench -- triage`): the shipped model (resources/triage/model.json) as the
 * server and a desktop use it.
 * - modelLoadMs: reading the file, JSON.parse and loadTriageModel (median of 5); modelFileMb its size;
 *   modelHeapMb the heap the loaded model holds (heap after minus before, after a settle);
 * - triageP50Ms / triageP95Ms / triageMaxMs per message: suggestTriage (incident, category, executor,
 *   urgency) with one organisation's department learner, over the team's messages repeated to 3,000
 *   calls after a warm-up, wall clock; triageCpuP95Ms the same in CPU time of the process (on a
 *   shared, loaded machine the wall clock also counts time the process waited for a core);
 *   learnDecisionP95Ms for the learner's one online update.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { learnDecision, newDepartmentLearner } from '../../shared/triage/department-learner';
import { triageEvidence } from '../../shared/triage/evidence';
import { loadTriageModel, type TriageModel } from '../../shared/triage/model';
import { suggestTriage } from '../../shared/triage/suggest';
import { teamSet } from '../unit/shared/triage/team-set';
import type { BenchTarget } from './targets';

export const scenario = 'triage';

/** Issue 13: a suggestion adds at most a few milliseconds per message on an office PC's CPU. */
export const targets: Record<string, BenchTarget> = {
  triageCpuP95Ms: {
    max: 5,
    unit: 'ms',
    what: 'CPU time per message: incident, category, executor, urgency, departments',
  },
  modelLoadMs: { max: 1000, unit: 'ms', what: 'loading the shipped model (resources/triage/model.json)' },
};

const modelFile = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../resources/triage/model.json',
);
const calls = 3000;

const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
const round = (value: number, digits = 3) => Number(value.toFixed(digits));

function load(): TriageModel {
  return loadTriageModel(JSON.parse(readFileSync(modelFile, 'utf8')));
}

async function settle(): Promise<number> {
  (globalThis as { gc?: () => void }).gc?.();
  await new Promise((resolve) => setTimeout(resolve, 50));
  return process.memoryUsage().heapUsed;
}

export async function run(): Promise<Record<string, number>> {
  const heapBefore = await settle();
  const kept = load();
  const modelHeapMb = ((await settle()) - heapBefore) / 2 ** 20;
  const loads: number[] = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    load();
    loads.push(performance.now() - started);
  }
  loads.sort((a, b) => a - b);

  const learner = newDepartmentLearner();
  const texts = teamSet.map((message) => message.text);
  const learning: number[] = [];
  teamSet.forEach((message, i) => {
    const evidence = triageEvidence(kept, message.text);
    const started = performance.now();
    learnDecision(learner, evidence, message.category ? `dep-${i % 7}` : 'dep-other');
    learning.push(performance.now() - started);
  });
  learning.sort((a, b) => a - b);

  for (const text of texts) suggestTriage(kept, text, learner);
  const times: number[] = [];
  const cpuTimes: number[] = [];
  for (let i = 0; i < calls; i++) {
    const text = texts[i % texts.length] as string;
    const cpuStarted = process.cpuUsage();
    const started = performance.now();
    suggestTriage(kept, text, learner);
    times.push(performance.now() - started);
    const cpu = process.cpuUsage(cpuStarted);
    cpuTimes.push((cpu.user + cpu.system) / 1000);
  }
  times.sort((a, b) => a - b);
  cpuTimes.sort((a, b) => a - b);
  return {
    modelLoadMs: round(percentile(loads, 50), 1),
    modelFileMb: round(statSync(modelFile).size / 1e6, 2),
    modelHeapMb: round(modelHeapMb, 1),
    triageP50Ms: round(percentile(times, 50)),
    triageP95Ms: round(percentile(times, 95)),
    triageMaxMs: round(times[times.length - 1] as number),
    triageCpuP95Ms: round(percentile(cpuTimes, 95)),
    learnDecisionP95Ms: round(percentile(learning, 95)),
  };
}
