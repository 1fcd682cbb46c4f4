import Typography from '@mui/material/Typography';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { labelKey } from '../../../shared/model/labels';
import type { Department } from '../../../shared/model/staff';
import type { ApiResult, TokenSource } from '../../api/client';
import {
  type AutoDecision,
  type CategoryMapping,
  type CategoryThreshold,
  type DepartmentAccuracy,
  type IncidentAccuracy,
  type TriageAccuracy,
  triageControlApi,
} from '../../api/triage-control';
import { useFormatters } from '../../app/format';
import { ServerScreen, useServerScreen } from '../../app/ServerScreen';
import { useServices } from '../../app/services';
import { useT } from '../../app/translate';
import { useRxQuery } from '../../db/DatabaseProvider';
import { AccuracyPanel } from './AccuracyPanel';
import { CategoryDepartmentsPanel } from './CategoryDepartmentsPanel';
import { CategoryMapPanel } from './CategoryMapPanel';
import { failureKey } from './control';
import { DecisionsPanel } from './DecisionsPanel';
import { ThresholdsPanel } from './ThresholdsPanel';

interface Loaded {
  accuracy: { total: TriageAccuracy; departments: DepartmentAccuracy[]; incident: IncidentAccuracy };
  thresholds: CategoryThreshold[];
  decisions: AutoDecision[];
  map: CategoryMapping;
}

/**
 * «Подсказки» (issue 13), for supervisors and administrators: how often the department suggestion was
 * right over the last 30 days of staff decisions, automatic routing per working category, the latest
 * automatic decisions with undo, the responsible department of each working category, and the
 * organisation's category mapping. Everything is the server's
 * (server/src/triage/routes.ts, control-routes.ts); offline the screen says so.
 */
export function TriageControlScreen({
  tokens,
  onBack,
  onOpenAppeal,
}: {
  tokens: TokenSource;
  onBack: () => void;
  onOpenAppeal: (appealId: string) => void;
}) {
  const { t } = useTranslation('triageControl');
  const { t: tLabel } = useT();
  const { formatDate } = useFormatters();
  const { api } = useServices();
  const control = useMemo(() => triageControlApi(api.authorised(tokens)), [api, tokens]);
  const { result: departmentDocs } = useRxQuery((db) => db.departments.find(), []);
  const departments = useMemo(
    () => (departmentDocs?.map((doc) => doc.toJSON()) ?? []) as Department[],
    [departmentDocs],
  );
  const departmentName = useCallback(
    (id: string) => {
      const department = departments.find((d) => d.id === id);
      return department ? `${department.code} ${department.name}` : t('decisions.unknownDepartment');
    },
    [departments, t],
  );
  const categoryLabel = useCallback((code: string) => tLabel(labelKey.category(code)), [tLabel]);
  const subcategoryLabel = useCallback((code: string) => tLabel(labelKey.subcategory(code)), [tLabel]);
  const label = useCallback(
    (code: string) => `${categoryLabel(code.split('.')[0] ?? code)} › ${subcategoryLabel(code)}`,
    [categoryLabel, subcategoryLabel],
  );
  /** A working category's label, or a subcategory's «Категория › Подкатегория». */
  const workingLabel = (code: string) => (code.includes('.') ? label(code) : categoryLabel(code));

  const fetch = useCallback(async (): Promise<ApiResult<Loaded>> => {
    const [accuracy, thresholds, decisions, map] = await Promise.all([
      control.accuracy(),
      control.thresholds(),
      control.decisions(),
      control.categoryMap(),
    ]);
    if (!accuracy.ok) return accuracy;
    if (!thresholds.ok) return thresholds;
    if (!decisions.ok) return decisions;
    if (!map.ok) return map;
    return {
      ok: true,
      value: {
        accuracy: accuracy.value,
        thresholds: thresholds.value,
        decisions: decisions.value,
        map: map.value,
      },
    };
  }, [control]);
  const screen = useServerScreen(fetch);
  const { change } = screen;

  return (
    <ServerScreen
      screen={screen}
      texts={{
        back: t('back'),
        title: t('title'),
        refresh: t('refresh'),
        loading: t('loading'),
        failure: (failure) => t(failureKey(failure)),
      }}
      testIds={{
        screen: 'triage-control',
        failure: 'triage-control-failure',
        notice: 'triage-control-notice',
      }}
      onBack={onBack}
      lead={
        <Typography variant="body2" color="text.secondary">
          {t('intro')}
        </Typography>
      }
    >
      {(loaded) => (
        <>
          <AccuracyPanel
            total={loaded.accuracy.total}
            departments={loaded.accuracy.departments}
            incident={loaded.accuracy.incident}
            departmentName={departmentName}
          />
          <ThresholdsPanel
            thresholds={loaded.thresholds}
            onSave={(category, threshold) =>
              void change(
                () => control.setThreshold(category, threshold),
                t('thresholds.saved', { category: categoryLabel(category) }),
              )
            }
          />
          <DecisionsPanel
            decisions={loaded.decisions}
            departmentName={departmentName}
            formatDate={formatDate}
            onOpenAppeal={onOpenAppeal}
            onUndo={(decision) =>
              void change(
                () => control.undo(decision.appealId),
                t('decisions.undone', { department: departmentName(decision.fromDepartmentId) }),
              )
            }
          />
          <CategoryDepartmentsPanel
            chosen={loaded.map.departments}
            departments={departments}
            categoryLabel={categoryLabel}
            subcategoryLabel={subcategoryLabel}
            departmentName={departmentName}
            onSet={(code, departmentId) =>
              void change(
                () => control.setCategoryDepartment(code, departmentId),
                t('departments.saved', {
                  category: workingLabel(code),
                  department: departmentName(departmentId),
                }),
              )
            }
            onRemove={(code) =>
              void change(
                () => control.removeCategoryDepartment(code),
                t('departments.removed', { category: workingLabel(code) }),
              )
            }
          />
          <CategoryMapPanel
            rows={loaded.map.rows}
            label={label}
            categoryLabel={categoryLabel}
            onSet={(row, subcategory) =>
              void change(
                () => control.setMapping(row.portal, subcategory),
                t('map.saved', { portal: row.portal, label: label(subcategory) }),
              )
            }
            onReset={(row) =>
              void change(
                () => control.resetMapping(row.portal),
                t('map.resetDone', { portal: row.portal, label: label(row.defaultSubcategory) }),
              )
            }
          />
        </>
      )}
    </ServerScreen>
  );
}
