import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { labelKey } from '../../../shared/model/labels';
import type { Department } from '../../../shared/model/staff';
import type { ApiFailure, TokenSource } from '../../api/client';
import {
  type AutoDecision,
  type CategoryMapRow,
  type CategoryThreshold,
  type DepartmentAccuracy,
  type TriageAccuracy,
  triageControlApi,
} from '../../api/triage-control';
import { useFormatters } from '../../app/format';
import { ArrowBackIcon } from '../../app/icons';
import { useServices } from '../../app/services';
import { useT } from '../../app/translate';
import { useRxQuery } from '../../db/DatabaseProvider';
import { AccuracyPanel } from './AccuracyPanel';
import { CategoryMapPanel } from './CategoryMapPanel';
import { failureKey } from './control';
import { DecisionsPanel } from './DecisionsPanel';
import { ThresholdsPanel } from './ThresholdsPanel';

interface Loaded {
  accuracy: { total: TriageAccuracy; departments: DepartmentAccuracy[] };
  thresholds: CategoryThreshold[];
  decisions: AutoDecision[];
  map: CategoryMapRow[];
}

/**
 * «Подсказки» (issue 13), for supervisors and administrators: how often the department suggestion was
 * right over the last 30 days of staff decisions, automatic routing per working category, the latest
 * automatic decisions with undo, and the organisation's category mapping. Everything is the server's
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
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
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
  const label = useCallback(
    (code: string) => `${categoryLabel(code.split('.')[0] ?? code)} › ${tLabel(labelKey.subcategory(code))}`,
    [categoryLabel, tLabel],
  );

  const load = useCallback(async () => {
    const [accuracy, thresholds, decisions, map] = await Promise.all([
      control.accuracy(),
      control.thresholds(),
      control.decisions(),
      control.categoryMap(),
    ]);
    for (const result of [accuracy, thresholds, decisions, map])
      if (!result.ok) return setFailure(result.error);
    if (!accuracy.ok || !thresholds.ok || !decisions.ok || !map.ok) return;
    setFailure(null);
    setLoaded({
      accuracy: accuracy.value,
      thresholds: thresholds.value,
      decisions: decisions.value,
      map: map.value,
    });
  }, [control]);
  useEffect(() => {
    void load();
  }, [load]);

  /** Runs a change; on success says `done` and reloads, on refusal shows why. */
  const change = async (
    run: () => Promise<{ ok: true } | { ok: false; error: ApiFailure }>,
    done: string,
  ) => {
    const result = await run();
    if (!result.ok) {
      setNotice(null);
      return setFailure(result.error);
    }
    setFailure(null);
    setNotice(done);
    await load();
  };

  return (
    <Stack spacing={2} sx={{ p: 2, overflow: 'auto', height: '100%' }} data-testid="triage-control">
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <Button startIcon={<ArrowBackIcon />} onClick={onBack}>
          {t('back')}
        </Button>
        <Typography variant="h5" component="h1">
          {t('title')}
        </Typography>
        <Button onClick={() => void load()}>{t('refresh')}</Button>
      </Stack>
      <Typography variant="body2" color="text.secondary">
        {t('intro')}
      </Typography>
      {failure && (
        <Alert severity="error" data-testid="triage-control-failure">
          {t(failureKey(failure))}
        </Alert>
      )}
      {notice && (
        <Alert severity="success" data-testid="triage-control-notice" onClose={() => setNotice(null)}>
          {notice}
        </Alert>
      )}
      {!loaded ? (
        !failure && <Typography>{t('loading')}</Typography>
      ) : (
        <>
          <AccuracyPanel
            total={loaded.accuracy.total}
            departments={loaded.accuracy.departments}
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
          <CategoryMapPanel
            rows={loaded.map}
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
    </Stack>
  );
}
