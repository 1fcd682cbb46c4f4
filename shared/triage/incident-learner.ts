import { readableStem, reasonStems } from './head';

/**
 * One organisation's incident-or-not learner (issue 13): every «Это инцидент» (I), «Не инцидент»
 * (N, `close_non_incident`) and first categorising of a chat message is one example, learnt at once
 * — one online step, no retraining, nothing blocks intake — like the department learner
 * (department-learner.ts).
 *
 * A logistic correction on top of the shipped heads: the heads' log-odds are the offset, and the
 * organisation's weights (by stem hash bucket, so the state holds no words and outlives a model
 * release) are added to it. Each decision is one gradient step on the message's stems (courtesies
 * kept: an organisation that closes «Спасибо за …» learns «спасибо», which the shipped detector
 * ignores by design). A decision that agrees with what was suggested moves little; decisions that
 * keep disagreeing on a kind of message move its words until the suggestion follows them.
 */
const incidentLearnerFormat = 'okno-incident-learner/1';

export interface IncidentLearnerState {
  readonly format: typeof incidentLearnerFormat;
  decisions: number;
  /** Decisions per side. */
  readonly chosen: { incident: number; other: number };
  /** Stem bucket → weight added to the heads' log-odds (positive: towards incident). */
  readonly weights: Record<string, number>;
}

/**
 * One step's size: a disagreeing decision moves its own message's log-odds by about this much. Chosen
 * by a replay of the team set's training half as organisations' decisions
 * (scripts/eval-incident-rate.ts; resources/triage/README.md).
 */
export const incidentLearningRate = 3;
/** No learnt word alone outweighs this (a few decisions are not proof). */
const strongest = 4;

export function newIncidentLearner(): IncidentLearnerState {
  return { format: incidentLearnerFormat, decisions: 0, chosen: { incident: 0, other: 0 }, weights: {} };
}

/** Whether a stored value is a learner's state (JSON from the database or the desktop's copy). */
export function isIncidentLearner(value: unknown): value is IncidentLearnerState {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { format?: unknown }).format === incidentLearnerFormat
  );
}

const logit = (p: number) => Math.log(Math.max(1e-6, p) / Math.max(1e-6, 1 - p));
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

export interface IncidentEvidence {
  /** What the organisation's decisions add to the heads' log-odds; 0 without decisions. */
  readonly logOdds: number;
  /** Stem buckets with their share of it, strongest first. */
  readonly stems: readonly (readonly [number, number])[];
}

/** What the organisation's decisions say of a message with these stem buckets. */
export function incidentEvidence(state: IncidentLearnerState, stems: readonly number[]): IncidentEvidence {
  const distinct = [...new Set(stems)];
  const scale = 1 / Math.sqrt(Math.max(1, distinct.length));
  const shares: [number, number][] = [];
  for (const bucket of distinct) {
    const weight = state.weights[String(bucket)];
    if (weight) shares.push([bucket, weight * scale]);
  }
  shares.sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]));
  return { logOdds: shares.reduce((sum, [, share]) => sum + share, 0), stems: shares };
}

/** The heads' probability moved by the organisation's decisions. */
export function learntProbability(shipped: number, evidence: IncidentEvidence): number {
  return sigmoid(logit(shipped) + evidence.logOdds);
}

/**
 * One person's decision: the message with these stem buckets is (or is not) an incident; `shipped` is
 * the heads' incident probability for it (the offset).
 */
export function learnIncident(
  state: IncidentLearnerState,
  stems: readonly number[],
  shipped: number,
  incident: boolean,
  rate = incidentLearningRate,
): void {
  const distinct = [...new Set(stems)];
  const scale = 1 / Math.sqrt(Math.max(1, distinct.length));
  const error = (incident ? 1 : 0) - learntProbability(shipped, incidentEvidence(state, distinct));
  for (const bucket of distinct) {
    const key = String(bucket);
    const next = (state.weights[key] ?? 0) + rate * error * scale;
    state.weights[key] = Number(Math.max(-strongest, Math.min(strongest, next)).toFixed(4));
  }
  state.chosen[incident ? 'incident' : 'other'] += 1;
  state.decisions += 1;
}

/** The stems (by their words in this message) that pushed towards `incident`, strongest first. */
export function incidentReason(
  evidence: IncidentEvidence,
  stemOf: ReadonlyMap<number, string>,
  incident: boolean,
): string[] {
  return evidence.stems
    .filter(([, share]) => (incident ? share > 0 : share < 0))
    .map(([bucket]) => stemOf.get(bucket) ?? '')
    .filter((stem) => stem !== '' && readableStem(stem))
    .slice(0, reasonStems);
}
