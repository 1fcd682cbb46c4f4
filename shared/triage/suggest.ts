import { chooseDepartments, type DepartmentFallbacks } from './department-choice';
import type { DepartmentLearnerState } from './department-learner';
import { triageEvidence } from './evidence';
import type { Ranked } from './head';
import { type IncidentSuggestion, suggestIncident } from './incident';
import type { IncidentLearnerState } from './incident-learner';
import type { TriageModel } from './model';
import { suggestUrgency, type UrgencySuggestion } from './urgency';

/**
 * What triage suggests for one incoming message or appeal. Every part has a confidence (0–1) and
 * `because`: the message's own stems that decided it (after masking, so never personal data).
 */
export interface TriageSuggestion {
  readonly incident: IncidentSuggestion;
  /** Portal (ПОС) categories, best first, at most three. */
  readonly category: readonly Ranked[];
  /** Bodies that answered such appeals in the public data, best first, at most three. */
  readonly executor: readonly Ranked[];
  /**
   * The organisation's own departments: its learner's when confident, else the category map's
   * responsible department, else the channel's default (department-choice.ts); empty with none of them.
   */
  readonly department: readonly Ranked[];
  readonly urgency: UrgencySuggestion;
}

export function suggestTriage(
  model: TriageModel,
  text: string,
  departments?: DepartmentLearnerState,
  incidents?: IncidentLearnerState,
  fallbacks?: DepartmentFallbacks,
): TriageSuggestion {
  const evidence = triageEvidence(model, text);
  const urgency = suggestUrgency(text);
  return {
    incident: suggestIncident(model, text, urgency, incidents),
    category: evidence.categories,
    executor: evidence.executors,
    department: chooseDepartments(evidence, text, departments, fallbacks),
    urgency,
  };
}
