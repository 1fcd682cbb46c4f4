// npx tsx scripts/eval-department-order.ts: how the department suggestion's order (the learner when
// confident, else the category map's responsible department; shared/triage/department-choice.ts) does
// for an organisation from its first decision, and which trust in the learner to ship.
//
// The public ПОС set stands in for one organisation (department = the body that answered, as in
// eval:routing's learning curve), read in its vendored, text-free form. The category map a supervisor
// would fill in on day one is the majority executor of each working subcategory (of its category where
// the subcategory has fewer than 3 appeals), taken from appeals the organisation knows: the first half
// of train.csv. The trust is chosen on a replay of the second half of train.csv as decisions
// (prequential: each appeal suggested, then learnt); test.csv, with the map from all of train.csv, only
// reports the chosen setting against the learner alone and the map alone.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chooseDepartments, type LearnerTrust, learnerTrust } from '../shared/triage/department-choice';
import { learnDecision, newDepartmentLearner, suggestDepartments } from '../shared/triage/department-learner';
import { evidenceOf, type TriageEvidence } from '../shared/triage/evidence';
import { loadTriageModel } from '../shared/triage/model';
import { type CategoryDepartments, workingCategoryOf } from '../shared/triage/working-category';
import { type PortalExample, readRoutingData } from './routing/data';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const model = loadTriageModel(
  JSON.parse(readFileSync(path.join(root, 'resources', 'triage', 'model.json'), 'utf8')),
);
const { train, test } = readRoutingData();
const fmt = (value: number) => value.toFixed(3);

/** The majority executor per working subcategory (≥ 3 appeals) and per working category. */
function categoryMapFrom(known: readonly PortalExample[]): CategoryDepartments {
  const counts = new Map<string, Map<string, number>>();
  const count = (key: string, executor: string) => {
    const row = counts.get(key) ?? new Map<string, number>();
    row.set(executor, (row.get(executor) ?? 0) + 1);
    counts.set(key, row);
  };
  for (const appeal of known) {
    const working = workingCategoryOf(appeal.category);
    count(working.subcategory, appeal.executor);
    count(working.category, appeal.executor);
  }
  const map: Record<string, string> = {};
  for (const [key, row] of counts) {
    const total = [...row.values()].reduce((a, b) => a + b, 0);
    if (key.includes('.') && total < 3) continue;
    map[key] = [...row].sort((a, b) => b[1] - a[1])[0]?.[0] as string;
  }
  return map;
}

type Strategy = (
  learner: ReturnType<typeof newDepartmentLearner>,
  message: TriageEvidence,
) => string | undefined;

/** Prequential top-1 over windows of the replay: each appeal suggested before it is learnt. */
function replay(appeals: readonly PortalExample[], evidence: readonly TriageEvidence[], strategy: Strategy) {
  const learner = newDepartmentLearner();
  const hits = appeals.map((appeal, i) => {
    const message = evidence[i] as TriageEvidence;
    const hit = strategy(learner, message) === appeal.executor;
    learnDecision(learner, message, appeal.executor);
    return hit;
  });
  const share = (from: number, to: number) =>
    hits.slice(from, to).filter(Boolean).length / Math.max(1, hits.slice(from, to).length);
  return {
    first100: share(0, 100),
    to300: share(100, 300),
    to1000: share(300, 1000),
    all: share(0, hits.length),
  };
}

const learnerAlone: Strategy = (learner, message) => suggestDepartments(learner, message, 1)[0]?.value;
const mapAlone =
  (map: CategoryDepartments): Strategy =>
  (_learner, message) =>
    chooseDepartments(message, '', undefined, { categoryDepartments: map })[0]?.value;
const ordered =
  (map: CategoryDepartments, trust: LearnerTrust): Strategy =>
  (learner, message) =>
    chooseDepartments(message, '', learner, { categoryDepartments: map }, 1, trust)[0]?.value;

const half = train.length / 2;
const tuneMap = categoryMapFrom(train.slice(0, half));
const tune = train.slice(half);
const tuneEvidence = tune.map((appeal) => evidenceOf(model, appeal.features));
const line = (name: string, r: ReturnType<typeof replay>) =>
  `${name.padEnd(34)} 1–100 ${fmt(r.first100)}  101–300 ${fmt(r.to300)}  301–1000 ${fmt(r.to1000)}  all ${fmt(r.all)}`;

console.log(`tuning: replay of train.csv's second half (${tune.length}), map from its first half`);
console.log(line('learner alone', replay(tune, tuneEvidence, learnerAlone)));
console.log(line('map alone', replay(tune, tuneEvidence, mapAlone(tuneMap))));
// Without a map, the channel's default department (here the executor answering most of the known
// appeals) against the learner's unconfident answer: the same trust serves both.
const majorityOf = (appeals: readonly PortalExample[]) => {
  const byExecutor = new Map<string, number>();
  for (const appeal of appeals) byExecutor.set(appeal.executor, (byExecutor.get(appeal.executor) ?? 0) + 1);
  return [...byExecutor].sort((a, b) => b[1] - a[1])[0]?.[0] as string;
};
const channelOnly =
  (channelDefault: string, trust: LearnerTrust): Strategy =>
  (learner, message) =>
    chooseDepartments(message, '', learner, { channelDefault }, 1, trust)[0]?.value;
const tuneChannel = majorityOf(train.slice(0, half));
console.log(
  line(
    'channel default alone',
    replay(tune, tuneEvidence, () => tuneChannel),
  ),
);
let best: { trust: LearnerTrust; score: number } | null = null;
for (const confidence of [0, 0.3, 0.5, 0.7, 0.9])
  for (const support of [0, 0.25, 0.5, 1, 2, 4, 8]) {
    const trust = { confidence, support };
    const withMap = replay(tune, tuneEvidence, ordered(tuneMap, trust));
    const withChannel = replay(tune, tuneEvidence, channelOnly(tuneChannel, trust));
    console.log(line(`map first, trust ${confidence} / ${support}`, withMap));
    console.log(line(`channel first, trust ${confidence} / ${support}`, withChannel));
    // Chosen by the mean over both replays of the whole run; of equal ones, the stricter (later) trust.
    const score = (withMap.all + withChannel.all) / 2;
    if (!best || score >= best.score - 1e-9) best = { trust, score };
  }
console.log(
  `chosen on the tuning replays (mean of both): confidence ${best?.trust.confidence}, support ${best?.trust.support}`,
);

const testMap = categoryMapFrom(train);
const testEvidence = test.map((appeal) => evidenceOf(model, appeal.features));
console.log(`\nreport: replay of test.csv (${test.length}), map from all of train.csv`);
console.log(line('learner alone', replay(test, testEvidence, learnerAlone)));
console.log(line('map alone', replay(test, testEvidence, mapAlone(testMap))));
const testChannel = majorityOf(train);
console.log(
  line(
    'channel default alone',
    replay(test, testEvidence, () => testChannel),
  ),
);
for (const [name, trust] of [
  ['shipped', learnerTrust],
  ['none (learner always first)', { confidence: 0, support: 0 }],
] as const) {
  console.log(line(`map first, trust ${name}`, replay(test, testEvidence, ordered(testMap, trust))));
  console.log(
    line(`channel first, trust ${name}`, replay(test, testEvidence, channelOnly(testChannel, trust))),
  );
}
