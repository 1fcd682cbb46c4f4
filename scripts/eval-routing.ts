// npm run eval:routing [-- --write]: trains the triage model on the public ПОС set (train.csv) and the
// team set's training half, measures the model as shipped (pruned, serialised, loaded back) on
// test.csv and the team set's other half, and replays test.csv as one organisation's decisions.
// --write also writes resources/triage/model.json. The set is read from its vendored, text-free form
// (resources/triage/kursk-features.json.gz, scripts/routing/data.ts; resources/triage/README.md).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type DepartmentLearnerState,
  learnDecision,
  newDepartmentLearner,
  suggestDepartments,
} from '../shared/triage/department-learner';
import { evidenceOf } from '../shared/triage/evidence';
import { headProbabilities, topClasses } from '../shared/triage/head';
import { loadTriageModel } from '../shared/triage/model';
import { suggestTriage } from '../shared/triage/suggest';
import { suggestUrgency } from '../shared/triage/urgency';
import { teamSet, teamSplit } from '../tests/unit/shared/triage/team-set';
import { readRoutingData } from './routing/data';
import { trainTriageModel } from './routing/train';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const modelFile = path.join(root, 'resources', 'triage', 'model.json');

const { train, test } = readRoutingData();
const split = teamSplit();
const fmt = (value: number) => value.toFixed(3);

let started = performance.now();
const stored = trainTriageModel(
  train,
  split.train.map((message) => ({ text: message.text, incident: message.kind === 'incident' })),
);
const json = JSON.stringify(stored);
console.log(
  `trained in ${((performance.now() - started) / 1000).toFixed(1)} s; model ${(json.length / 1e6).toFixed(2)} MB, ${stored.buckets.length} features`,
);
started = performance.now();
const model = loadTriageModel(JSON.parse(json));
console.log(`loaded in ${(performance.now() - started).toFixed(0)} ms`);

// Every number below is of the suggestion path (triageEvidence: both heads, coupled); the heads
// alone are printed beside it.
const evidence = test.map((appeal) => evidenceOf(model, appeal.features));
// Issue 13's targets, and the linear SVM over char 2–5-gram TF-IDF measured on this split (SOURCE.txt).
const targets = { category: [0.6, 0.8], executor: [0.55, 0.8] } as const;
const reference = { category: [0.557, 0.738], executor: [0.479, 0.747] } as const;
const verdict = (value: number, target: number) =>
  `${fmt(value)} ${value >= target ? '(meets' : '(below'} ${target})`;
const accuracy = (rankings: readonly (readonly string[])[], target: 'category' | 'executor') => {
  const truth = (i: number) => (test[i] as (typeof test)[number])[target];
  return [
    rankings.filter((ranked, i) => ranked[0] === truth(i)).length / test.length,
    rankings.filter((ranked, i) => ranked.includes(truth(i))).length / test.length,
  ] as const;
};
for (const target of ['category', 'executor'] as const) {
  const suggested = evidence.map((e) =>
    (target === 'category' ? e.categories : e.executors).map((r) => r.value),
  );
  const headAlone = evidence.map((e) =>
    topClasses(model[target], e.vector, headProbabilities(model[target], e.vector), 3).map((r) => r.value),
  );
  const [top1, top3] = accuracy(suggested, target);
  const [head1, head3] = accuracy(headAlone, target);
  const [target1, target3] = targets[target];
  console.log(
    `${target.padEnd(8)} top-1 ${verdict(top1, target1)}  top-3 ${verdict(top3, target3)}  ` +
      `(test.csv, ${test.length}; head alone ${fmt(head1)} / ${fmt(head3)}; reference SVM ${reference[target].join(' / ')})`,
  );
}

const confusion = { tp: 0, fp: 0, fn: 0, tn: 0 };
for (const message of split.test) {
  const said = suggestTriage(model, message.text).incident.value;
  const truth = message.kind === 'incident';
  if (said && truth) confusion.tp++;
  else if (said) confusion.fp++;
  else if (truth) confusion.fn++;
  else confusion.tn++;
}
console.log(
  `incident precision ${fmt(confusion.tp / (confusion.tp + confusion.fp))}  recall ${fmt(confusion.tp / (confusion.tp + confusion.fn))}  (team set, held-out half: ${split.test.length}; ${JSON.stringify(confusion)})`,
);
const urgency = { tp: 0, fp: 0, fn: 0 };
for (const message of teamSet) {
  const said = suggestUrgency(message.text).urgent;
  if (said && message.urgent) urgency.tp++;
  else if (said) urgency.fp++;
  else if (message.urgent) urgency.fn++;
}
console.log(
  `urgency  precision ${fmt(urgency.tp / (urgency.tp + urgency.fp))}  recall ${fmt(urgency.tp / (urgency.tp + urgency.fn))}  (rules, whole team set: ${teamSet.length})`,
);

// Learning curve: test.csv in its order as one organisation's decisions (department = executor).
// Each message is suggested before its decision is learnt (prequential), and after 100, 300 and 1,000
// decisions a copy of the learner, frozen, suggests for the 2,000 appeals of train.csv — messages that
// organisation has not decided yet.
const learner = newDepartmentLearner();
const checkpoints = [100, 300, 1000];
const hits: boolean[] = [];
const frozen = new Map<number, DepartmentLearnerState>();
test.forEach((appeal, i) => {
  const message = evidence[i] as (typeof evidence)[number];
  hits.push(suggestDepartments(learner, message, 1)[0]?.value === appeal.executor);
  learnDecision(learner, message, appeal.executor);
  if (checkpoints.includes(i + 1)) frozen.set(i + 1, structuredClone(learner));
});
const later = train.map((appeal) => evidenceOf(model, appeal.features));
const frozenAccuracy = (state: DepartmentLearnerState) =>
  later.filter((message, i) => suggestDepartments(state, message, 1)[0]?.value === train[i]?.executor)
    .length / later.length;
const window = (end: number, size = 100) =>
  hits.slice(Math.max(0, end - size), end).filter(Boolean).length / Math.min(size, end);
console.log(
  `department learner (online, one organisation), after ${checkpoints
    .map((n) => `${n} decisions: ${fmt(frozenAccuracy(frozen.get(n) as DepartmentLearnerState))}`)
    .join(', ')} (on train.csv's ${train.length} appeals, not yet decided)`,
);
console.log(
  `  prequential, over decisions ${checkpoints.map((n) => `${n - 99}–${n}: ${fmt(window(n))}`).join(', ')}; ` +
    `state after ${learner.decisions}: ${(JSON.stringify(learner).length / 1e6).toFixed(2)} MB`,
);

if (process.argv.includes('--write')) {
  writeFileSync(modelFile, `${json}\n`);
  console.log(`wrote ${path.relative(root, modelFile)}`);
}
