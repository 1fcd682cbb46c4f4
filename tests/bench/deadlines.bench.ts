// Deadline engine throughput: computeDeadlines over a mixed workload of 100,000 pre-generated inputs
// (all three regimes, Russian time zones from UTC+2 to UTC+12, dates over 2024–2028 so the fallback
// calendar is exercised too). Inputs are generated before timing; the best of several passes counts.
import {
  computeDeadlines,
  type DeadlineInput,
  type OrgDeadlineSettings,
  regimes,
} from '../../shared/domain/deadlines';

export const scenario = 'deadlines';

const inputCount = 100_000;
const passes = 5;
const zones = [
  'Europe/Kaliningrad',
  'Europe/Moscow',
  'Asia/Yekaterinburg',
  'Asia/Novosibirsk',
  'Asia/Vladivostok',
  'Asia/Kamchatka',
];
const categories = ['roads', 'waste', 'lighting', 'utilities', 'unknown-category'];

/** Deterministic pseudo-random numbers (mulberry32), so every run measures the same workload. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function workload(): DeadlineInput[] {
  const next = random(20260509);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const orgs: OrgDeadlineSettings[] = zones.flatMap((timeZone) => [
    { timeZone, shiftRule: 'next' as const },
    { timeZone, shiftRule: 'previous' as const, portalTermDays: { roads: 5 } },
  ]);
  const start = Date.UTC(2024, 0, 1);
  return Array.from({ length: inputCount }, () => {
    const received = start + Math.floor(next() * 5 * 365 * 24 * 60) * 60_000;
    const receivedAt = new Date(received).toISOString().replace('.000Z', 'Z');
    const regime = pick(regimes);
    const org = pick(orgs);
    if (regime === 'formal') {
      const registeredAt = new Date(received + Math.floor(next() * 3 * 86_400_000)).toISOString();
      return {
        regime,
        receivedAt,
        registeredAt: next() < 0.9 ? registeredAt : undefined,
        extensionDays: next() < 0.2 ? Math.floor(next() * 31) : undefined,
        special: next() < 0.05 ? ('migration-governor' as const) : undefined,
        org,
      };
    }
    if (regime === 'portal') return { regime, receivedAt, category: pick(categories), org };
    return { regime, receivedAt, urgent: next() < 0.2, org };
  });
}

export async function run(): Promise<Record<string, number>> {
  const inputs = workload();
  let best = Number.POSITIVE_INFINITY;
  let checksum = 0;
  for (let pass = 0; pass < passes; pass++) {
    const started = performance.now();
    for (const input of inputs) checksum += computeDeadlines(input).legalDeadline.length;
    best = Math.min(best, performance.now() - started);
  }
  if (checksum === 0) throw new Error('no deadlines computed');
  return { computeDeadlinesPerSec: Math.round((inputs.length / best) * 1000) };
}
