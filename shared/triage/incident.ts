import { featuresOf } from './features';
import { headProbabilities, reasonFor } from './head';
import type { TriageModel } from './model';
import { cleanText } from './text';
import type { UrgencySuggestion } from './urgency';
import { vectorise } from './vectoriser';

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
 * Incident when the mean of the two heads' incident probability reaches the model's threshold, or
 * when the message is urgent: danger to life or health, or no heating, water or power, is a problem
 * to act on whatever the model believes.
 */
export function suggestIncident(
  model: TriageModel,
  text: string,
  urgency: UrgencySuggestion,
): IncidentSuggestion {
  const rest = withoutCourtesies(text);
  if (nothingLeft.test(rest)) return onlyCourtesies;
  const vector = vectorise(model.vectoriser, featuresOf(rest));
  const heads = [model.incident, model.incidentChat];
  const probability =
    heads.reduce(
      (sum, head) => sum + (headProbabilities(head, vector)[head.classes.indexOf('incident')] ?? 0),
      0,
    ) / heads.length;
  const value = probability >= model.incidentThreshold;
  if (!value && urgency.urgent)
    return { value: true, confidence: urgency.confidence, because: urgency.because };
  const decided = model.incident.classes.indexOf(value ? 'incident' : 'other');
  return {
    value,
    confidence: Number((value ? probability : 1 - probability).toFixed(3)),
    because: reasonFor(model.incident, vector, decided),
  };
}
