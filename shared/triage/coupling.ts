import { softmax } from './linear-model';

/**
 * Category and executor inform each other. Portal subcategories come in near-twins that differ by who
 * owns the road or the house (city or region, block of flats or private house) — which is what the
 * executor head reads from places and bodies in the text — and the executor depends on the category.
 * Each head's probabilities are tilted by what the other head believes, through how often each
 * (executor, category) pair occurred in training:
 *   category c: p(c) · (Σ_e q(e) · P(c | e) / P(c))^γ,   executor e: q(e) · (Σ_c p(c) · P(c | e) / P(c))^γ.
 * The belief that tilts is the other head's flattened to temperature T (p^T, renormalised), so its
 * second and third guesses count too; the tilt is then γ / T. γ and T were chosen by 5-fold
 * cross-validation on the training set (resources/triage/README.md).
 */
export interface StoredCoupling {
  readonly gamma: number;
  /** Temperature T of the other head's belief (1: as it is; below 1 flatter). */
  readonly temperature: number;
  /** [executor index, category index, appeals] for every pair seen in training. */
  readonly pairs: readonly (readonly [number, number, number])[];
}

export interface Coupling {
  readonly gamma: number;
  readonly temperature: number;
  /** P(c | e) / P(c), executor-major: lift[e * categories + c]. */
  readonly lift: Float32Array;
  readonly categories: number;
}

const smoothing = 0.1;

export function loadCoupling(stored: StoredCoupling, executors: number, categories: number): Coupling {
  const counts = new Float32Array(executors * categories);
  for (const [e, c, n] of stored.pairs) counts[e * categories + c] = n;
  const perCategory = new Float32Array(categories);
  const perExecutor = new Float32Array(executors);
  let total = 0;
  counts.forEach((n, at) => {
    perCategory[at % categories] = (perCategory[at % categories] as number) + n;
    perExecutor[Math.floor(at / categories)] = (perExecutor[Math.floor(at / categories)] as number) + n;
    total += n;
  });
  const lift = counts.map((n, at) => {
    const e = Math.floor(at / categories);
    const c = at % categories;
    const given = (n + smoothing) / ((perExecutor[e] as number) + smoothing * categories);
    const prior = ((perCategory[c] as number) + smoothing) / (total + smoothing * categories);
    return given / prior;
  });
  return { gamma: stored.gamma, temperature: stored.temperature, lift, categories };
}

/** Both heads' probabilities, each tilted by the other's. */
export function couple(
  coupling: Coupling,
  category: Float32Array,
  executor: Float32Array,
): { category: Float32Array; executor: Float32Array } {
  const { gamma, temperature, lift, categories } = coupling;
  const tilt = gamma / temperature;
  const flat = (p: Float32Array) => softmax(p.map((value) => temperature * Math.log(value)));
  const categoryBelief = flat(category);
  const executorBelief = flat(executor);
  const byCategory = new Float32Array(categories);
  const byExecutor = new Float32Array(executor.length);
  for (let e = 0; e < executor.length; e++) {
    const q = executorBelief[e] as number;
    let sum = 0;
    for (let c = 0; c < categories; c++) {
      const l = lift[e * categories + c] as number;
      byCategory[c] = (byCategory[c] as number) + q * l;
      sum += (categoryBelief[c] as number) * l;
    }
    byExecutor[e] = sum;
  }
  return {
    category: softmax(category.map((p, c) => Math.log(p) + tilt * Math.log(byCategory[c] as number))),
    executor: softmax(executor.map((q, e) => Math.log(q) + tilt * Math.log(byExecutor[e] as number))),
  };
}
