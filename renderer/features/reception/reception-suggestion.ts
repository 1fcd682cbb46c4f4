/**
 * The reception form's suggestion from the model on this computer (issue 13, renderer/app/triage-model.ts):
 * the working category, the department among those the official may file into, and urgency — the same
 * suggestTriage the server runs on arrival, with the organisation's learner and category mapping as
 * last synced, so it works offline. One suggestion takes about a millisecond (User Timing
 * `okno-triage-suggest`), so it runs in the window, debounced as the official types.
 */
import { suggestTriage } from '../../../shared/triage/suggest';
import { workingCategoryOf } from '../../../shared/triage/working-category';
import type { TriageModelCopy } from '../../app/triage-model';

export interface ReceptionSuggestion {
  /** Triage's incident-or-not: false for thanks, a question for information, advertising… */
  readonly incident: boolean;
  /** A working category code (not «Прочее»), with the model's confidence. */
  readonly category: {
    readonly code: string;
    readonly subcategory: string;
    readonly confidence: number;
  } | null;
  /** One of `departmentIds`, with the learner's confidence. */
  readonly department: { readonly id: string; readonly confidence: number } | null;
  readonly urgency: { readonly urgent: boolean; readonly signs: readonly string[] };
}

/** Shorter texts say too little to suggest from. */
const shortestText = 12;

export function suggestReception(
  copy: TriageModelCopy,
  text: string,
  departmentIds: readonly string[],
): ReceptionSuggestion | null {
  if (text.trim().length < shortestText) return null;
  const started = performance.now();
  const s = suggestTriage(copy.model, text, copy.learner);
  const top = s.category[0];
  const working = top ? workingCategoryOf(top.value, text, copy.categoryMap) : null;
  const department = s.department.find((d) => departmentIds.includes(d.value));
  performance.measure('okno-triage-suggest', { start: started, end: performance.now() });
  return {
    incident: s.incident.value,
    category:
      top && working && working.category !== 'other'
        ? { code: working.category, subcategory: working.subcategory, confidence: top.confidence }
        : null,
    department: department ? { id: department.value, confidence: department.confidence } : null,
    urgency: { urgent: s.urgency.urgent, signs: s.urgency.signs },
  };
}
