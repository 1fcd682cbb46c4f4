import { describe, expect, it } from 'vitest';
import { couple, loadCoupling } from '../../../../shared/triage/coupling';

// Two executors, three categories: executor 0 answered categories 0 and 1, executor 1 category 2.
const pairs: [number, number, number][] = [
  [0, 0, 10],
  [0, 1, 10],
  [1, 2, 10],
];
const ranked = (p: Float32Array) => [...p.keys()].sort((a, b) => (p[b] as number) - (p[a] as number));

describe('couple', () => {
  it('tilts each head towards what the other believes', () => {
    const coupling = loadCoupling({ gamma: 0.5, temperature: 1, pairs }, 2, 3);
    const { category, executor } = couple(
      coupling,
      Float32Array.of(0.34, 0.3, 0.36),
      Float32Array.of(0.9, 0.1),
    );
    // Alone the category head prefers 2; the executor head, sure of executor 0, lifts 0 above it.
    expect(ranked(category)[0]).toBe(0);
    expect(ranked(executor)[0]).toBe(0);
    expect(category.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
  });

  it('at temperature 1 is p(c) · (Σ_e q(e) · P(c | e) / P(c))^γ', () => {
    const coupling = loadCoupling({ gamma: 0.5, temperature: 1, pairs }, 2, 3);
    const p = Float32Array.of(0.5, 0.3, 0.2);
    const q = Float32Array.of(0.6, 0.4);
    const tilted = [0, 1, 2].map((c) => {
      const sum = [0, 1].reduce((s, e) => s + (q[e] as number) * (coupling.lift[e * 3 + c] as number), 0);
      return (p[c] as number) * Math.sqrt(sum);
    });
    const total = tilted.reduce((a, b) => a + b, 0);
    const { category } = couple(coupling, p, q);
    expect(Array.from(category, (value) => Number(value.toFixed(5)))).toEqual(
      tilted.map((value) => Number((value / total).toFixed(5))),
    );
  });

  it("below temperature 1 the other head's second guess counts more", () => {
    const p = Float32Array.of(0.34, 0.3, 0.36);
    const q = Float32Array.of(0.97, 0.03);
    const sharp = couple(loadCoupling({ gamma: 0.5, temperature: 1, pairs }, 2, 3), p, q);
    const flat = couple(loadCoupling({ gamma: 0.25, temperature: 0.5, pairs }, 2, 3), p, q);
    // The same overall tilt (γ / T = 0.5) from a flatter belief leaves category 2 more of a chance.
    expect(flat.category[2] as number).toBeGreaterThan(sharp.category[2] as number);
  });
});
