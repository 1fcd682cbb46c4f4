// Trains the shipped triage model from the public ПОС set and the team's own messages. The texts are
// masked (shared/triage/text.ts) before any feature is taken; only buckets seen in `minDocuments`
// texts are kept; the result holds hashed buckets and weights, no text.

import type { StoredCoupling } from '../../shared/triage/coupling';
import { featuresOf, hashBits } from '../../shared/triage/features';
import { pruneHead } from '../../shared/triage/head';
import { withoutCourtesies } from '../../shared/triage/incident';
import {
  defaultTrainOptions,
  type LinearModel,
  scores,
  softmax,
  type TrainOptions,
  trainSoftmax,
} from '../../shared/triage/linear-model';
import { type StoredTriageModel, storeVectoriser, triageModelFormat } from '../../shared/triage/model';
import { fitVectoriser, type SparseVector, vectorise } from '../../shared/triage/vectoriser';
import type { PortalExample } from './data';

export interface TeamExample {
  readonly text: string;
  readonly incident: boolean;
}

export interface TrainingSettings {
  readonly minDocuments: number;
  readonly options: TrainOptions;
  /** Weights kept per class after training, per head (measured in resources/triage/README.md). */
  readonly keepPerClass: { readonly category: number; readonly executor: number; readonly incident: number };
  /** How many times the team's messages repeat beside the 2,000 portal appeals. */
  readonly teamRepeats: number;
  readonly thresholdFolds: number;
  /** How strongly category and executor tilt each other, and the temperature of the belief that tilts (shared/triage/coupling.ts). */
  readonly couplingGamma: number;
  readonly couplingTemperature: number;
}

export const trainingSettings: TrainingSettings = {
  minDocuments: 3,
  options: { ...defaultTrainOptions, epochs: 12, learningRate: 1 },
  keepPerClass: { category: 1500, executor: 4000, incident: 40_000 },
  teamRepeats: 5,
  thresholdFolds: 3,
  couplingGamma: 0.5,
  couplingTemperature: 0.5,
};

interface IncidentExamples {
  readonly portal: readonly SparseVector[];
  readonly team: readonly SparseVector[];
  readonly labels: readonly string[];
}

/**
 * The incident detector is two heads averaged: one over the portal appeals (all incidents) and the
 * team's messages, which knows the vocabulary of problems, and one over the team's messages alone,
 * which knows how chat differs from an appeal.
 */
function incidentHeads(
  examples: IncidentExamples,
  featureCount: number,
  settings: TrainingSettings,
): [LinearModel, LinearModel] {
  const repeated = Array.from({ length: settings.teamRepeats }, () => examples.team).flat();
  const repeatedLabels = Array.from({ length: settings.teamRepeats }, () => examples.labels).flat();
  const options = { ...settings.options, epochs: 10, classWeightPower: 1 };
  const broad = trainSoftmax(
    [...examples.portal, ...repeated],
    [...examples.portal.map(() => 'incident'), ...repeatedLabels],
    featureCount,
    options,
    ['incident', 'other'],
  );
  const chat = trainSoftmax(examples.team, examples.labels, featureCount, { ...options, epochs: 30 }, [
    'incident',
    'other',
  ]);
  return [broad, chat];
}

const incidentProbability = (heads: readonly LinearModel[], vector: SparseVector) =>
  heads.reduce((sum, head) => sum + (softmax(scores(head, vector))[0] as number), 0) / heads.length;

/**
 * The threshold on the averaged probability, chosen by cross-validation over the team's training
 * messages (never the measured half): the one with the best smaller of precision and recall.
 */
function chooseThreshold(
  examples: IncidentExamples,
  featureCount: number,
  settings: TrainingSettings,
): number {
  const outOfFold: [number, boolean][] = [];
  for (let fold = 0; fold < settings.thresholdFolds; fold++) {
    const inFold = (i: number) => i % settings.thresholdFolds === fold;
    const heads = incidentHeads(
      {
        portal: examples.portal,
        team: examples.team.filter((_, i) => !inFold(i)),
        labels: examples.labels.filter((_, i) => !inFold(i)),
      },
      featureCount,
      settings,
    );
    examples.team.forEach((vector, i) => {
      if (inFold(i)) outOfFold.push([incidentProbability(heads, vector), examples.labels[i] === 'incident']);
    });
  }
  let best = { threshold: 0.5, score: -1 };
  for (let threshold = 0.3; threshold <= 0.9; threshold += 0.025) {
    const said = outOfFold.filter(([p]) => p >= threshold);
    const tp = said.filter(([, truth]) => truth).length;
    const positives = outOfFold.filter(([, truth]) => truth).length;
    const score = Math.min(tp / Math.max(1, said.length), tp / Math.max(1, positives));
    if (score > best.score) best = { threshold: Number(threshold.toFixed(3)), score };
  }
  return best.threshold;
}

/** How often each (executor, category) pair answered a training appeal. */
function couplingOf(
  portal: readonly PortalExample[],
  categories: readonly string[],
  executors: readonly string[],
  gamma: number,
  temperature: number,
): StoredCoupling {
  const count = new Map<string, number>();
  for (const appeal of portal) {
    const key = `${executors.indexOf(appeal.executor)} ${categories.indexOf(appeal.category)}`;
    count.set(key, (count.get(key) ?? 0) + 1);
  }
  const pairs = [...count.entries()].map(([key, n]): [number, number, number] => {
    const [e, c] = key.split(' ').map(Number) as [number, number];
    return [e, c, n];
  });
  return {
    gamma,
    temperature,
    pairs: pairs.filter(([e, c]) => e >= 0 && c >= 0).sort((a, b) => a[0] - b[0] || a[1] - b[1]),
  };
}

/** A portal appeal from its text, as scripts/vendor-routing-features.ts stores one (for sets kept as texts). */
export const portalExample = (text: string, category: string, executor: string): PortalExample => ({
  features: featuresOf(text),
  incidentFeatures: featuresOf(withoutCourtesies(text)),
  category,
  executor,
});

export function trainTriageModel(
  portal: readonly PortalExample[],
  team: readonly TeamExample[],
  settings: TrainingSettings = trainingSettings,
): StoredTriageModel {
  const teamFeatures = team.map((example) => featuresOf(example.text));
  const vectoriser = fitVectoriser(
    [...portal.map((appeal) => appeal.features), ...teamFeatures],
    settings.minDocuments,
  );
  const featureCount = vectoriser.buckets.length;
  // Category and executor read stems and character n-grams normalised separately (shared/triage/vectoriser.ts).
  const portalVectors = portal.map((appeal) => vectorise(vectoriser, appeal.features, true));
  const head = (labels: readonly string[], keep: number) =>
    pruneHead(trainSoftmax(portalVectors, labels, featureCount, settings.options), keep);
  // The incident detector reads the text without greetings and courtesies (shared/triage/incident.ts).
  const incidentExamples: IncidentExamples = {
    portal: portal.map((appeal) => vectorise(vectoriser, appeal.incidentFeatures)),
    team: team.map((example) => vectorise(vectoriser, featuresOf(withoutCourtesies(example.text)))),
    labels: team.map((example) => (example.incident ? 'incident' : 'other')),
  };
  const threshold = chooseThreshold(incidentExamples, featureCount, settings);
  const [broad, chat] = incidentHeads(incidentExamples, featureCount, settings);
  const heads = {
    category: head(
      portal.map((appeal) => appeal.category),
      settings.keepPerClass.category,
    ),
    executor: head(
      portal.map((appeal) => appeal.executor),
      settings.keepPerClass.executor,
    ),
    incident: pruneHead(broad, settings.keepPerClass.incident),
    incidentChat: pruneHead(chat, settings.keepPerClass.incident),
  };
  return {
    format: triageModelFormat,
    hashBits,
    minDocuments: settings.minDocuments,
    ...storeVectoriser(vectoriser),
    heads,
    incidentThreshold: threshold,
    coupling: couplingOf(
      portal,
      heads.category.classes,
      heads.executor.classes,
      settings.couplingGamma,
      settings.couplingTemperature,
    ),
    provenance: {
      portalAppeals: portal.length,
      teamMessages: team.length,
      features: featureCount,
      minDocuments: settings.minDocuments,
      epochs: settings.options.epochs,
      keepPerCategory: settings.keepPerClass.category,
      keepPerExecutor: settings.keepPerClass.executor,
      couplingGamma: settings.couplingGamma,
      couplingTemperature: settings.couplingTemperature,
    },
  };
}
