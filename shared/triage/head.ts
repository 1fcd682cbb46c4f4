import { type LinearModel, softmax } from './linear-model';
import type { SparseVector } from './vectoriser';

/**
 * One prediction target of the shipped model (category, executor, incident) with its weights pruned
 * and quantised: per class only the `keep` largest weights survive, stored as int8 steps of `scale`.
 * In memory it is indexed by feature (CSR), so scoring a message touches only its own features.
 */
export interface Head {
  readonly classes: readonly string[];
  readonly bias: Float32Array;
  /** rowStart[f]..rowStart[f+1] index the (class, weight) pairs of feature f. */
  readonly rowStart: Int32Array;
  readonly rowClass: Uint16Array;
  readonly rowWeight: Float32Array;
}

/** A head as stored in the model file. Per class: feature indices delta-coded, then int8 weights. */
export interface StoredHead {
  readonly classes: readonly string[];
  readonly bias: readonly number[];
  readonly scale: number;
  readonly features: readonly (readonly number[])[];
  readonly weights: readonly (readonly number[])[];
}

export function pruneHead(model: LinearModel, keep: number): StoredHead {
  const classCount = model.classes.length;
  let largest = 0;
  for (const weight of model.weights) largest = Math.max(largest, Math.abs(weight));
  const scale = largest / 127 || 1;
  const features: number[][] = [];
  const weights: number[][] = [];
  for (let c = 0; c < classCount; c++) {
    const ranked: [number, number][] = [];
    for (let f = 0; f < model.featureCount; f++) {
      const weight = model.weights[f * classCount + c] as number;
      if (Math.round(weight / scale) !== 0) ranked.push([f, weight]);
    }
    ranked.sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]));
    const kept = ranked.slice(0, keep).sort((a, b) => a[0] - b[0]);
    features.push(kept.map(([f], i) => f - (i > 0 ? (kept[i - 1] as [number, number])[0] : 0)));
    weights.push(kept.map(([, weight]) => Math.round(weight / scale)));
  }
  return {
    classes: model.classes,
    bias: Array.from(model.bias, (value) => Math.round(value * 1000) / 1000),
    scale: Number(scale.toPrecision(6)),
    features,
    weights,
  };
}

export function loadHead(stored: StoredHead, featureCount: number): Head {
  const perFeature = new Int32Array(featureCount + 1);
  const decoded = stored.features.map((deltas) => {
    let at = 0;
    return deltas.map((delta) => {
      at += delta;
      return at;
    });
  });
  for (const row of decoded) for (const f of row) perFeature[f + 1] = (perFeature[f + 1] as number) + 1;
  for (let f = 0; f < featureCount; f++)
    perFeature[f + 1] = (perFeature[f + 1] as number) + (perFeature[f] as number);
  const total = perFeature[featureCount] as number;
  const rowClass = new Uint16Array(total);
  const rowWeight = new Float32Array(total);
  const fill = perFeature.slice(0, featureCount);
  decoded.forEach((row, c) => {
    row.forEach((f, i) => {
      const at = fill[f] as number;
      rowClass[at] = c;
      rowWeight[at] = ((stored.weights[c] as readonly number[])[i] as number) * stored.scale;
      fill[f] = at + 1;
    });
  });
  return {
    classes: stored.classes,
    bias: Float32Array.from(stored.bias),
    rowStart: perFeature,
    rowClass,
    rowWeight,
  };
}

/** Raw scores of every class. */
function headScores(head: Head, vector: SparseVector): Float32Array {
  const out = Float32Array.from(head.bias);
  for (let k = 0; k < vector.index.length; k++) {
    const f = vector.index[k] as number;
    const x = vector.value[k] as number;
    for (let at = head.rowStart[f] as number; at < (head.rowStart[f + 1] as number); at++) {
      const c = head.rowClass[at] as number;
      out[c] = (out[c] as number) + x * (head.rowWeight[at] as number);
    }
  }
  return out;
}

export interface Ranked {
  readonly value: string;
  readonly confidence: number;
  /** The message's stems that raised this class most, strongest first. */
  readonly because: readonly string[];
}

/** How many stems a reason names at most. */
export const reasonStems = 3;
const unreadable = /маск$|^0+$/;
/** Masks and digit shapes say nothing to a person reading a reason. */
export const readableStem = (stem: string) => !unreadable.test(stem);

/** The stems of the message that contributed most to class `c`. */
export function reasonFor(head: Head, vector: SparseVector, c: number): string[] {
  const byStem = new Map<string, number>();
  for (let k = 0; k < vector.index.length; k++) {
    const f = vector.index[k] as number;
    for (let at = head.rowStart[f] as number; at < (head.rowStart[f + 1] as number); at++) {
      if (head.rowClass[at] !== c) continue;
      const stem = vector.origin.get(f);
      if (stem === undefined || !readableStem(stem)) continue;
      byStem.set(
        stem,
        (byStem.get(stem) ?? 0) + (vector.value[k] as number) * (head.rowWeight[at] as number),
      );
    }
  }
  return [...byStem.entries()]
    .filter(([, weight]) => weight > 0)
    .sort((a, b) => b[1] - a[1])
    .slice(0, reasonStems)
    .map(([stem]) => stem);
}

/** Probabilities of every class, in head.classes order. */
export function headProbabilities(head: Head, vector: SparseVector): Float32Array {
  return softmax(headScores(head, vector));
}

export function topClasses(
  head: Head,
  vector: SparseVector,
  probabilities: Float32Array,
  count: number,
): Ranked[] {
  return [...probabilities.keys()]
    .sort((a, b) => (probabilities[b] as number) - (probabilities[a] as number))
    .slice(0, count)
    .map((c) => ({
      value: head.classes[c] as string,
      confidence: Number((probabilities[c] as number).toFixed(3)),
      because: reasonFor(head, vector, c),
    }));
}
