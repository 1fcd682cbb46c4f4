/** A server answer of `GET /api/v1/triage/desktop-model` read as a usable model (issue 13, triage-model.ts). */
import type { DepartmentLearnerState } from '../../shared/triage/department-learner';
import { loadTriageModel, type TriageModel } from '../../shared/triage/model';
import type { CategoryMap } from '../../shared/triage/working-category';

export interface TriageModelCopy {
  readonly model: TriageModel;
  /** The organisation's department learner; none before its first decision. */
  readonly learner: DepartmentLearnerState | undefined;
  readonly categoryMap: CategoryMap;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The answer as a copy, or null when it is not one (never kept, never used). */
export function readTriageModel(body: string): TriageModelCopy | null {
  try {
    const parsed: unknown = JSON.parse(body);
    if (!isRecord(parsed) || parsed.format !== 'okno-desktop-triage/1') return null;
    return {
      model: loadTriageModel(parsed.model),
      learner: isRecord(parsed.learner) ? (parsed.learner as unknown as DepartmentLearnerState) : undefined,
      categoryMap: isRecord(parsed.categoryMap) ? (parsed.categoryMap as CategoryMap) : {},
    };
  } catch {
    return null;
  }
}
