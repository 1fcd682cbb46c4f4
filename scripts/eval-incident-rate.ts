// npx tsx scripts/eval-incident-rate.ts: which step size (rate) the incident-or-not learner
// (shared/triage/incident-learner.ts) should take, measured by replaying the team set's TRAINING half
// (tests/unit/shared/triage/team-set.ts, even positions; the odd, measured half is never read here) as
// the decisions of organisations with different policies:
// - «as labelled»: the team's own labels (thanks, greetings, chatter, questions, ads, abuse are not
//   incidents) — the shipped heads were trained on these messages, so they are mostly right and a
//   rate that is too large costs accuracy by chasing the few errors;
// - «questions are work»: an organisation that takes questions for information into work;
// - «abuse is work»: one that treats abuse (threats, insults) as an incident to handle.
// Each policy is replayed in 20 seeded orders; each message is suggested (suggestIncident, as on
// arrival, urgency included) before its decision is learnt (prequential). A rate replaces the shipped
// one only if its mean gain over the three policies, paired by message, exceeds two standard errors.
// Two replays: with the shipped model (whose heads were trained on these very messages, so they are
// near-certain of them — an optimistic start) and cross-fitted (3 folds of the training half by
// position: a model trained without the fold — the portal set and the other two folds, ~30 s each —
// replays the fold, which its heads never saw, as a new organisation's messages would be).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { featuresOf } from '../shared/triage/features';
import { shippedIncidentProbability, suggestIncident } from '../shared/triage/incident';
import { incidentLearningRate, learnIncident, newIncidentLearner } from '../shared/triage/incident-learner';
import { loadTriageModel, type TriageModel } from '../shared/triage/model';
import { suggestUrgency } from '../shared/triage/urgency';
import { type TeamMessage, teamSplit } from '../tests/unit/shared/triage/team-set';
import { readRoutingData } from './routing/data';
import { trainTriageModel } from './routing/train';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shippedModel = loadTriageModel(
  JSON.parse(readFileSync(path.join(root, 'resources', 'triage', 'model.json'), 'utf8')),
);
const messages = teamSplit().train;
const fmt = (value: number) => value.toFixed(3);

const policies: Record<string, (message: TeamMessage) => boolean> = {
  'as labelled': (m) => m.kind === 'incident',
  'questions are work': (m) => m.kind === 'incident' || m.kind === 'question',
  'abuse is work': (m) => m.kind === 'incident' || m.kind === 'abuse',
};

/** What a message costs to read once under a model: its stems, the heads' probability and urgency. */
const readAll = (model: TriageModel, from: readonly TeamMessage[]) =>
  from.map((message) => ({
    message,
    stems: [...featuresOf(message.text, false).stems],
    shipped: shippedIncidentProbability(model, message.text),
    urgency: suggestUrgency(message.text),
  }));
type Read = ReturnType<typeof readAll>[number];

/** A seeded shuffle (mulberry32), so every rate sees the same orders. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

interface Replayed {
  right: number;
  total: number;
  lateRight: number;
  late: number;
  /** Per message (by its text), how many of the orders suggested it right. */
  byMessage: Map<string, number>;
}

/** Prequential hits of one policy at one rate over 20 orders of `read` under `model`. */
function replay(
  model: TriageModel,
  read: readonly Read[],
  policy: (m: TeamMessage) => boolean,
  rate: number,
): Replayed {
  let right = 0;
  let lateRight = 0;
  let late = 0;
  const byMessage = new Map<string, number>();
  const orders = Array.from({ length: 20 }, (_, seed) => shuffled(read, seed + 1));
  for (const order of orders) {
    const learner = newIncidentLearner();
    order.forEach((entry, i) => {
      const truth = policy(entry.message);
      const said = suggestIncident(model, entry.message.text, entry.urgency, learner).value;
      if (said === truth) {
        right++;
        byMessage.set(entry.message.text, (byMessage.get(entry.message.text) ?? 0) + 1);
      }
      if (i >= order.length / 2) {
        late++;
        if (said === truth) lateRight++;
      }
      if (rate > 0) learnIncident(learner, entry.stems, entry.shipped, truth, rate);
    });
  }
  return { right, total: orders.length * read.length, lateRight, late, byMessage };
}

const rates = [0, 0.5, 1, 2, 3, 5, 8, 12, 16, 24, 32];

/**
 * The table of one setting: per rate and policy, accuracy over whole replays / their second halves,
 * and each rate's mean gain over the shipped rate with one standard error, paired by message and
 * policy (each message's share of orders right, differenced). Answers the rate to ship: the one with
 * the largest gain if that gain exceeds two of its standard errors, else the shipped one — the replay
 * cannot tell them apart.
 */
function table(
  title: string,
  runs: readonly { model: TriageModel; read: readonly Read[] }[],
  decide = true,
): number {
  console.log(title);
  const perRate = new Map<number, number[]>();
  for (const rate of rates) {
    const shares: number[] = [];
    const results = Object.entries(policies).map(([name, policy]) => {
      const sum = { right: 0, total: 0, lateRight: 0, late: 0 };
      for (const run of runs) {
        const r = replay(run.model, run.read, policy, rate);
        sum.right += r.right;
        sum.total += r.total;
        sum.lateRight += r.lateRight;
        sum.late += r.late;
        for (const entry of run.read) shares.push((r.byMessage.get(entry.message.text) ?? 0) / 20);
      }
      return [name, { all: sum.right / sum.total, late: sum.lateRight / sum.late }] as const;
    });
    perRate.set(rate, shares);
    const mean = results.reduce((total, [, r]) => total + r.all, 0) / results.length;
    console.log(
      `  rate ${String(rate).padEnd(4)} ${results.map(([name, r]) => `${name} ${fmt(r.all)} / ${fmt(r.late)}`).join('   ')}   mean ${fmt(mean)}`,
    );
  }
  const base = perRate.get(incidentLearningRate) as number[];
  let chosen = { rate: incidentLearningRate, gain: 0, error: 0 };
  for (const rate of rates) {
    const d = (perRate.get(rate) as number[]).map((share, i) => share - (base[i] as number));
    const mean = d.reduce((a, b) => a + b, 0) / d.length;
    const variance = d.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, d.length - 1);
    const error = Math.sqrt(variance / d.length);
    console.log(
      `  rate ${String(rate).padEnd(4)} gain over rate ${incidentLearningRate}: ${mean.toFixed(4)} ± ${error.toFixed(4)}`,
    );
    if (mean > 2 * error && mean > chosen.gain) chosen = { rate, gain: mean, error };
  }
  if (decide) console.log(`  ship: rate ${chosen.rate}`);
  return chosen.rate;
}

console.log(
  `team set's training half: ${messages.length} messages; accuracy over 20 orders, whole replay / its second half`,
);
table(
  'shipped model (its heads trained on these messages: biased, not used to decide):',
  [{ model: shippedModel, read: readAll(shippedModel, messages) }],
  false,
);

const { train } = readRoutingData();
const folds = [0, 1, 2].map((fold) => {
  const held = messages.filter((_, i) => i % 3 === fold);
  const rest = messages.filter((_, i) => i % 3 !== fold);
  const model = loadTriageModel(
    JSON.parse(
      JSON.stringify(
        trainTriageModel(
          train,
          rest.map((m) => ({ text: m.text, incident: m.kind === 'incident' })),
        ),
      ),
    ),
  );
  return { model, read: readAll(model, held) };
});
const chosen = table('cross-fitted (3 folds; each fold replayed under a model that never saw it):', folds);
console.log(`to ship (cross-fitted): rate ${chosen} (shipped now: ${incidentLearningRate})`);
