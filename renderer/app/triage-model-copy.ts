/**
 * The server's answers for the desktop's triage model (issue 13, triage-model.ts), read as usable parts:
 * `GET /api/v1/triage/desktop-model` (the shipped model, changes with a release) and
 * `GET /api/v1/triage/desktop-learner` (the organisation's learners, category-map edits and the map's
 * responsible departments, change with each decision or edit).
 */
import type { DepartmentLearnerState } from '../../shared/triage/department-learner';
import { type IncidentLearnerState, isIncidentLearner } from '../../shared/triage/incident-learner';
import { loadTriageModel, type TriageModel } from '../../shared/triage/model';
import type { CategoryDepartments, CategoryMap } from '../../shared/triage/working-category';

/** What the organisation learnt and edited; empty before its first decision. */
export interface OrganisationTriage {
  /** The organisation's department learner; none before its first decision. */
  readonly learner: DepartmentLearnerState | undefined;
  /** The organisation's incident-or-not learner; none before its first decision. */
  readonly incidentLearner: IncidentLearnerState | undefined;
  readonly categoryMap: CategoryMap;
  /** The category map's responsible departments (working category or subcategory → department id). */
  readonly categoryDepartments: CategoryDepartments;
}

export interface TriageModelCopy extends OrganisationTriage {
  readonly model: TriageModel;
}

export const noOrganisationTriage: OrganisationTriage = {
  learner: undefined,
  incidentLearner: undefined,
  categoryMap: {},
  categoryDepartments: {},
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function parsed(body: string, format: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(body);
    return isRecord(value) && value.format === format ? value : null;
  } catch {
    return null;
  }
}

/** The model's answer as a model, or null when it is not one (never kept, never used). */
export function readTriageModel(body: string): TriageModel | null {
  const value = parsed(body, 'okno-desktop-triage/2');
  if (!value) return null;
  try {
    return loadTriageModel(value.model);
  } catch {
    return null;
  }
}

/** The learner's answer, or null when it is not one. */
export function readOrganisationTriage(body: string): OrganisationTriage | null {
  const value = parsed(body, 'okno-desktop-triage-learner/1');
  if (!value) return null;
  return {
    learner: isRecord(value.learner) ? (value.learner as unknown as DepartmentLearnerState) : undefined,
    incidentLearner: isIncidentLearner(value.incidentLearner) ? value.incidentLearner : undefined,
    categoryMap: isRecord(value.categoryMap) ? (value.categoryMap as CategoryMap) : {},
    // A server before migration 590 sends none: no responsible department, as before.
    categoryDepartments: isRecord(value.categoryDepartments)
      ? (value.categoryDepartments as CategoryDepartments)
      : {},
  };
}
