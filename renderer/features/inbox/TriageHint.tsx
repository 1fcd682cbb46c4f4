import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Appeal } from '../../../shared/model/appeal';
import { labelKey } from '../../../shared/model/labels';

// i18next's typed `t` does not accept keys built at run time; labelKey builds only known keys.
type AnyT = (key: string, options?: Record<string, unknown>) => string;

/**
 * The suggestion in a row's words: «ЖКХ › Горячая вода · Отдел ЖКХ · срочно». Shown while no person has
 * categorised the appeal (issue 13); null when there is nothing to suggest.
 */
function triageHintText(
  appeal: Pick<Appeal, 'category' | 'triage' | 'departmentId'>,
  departments: ReadonlyMap<string, string>,
  t: TFunction,
): string | null {
  const triage = appeal.triage;
  if (!triage || appeal.category !== null || !triage.incident.value) return null;
  const tt = t as unknown as AnyT;
  const parts: string[] = [];
  const category = triage.category[0];
  if (category?.category && category.category !== 'other') {
    parts.push(
      category.subcategory
        ? `${tt(labelKey.category(category.category))} › ${tt(labelKey.subcategory(category.subcategory))}`
        : tt(labelKey.category(category.category)),
    );
  }
  const department = triage.department[0]?.value;
  if (department && department !== appeal.departmentId) {
    const name = departments.get(department);
    if (name) parts.push(name);
  }
  if (triage.urgency.urgent) parts.push(tt('triage:row.urgent'));
  return parts.length > 0 ? parts.join(' · ') : null;
}

/** The compact suggestion of an inbox row (Alt+A on the selected row accepts it). */
export function TriageHint({
  appeal,
  departments,
}: {
  appeal: Pick<Appeal, 'category' | 'triage' | 'departmentId'>;
  departments: ReadonlyMap<string, string>;
}) {
  const { t } = useTranslation();
  const text = triageHintText(appeal, departments, t);
  const { t: own } = useTranslation('triage');
  if (!text) return null;
  return (
    <span
      className="okno-row-suggestion"
      title={own('row.label', { what: text })}
      data-testid="inbox-row-suggestion"
    >
      {` · ${text}`}
    </span>
  );
}
