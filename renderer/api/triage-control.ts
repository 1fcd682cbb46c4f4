/**
 * The supervisor's calls for «Подсказки» (server/src/triage/routes.ts and control-routes.ts): the
 * department suggestions' accuracy, automatic routing thresholds and decisions with undo, and the
 * organisation's category mapping. Answers are read without trusting them; errors are values.
 */
import type { ApiResult, AppealApi } from './client';
import { isJson, listOf, malformed, str } from './untrusted';

const num = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;

export interface TriageAccuracy {
  readonly days: number;
  readonly decisions: number;
  readonly suggested: number;
  /** null: no decision on an appeal with a suggestion yet */
  readonly departmentTop1: number | null;
}

/** Incident-or-not over the same days: people's decisions, those with a suggestion, the share right. */
export interface IncidentAccuracy {
  readonly decisions: number;
  readonly suggested: number;
  /** null: no decision on a message with a suggestion yet */
  readonly accuracy: number | null;
}

export interface DepartmentAccuracy extends Omit<TriageAccuracy, 'days'> {
  readonly departmentId: string;
}

export interface CategoryThreshold {
  readonly category: string;
  readonly threshold: number;
}

export type AutoDecisionOutcome = 'standing' | 'undone' | 'movedSince';

export interface AutoDecision {
  readonly appealId: string;
  readonly decidedAt: number;
  readonly fromDepartmentId: string;
  readonly toDepartmentId: string;
  readonly confidence: number;
  readonly threshold: number;
  readonly category: string | null;
  readonly registrationNumber: string | null;
  readonly subject: string;
  readonly outcome: AutoDecisionOutcome;
  readonly undoneAt: number | null;
  readonly undoneBy: string | null;
}

export interface CategoryMapRow {
  readonly portal: string;
  readonly defaultSubcategory: string;
  readonly subcategory: string;
  readonly edited: boolean;
  readonly updatedAt: number | null;
}

/** A working category's or subcategory's responsible department in the category map. */
export interface CategoryDepartment {
  /** A working category code (`roads`) or subcategory code (`roads.potholes`). */
  readonly category: string;
  readonly departmentId: string;
  readonly updatedAt: number | null;
}

/** The mapping's rows and its responsible departments (one answer). */
export interface CategoryMapping {
  readonly rows: readonly CategoryMapRow[];
  readonly departments: readonly CategoryDepartment[];
}

function parseAccuracy(value: unknown): Omit<TriageAccuracy, 'days'> | null {
  if (!isJson(value)) return null;
  const decisions = num(value.decisions);
  const suggested = num(value.suggested);
  if (decisions === null || suggested === null) return null;
  return { decisions, suggested, departmentTop1: num(value.departmentTop1) };
}

function parseIncidentAccuracy(value: unknown): IncidentAccuracy | null {
  if (!isJson(value)) return null;
  const decisions = num(value.decisions);
  const suggested = num(value.suggested);
  if (decisions === null || suggested === null) return null;
  return { decisions, suggested, accuracy: num(value.accuracy) };
}

function parseDecision(value: unknown): AutoDecision | null {
  if (!isJson(value) || !str(value.appealId)) return null;
  const outcome: AutoDecisionOutcome =
    value.outcome === 'undone' || value.outcome === 'movedSince' ? value.outcome : 'standing';
  return {
    appealId: str(value.appealId),
    decidedAt: num(value.decidedAt) ?? 0,
    fromDepartmentId: str(value.fromDepartmentId),
    toDepartmentId: str(value.toDepartmentId),
    confidence: num(value.confidence) ?? 0,
    threshold: num(value.threshold) ?? 0,
    category: str(value.category) || null,
    registrationNumber: str(value.registrationNumber) || null,
    subject: str(value.subject),
    outcome,
    undoneAt: num(value.undoneAt),
    undoneBy: str(value.undoneBy) || null,
  };
}

function parseRow(value: unknown): CategoryMapRow | null {
  if (!isJson(value) || !str(value.portal) || !str(value.subcategory)) return null;
  return {
    portal: str(value.portal),
    defaultSubcategory: str(value.defaultSubcategory) || str(value.subcategory),
    subcategory: str(value.subcategory),
    edited: value.edited === true,
    updatedAt: num(value.updatedAt),
  };
}

export function triageControlApi(api: AppealApi) {
  return {
    async accuracy(): Promise<
      ApiResult<{ total: TriageAccuracy; departments: DepartmentAccuracy[]; incident: IncidentAccuracy }>
    > {
      const [total, byDepartment] = await Promise.all([
        api.call('GET', '/api/v1/triage/accuracy'),
        api.call('GET', '/api/v1/triage/accuracy/departments'),
      ]);
      if (!total.ok) return total;
      if (!byDepartment.ok) return byDepartment;
      const overall = parseAccuracy(total.value);
      const days = isJson(total.value) ? num(total.value.days) : null;
      const departments = listOf(byDepartment.value, 'departments', (item) => {
        const accuracy = parseAccuracy(item);
        return accuracy && isJson(item) && str(item.departmentId)
          ? { ...accuracy, departmentId: str(item.departmentId) }
          : null;
      });
      const incident = isJson(total.value) ? parseIncidentAccuracy(total.value.incident) : null;
      if (!overall || days === null || !departments || !incident) return malformed;
      return { ok: true, value: { total: { ...overall, days }, departments, incident } };
    },
    async thresholds(): Promise<ApiResult<CategoryThreshold[]>> {
      const result = await api.call('GET', '/api/v1/triage/auto-routing');
      if (!result.ok) return result;
      const list = listOf(result.value, 'thresholds', (item) =>
        isJson(item) && str(item.category) && num(item.threshold) !== null
          ? { category: str(item.category), threshold: num(item.threshold) as number }
          : null,
      );
      return list ? { ok: true, value: list } : malformed;
    },
    /** On above `threshold` (0.5–1), or off (null); the server checks and audits it. */
    async setThreshold(category: string, threshold: number | null): Promise<ApiResult<null>> {
      const result = await api.call('PUT', `/api/v1/triage/auto-routing/${encodeURIComponent(category)}`, {
        threshold,
      });
      return result.ok ? { ok: true, value: null } : result;
    },
    async decisions(): Promise<ApiResult<AutoDecision[]>> {
      const result = await api.call('GET', '/api/v1/triage/auto-routing/decisions');
      if (!result.ok) return result;
      const list = listOf(result.value, 'decisions', parseDecision);
      return list ? { ok: true, value: list } : malformed;
    },
    /** Puts the appeal back where it would have been; 409 `already_undone` / `moved_since`. */
    async undo(appealId: string): Promise<ApiResult<{ departmentId: string }>> {
      const path = `/api/v1/triage/auto-routing/decisions/${encodeURIComponent(appealId)}/undo`;
      const result = await api.call('POST', path, {});
      if (!result.ok) return result;
      const departmentId = isJson(result.value) ? str(result.value.departmentId) : '';
      return departmentId ? { ok: true, value: { departmentId } } : malformed;
    },
    async categoryMap(): Promise<ApiResult<CategoryMapping>> {
      const result = await api.call('GET', '/api/v1/triage/category-map');
      if (!result.ok) return result;
      const rows = listOf(result.value, 'rows', parseRow);
      // A server before the responsible departments answers none.
      const departments =
        isJson(result.value) && result.value.departments !== undefined
          ? listOf(result.value, 'departments', (item) =>
              isJson(item) && str(item.category) && str(item.departmentId)
                ? {
                    category: str(item.category),
                    departmentId: str(item.departmentId),
                    updatedAt: num(item.updatedAt),
                  }
                : null,
            )
          : [];
      return rows && departments ? { ok: true, value: { rows, departments } } : malformed;
    },
    /** The responsible department of a working category or subcategory; the server checks and audits it. */
    async setCategoryDepartment(category: string, departmentId: string): Promise<ApiResult<null>> {
      const result = await api.call('PUT', '/api/v1/triage/category-map/department', {
        category,
        departmentId,
      });
      return result.ok ? { ok: true, value: null } : result;
    },
    /** No responsible department for the working category or subcategory. */
    async removeCategoryDepartment(category: string): Promise<ApiResult<null>> {
      const result = await api.call(
        'DELETE',
        `/api/v1/triage/category-map/department?category=${encodeURIComponent(category)}`,
      );
      return result.ok ? { ok: true, value: null } : result;
    },
    async setMapping(portal: string, subcategory: string): Promise<ApiResult<null>> {
      const result = await api.call('PUT', '/api/v1/triage/category-map', { portal, subcategory });
      return result.ok ? { ok: true, value: null } : result;
    },
    /** Back to the default rules; answers the row's working subcategory now. */
    async resetMapping(portal: string): Promise<ApiResult<string>> {
      const result = await api.call(
        'DELETE',
        `/api/v1/triage/category-map?portal=${encodeURIComponent(portal)}`,
      );
      if (!result.ok) return result;
      const subcategory = isJson(result.value) ? str(result.value.subcategory) : '';
      return subcategory ? { ok: true, value: subcategory } : malformed;
    },
  };
}
