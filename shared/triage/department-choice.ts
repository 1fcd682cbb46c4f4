import { type DepartmentLearnerState, learnerSupport, suggestDepartments } from './department-learner';
import type { TriageEvidence } from './evidence';
import type { Ranked } from './head';
import { departmentFromCategoryMap, departmentFromChannel } from './reasons';
import {
  type CategoryDepartments,
  type CategoryMap,
  responsibleDepartmentOf,
  workingCategoryOf,
} from './working-category';

/**
 * Which of the organisation's departments to suggest (issue 13), the same on the server (intake) and on
 * a desktop offline (a reception entry):
 * 1. the organisation's department learner, when it has a confident answer — its top department at
 *    `learnerTrust.confidence` or more, and it has learnt from messages like this one
 *    (`learnerSupport` ≥ `learnerTrust.support`: decisions on this message's portal categories; a
 *    learner that has seen only hot-water decisions is 100 % sure of its one department for a pothole
 *    too, and knows nothing of potholes);
 * 2. else the responsible department of the suggested category in the organisation's category map
 *    (reason `@category-map`), its confidence the model's belief in the categories that map to it;
 * 3. else the channel account's default department (reason `@channel-default`, 50 %);
 * then whatever the learner said, at most `count` in all.
 */
export interface DepartmentFallbacks {
  /** The organisation's edits of the portal → working category mapping. */
  readonly categoryMap?: CategoryMap;
  /** The map's responsible departments, by working category or subcategory. */
  readonly categoryDepartments?: CategoryDepartments;
  /** The channel account's default department; none for a reception entry. */
  readonly channelDefault?: string;
}

/** When the learner's answer is confident enough to come first. */
export interface LearnerTrust {
  /** Its top department at least this sure… */
  readonly confidence: number;
  /** …and at least this many decisions' worth learnt on the message's portal categories. */
  readonly support: number;
}

/** The shipped trust, chosen by a replay of the public set as decisions (scripts/eval-department-order.ts; resources/triage/README.md). */
export const learnerTrust: LearnerTrust = { confidence: 0.7, support: 0.5 };
/** The learner's top department must be at least this sure (the shipped trust). */
export const learnerConfidenceNeeded = learnerTrust.confidence;
/** How sure a suggestion of the channel's default department is: a guess a person should check. */
export const channelDefaultConfidence = 0.5;

const round = (value: number) => Number(value.toFixed(3));

/** Whether the learner's answer for this message is confident enough to come first. */
function learnerConfident(
  learner: DepartmentLearnerState | undefined,
  learnt: readonly Ranked[],
  evidence: TriageEvidence,
  trust: LearnerTrust,
): boolean {
  const top = learnt[0];
  return (
    learner !== undefined &&
    top !== undefined &&
    top.confidence >= trust.confidence &&
    learnerSupport(learner, evidence) >= trust.support
  );
}

/**
 * The category map's departments for this message: each suggested portal category's working category,
 * its responsible department, with the model's belief in those categories summed; best first. Whether
 * the top category has one is `topMapped`.
 */
function mappedDepartments(
  evidence: TriageEvidence,
  text: string,
  fallbacks: DepartmentFallbacks,
): { departments: Ranked[]; topMapped: boolean } {
  const responsible = fallbacks.categoryDepartments ?? {};
  const belief = new Map<string, number>();
  let topMapped = false;
  evidence.categories.forEach((category, i) => {
    const department = responsibleDepartmentOf(
      workingCategoryOf(category.value, text, fallbacks.categoryMap),
      responsible,
    );
    if (department === undefined) return;
    if (i === 0) topMapped = true;
    belief.set(department, (belief.get(department) ?? 0) + category.confidence);
  });
  const departments = [...belief]
    .sort((a, b) => b[1] - a[1])
    .map(([value, confidence]) => ({
      value,
      confidence: round(Math.min(1, confidence)),
      because: [departmentFromCategoryMap],
    }));
  return { departments, topMapped };
}

/** The department suggestion for a message, best first, at most `count` (the order above). */
export function chooseDepartments(
  evidence: TriageEvidence,
  text: string,
  learner: DepartmentLearnerState | undefined,
  fallbacks: DepartmentFallbacks = {},
  count = 3,
  trust: LearnerTrust = learnerTrust,
): Ranked[] {
  const learnt = learner ? suggestDepartments(learner, evidence, count) : [];
  if (learnerConfident(learner, learnt, evidence, trust)) return learnt;
  const mapped = mappedDepartments(evidence, text, fallbacks);
  const channel: Ranked[] = fallbacks.channelDefault
    ? [
        {
          value: fallbacks.channelDefault,
          confidence: channelDefaultConfidence,
          because: [departmentFromChannel],
        },
      ]
    : [];
  const ordered = mapped.topMapped
    ? [...mapped.departments, ...channel, ...learnt]
    : [...channel, ...mapped.departments, ...learnt];
  const seen = new Set<string>();
  return ordered.filter((d) => !seen.has(d.value) && seen.add(d.value)).slice(0, count);
}
