import type { SparseVector } from './vectoriser';

/**
 * A multinomial logistic regression (softmax) over TF-IDF features: transparent (a class's score is
 * the sum of its weights over the message's features, so the features that decided it can be
 * named) and small once weights near zero are pruned. Trained by SGD in `trainSoftmax`.
 */
export interface LinearModel {
  readonly classes: readonly string[];
  readonly featureCount: number;
  /** Dense weights, feature-major: weights[feature * classes.length + class]. */
  readonly weights: Float32Array;
  readonly bias: Float32Array;
}

export interface TrainOptions {
  readonly epochs: number;
  readonly learningRate: number;
  /** Weight each example by (n / (classes · n_class))^power: 0 none, 1 balanced. */
  readonly classWeightPower: number;
  readonly l2: number;
  readonly seed: number;
}

export const defaultTrainOptions: TrainOptions = {
  epochs: 12,
  learningRate: 0.5,
  classWeightPower: 0.5,
  l2: 1e-5,
  seed: 13,
};

function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function scores(model: LinearModel, vector: SparseVector): Float32Array {
  const classCount = model.classes.length;
  const out = Float32Array.from(model.bias);
  for (let k = 0; k < vector.index.length; k++) {
    const base = (vector.index[k] as number) * classCount;
    const x = vector.value[k] as number;
    for (let c = 0; c < classCount; c++)
      out[c] = (out[c] as number) + x * (model.weights[base + c] as number);
  }
  return out;
}

export function softmax(values: Float32Array): Float32Array {
  let max = Number.NEGATIVE_INFINITY;
  for (const value of values) max = Math.max(max, value);
  const out = values.map((value) => Math.exp(value - max));
  const sum = out.reduce((a, b) => a + b, 0);
  return out.map((value) => value / sum);
}

const biasRate = 0.1;

export function trainSoftmax(
  vectors: readonly SparseVector[],
  labels: readonly string[],
  featureCount: number,
  options: TrainOptions = defaultTrainOptions,
  classes: readonly string[] = [...new Set(labels)].sort(),
): LinearModel {
  const classCount = classes.length;
  const classIndex = new Map(classes.map((name, index) => [name, index]));
  const weights = new Float32Array(featureCount * classCount);
  const bias = new Float32Array(classCount);
  const model: LinearModel = { classes, featureCount, weights, bias };
  const perClass = new Map<string, number>();
  for (const label of labels) perClass.set(label, (perClass.get(label) ?? 0) + 1);
  const exampleWeight = labels.map(
    (label) => (labels.length / (classCount * (perClass.get(label) ?? 1))) ** options.classWeightPower,
  );
  const meanWeight = exampleWeight.reduce((a, b) => a + b, 0) / exampleWeight.length;
  const order = vectors.map((_, index) => index);
  const next = random(options.seed);
  // Weight decay (L2) shrinks only the weights of the features an example has: sparse, so an update
  // costs the example's features times the classes, not the whole matrix.
  let step = 0;
  const totalSteps = options.epochs * vectors.length;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    for (const example of order) {
      const vector = vectors[example] as SparseVector;
      const target = classIndex.get(labels[example] as string);
      if (target === undefined) continue;
      const rate =
        (options.learningRate * (1 - step / totalSteps) * (exampleWeight[example] as number)) / meanWeight;
      step++;
      const probabilities = softmax(scores(model, vector));
      probabilities[target] = (probabilities[target] as number) - 1;
      for (let k = 0; k < vector.index.length; k++) {
        const base = (vector.index[k] as number) * classCount;
        const x = vector.value[k] as number;
        for (let c = 0; c < classCount; c++) {
          const at = base + c;
          weights[at] = (weights[at] as number) * (1 - options.l2) - rate * x * (probabilities[c] as number);
        }
      }
      // The bias learns at a tenth of the rate, so class frequency does not outweigh the text.
      for (let c = 0; c < classCount; c++)
        bias[c] = (bias[c] as number) - rate * biasRate * (probabilities[c] as number);
    }
  }
  return model;
}
