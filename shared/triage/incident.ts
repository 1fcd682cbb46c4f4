import { featuresOf } from './features';
import { headProbabilities, reasonFor } from './head';
import {
  type IncidentLearnerState,
  incidentEvidence,
  incidentReason,
  learntProbability,
} from './incident-learner';
import type { TriageModel } from './model';
import { cleanText } from './text';
import type { UrgencySuggestion } from './urgency';
import { type SparseVector, vectorise } from './vectoriser';

/**
 * Incident or not. Portal appeals open with greetings and close with thanks, so courtesies say
 * nothing about whether a message reports a problem: they are removed before the detector reads it,
 * and a message of courtesies only (a greeting, a thank-you) is not an incident by rule.
 */
const courtesies = new RegExp(
  // Whole words only (a courtesy inside a word — «хай» in «Михайловка» — is not one), in any case.
  `(?<![\\p{L}\\p{N}])(?:${[
    'здравствуй\\S*',
    'здрасте',
    'добр(?:ый|ое|ого)\\s+(?:день|дня|утро|вечер|времени\\s+суток)',
    'доброго\\s+времени\\s+суток',
    'привет\\S*',
    'приветствую',
    'хай',
    'алло',
    'уважаем\\S*(?:\\s+(?:сотрудники|администрация|коллеги|господа))?',
    '(?:заранее\\s+)?(?:большое\\s+|огромное\\s+)?спасибо(?:\\s+(?:большое|огромное|вам))?',
    'благодар\\S*',
    'с\\s+уважением',
    'пожалуйста',
  ].join('|')})(?![\\p{L}\\p{N}])`,
  'giu',
);
const nothingLeft = /^[\s\p{P}\p{S}]*$/u;

/** The text without courtesies, its case kept: the masking that follows finds names by their capitals. */
export function withoutCourtesies(text: string): string {
  return cleanText(text, true).replace(courtesies, ' ');
}

export interface IncidentSuggestion {
  readonly value: boolean;
  readonly confidence: number;
  readonly because: readonly string[];
}

const onlyCourtesies: IncidentSuggestion = { value: false, confidence: 0.95, because: [] };

/**
 * The shipped heads' incident probability: the mean of the two heads over the message without its
 * courtesies; a message of courtesies only is as unlikely as the rule says.
 */
export function shippedIncidentProbability(model: TriageModel, text: string): number {
  const rest = withoutCourtesies(text);
  return nothingLeft.test(rest) ? 1 - onlyCourtesies.confidence : headsProbability(model, rest).probability;
}

function headsProbability(model: TriageModel, rest: string): { probability: number; vector: SparseVector } {
  const vector = vectorise(model.vectoriser, featuresOf(rest));
  const heads = [model.incident, model.incidentChat];
  const probability =
    heads.reduce(
      (sum, head) => sum + (headProbabilities(head, vector)[head.classes.indexOf('incident')] ?? 0),
      0,
    ) / heads.length;
  return { probability, vector };
}

/**
 * Incident when the mean of the two heads' incident probability — moved by the organisation's own
 * decisions (incident-learner.ts: its weights added to the heads' log-odds) — reaches the
 * model's threshold, or when the message is urgent: danger to life or health, or no heating, water or
 * power, is a problem to act on whatever the model or the decisions believe.
 */
export function suggestIncident(
  model: TriageModel,
  text: string,
  urgency: UrgencySuggestion,
  learner?: IncidentLearnerState,
): IncidentSuggestion {
  const rest = withoutCourtesies(text);
  if (nothingLeft.test(rest)) return onlyCourtesies;
  const { probability: shipped, vector } = headsProbability(model, rest);
  // The organisation's decisions read the whole message, courtesies too.
  const own = learner?.decisions ? featuresOf(text, false) : null;
  const learnt = learner && own ? incidentEvidence(learner, [...own.stems]) : null;
  const probability = learnt ? learntProbability(shipped, learnt) : shipped;
  const value = probability >= model.incidentThreshold;
  if (!value && urgency.urgent)
    return { value: true, confidence: urgency.confidence, because: urgency.because };
  const confidence = Number((value ? probability : 1 - probability).toFixed(3));
  // Where the decisions turned the heads' verdict, their words are the reason.
  if (learnt && own && value !== shipped >= model.incidentThreshold)
    return { value, confidence, because: incidentReason(learnt, own.origin, value) };
  const decided = model.incident.classes.indexOf(value ? 'incident' : 'other');
  return { value, confidence, because: reasonFor(model.incident, vector, decided) };
}
