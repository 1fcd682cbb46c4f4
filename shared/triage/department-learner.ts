import type { TriageEvidence } from './evidence';
import { type Ranked, readableStem, reasonStems } from './head';

/**
 * One organisation's department learner: learns from each human decision (an acceptance, a
 * correction, a reassignment) by counting — one online update, no retraining, nothing blocks intake —
 * and suggests the organisation's own departments, which the public data cannot know.
 *
 * Multinomial naive Bayes over two kinds of evidence: the message's stems (by hash bucket, so the
 * state holds no words and outlives a model release) and the shipped model's category belief (the
 * portal category → department relation of this organisation). The state is plain JSON, one per
 * organisation, kept by the server (`triage_learners`); desktops do not receive it yet.
 */
const departmentLearnerFormat = 'okno-department-learner/1';

type Family = 'stem' | 'category';

export interface DepartmentLearnerState {
  readonly format: typeof departmentLearnerFormat;
  decisions: number;
  /** Department id → decisions that chose it. */
  readonly chosen: Record<string, number>;
  /** Per kind of evidence: key → department id → count, and department id → total count. */
  readonly counts: Record<Family, Record<string, Record<string, number>>>;
  readonly totals: Record<Family, Record<string, number>>;
}

/** How much a category belief counts against one stem. */
const categoryWeight = 4;
const smoothing = 0.5;

export function newDepartmentLearner(): DepartmentLearnerState {
  return {
    format: departmentLearnerFormat,
    decisions: 0,
    chosen: {},
    counts: { stem: {}, category: {} },
    totals: { stem: {}, category: {} },
  };
}

function inputsOf(evidence: TriageEvidence): [Family, string, number][] {
  return [
    ...evidence.stems.map((bucket): [Family, string, number] => ['stem', String(bucket), 1]),
    ...evidence.categories.map((category): [Family, string, number] => [
      'category',
      category.value,
      category.confidence * categoryWeight,
    ]),
  ];
}

/** Log-probability of the message under each department the organisation has chosen before. */
function scoresOf(state: DepartmentLearnerState, evidence: TriageEvidence): [string, number][] {
  const departments = Object.keys(state.chosen);
  const distinct = {
    stem: Object.keys(state.counts.stem).length + 1,
    category: Object.keys(state.counts.category).length + 1,
  };
  const inputs = inputsOf(evidence);
  return departments.map((department) => {
    let score = Math.log(((state.chosen[department] ?? 0) + 1) / (state.decisions + departments.length));
    for (const [family, key, x] of inputs) {
      const count = state.counts[family][key]?.[department] ?? 0;
      const total = state.totals[family][department] ?? 0;
      score += x * Math.log((count + smoothing) / (total + smoothing * distinct[family]));
    }
    return [department, score];
  });
}

/** The organisation's departments for this message, best first; empty before the first decision. */
export function suggestDepartments(
  state: DepartmentLearnerState,
  evidence: TriageEvidence,
  count = 3,
): Ranked[] {
  const ranked = scoresOf(state, evidence).sort((a, b) => b[1] - a[1]);
  const best = ranked[0]?.[1] ?? 0;
  const weights = ranked.map(([, score]) => Math.exp(score - best));
  const sum = weights.reduce((a, b) => a + b, 0);
  return ranked.slice(0, count).map(([department], i) => ({
    value: department,
    confidence: Number(((weights[i] as number) / sum).toFixed(3)),
    because: reasonFor(state, evidence, department),
  }));
}

/** The message's stems that point at this department more than at the others, strongest first. */
function reasonFor(state: DepartmentLearnerState, evidence: TriageEvidence, department: string): string[] {
  const total = state.totals.stem[department] ?? 0;
  const othersTotal = Object.values(state.totals.stem).reduce((a, b) => a + b, 0) - total;
  const distinct = Object.keys(state.counts.stem).length + 1;
  return evidence.stems
    .map((bucket): [string, number] => {
      const row = state.counts.stem[String(bucket)] ?? {};
      const here = row[department] ?? 0;
      const elsewhere = Object.values(row).reduce((a, b) => a + b, 0) - here;
      const lift =
        Math.log((here + smoothing) / (total + smoothing * distinct)) -
        Math.log((elsewhere + smoothing) / (othersTotal + smoothing * distinct));
      return [evidence.stemOf.get(bucket) ?? '', here > 0 ? lift : 0];
    })
    .filter(([stem, lift]) => lift > 0 && stem !== '' && readableStem(stem))
    .sort((a, b) => b[1] - a[1])
    .slice(0, reasonStems)
    .map(([stem]) => stem);
}

/**
 * How much the learner knows of messages like this one: the category evidence its decisions left on
 * this message's portal categories, in decisions (a decision adds its category belief, at most 1 in
 * all; department-choice.ts trusts the learner from `learnerTrust.support` on). Another kind of message
 * — a pothole after decisions on hot water only — has none, however sure the learner's few known
 * departments make it.
 */
export function learnerSupport(state: DepartmentLearnerState, evidence: TriageEvidence): number {
  let support = 0;
  for (const category of evidence.categories)
    for (const count of Object.values(state.counts.category[category.value] ?? {})) support += count;
  return support / categoryWeight;
}

/** One human decision: this message went to `department`. */
export function learnDecision(
  state: DepartmentLearnerState,
  evidence: TriageEvidence,
  department: string,
): void {
  for (const [family, key, x] of inputsOf(evidence)) {
    const row = state.counts[family][key] ?? {};
    row[department] = Number(((row[department] ?? 0) + x).toFixed(3));
    state.counts[family][key] = row;
    state.totals[family][department] = (state.totals[family][department] ?? 0) + x;
  }
  state.chosen[department] = (state.chosen[department] ?? 0) + 1;
  state.decisions += 1;
}
