import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { labelKey } from '../../../shared/model/labels';
import type { Department } from '../../../shared/model/staff';
import { useFormatters } from '../../app/format';
import { offlineTriage, useTriageModel } from '../../app/triage-model';
import type { ReceptionSuggestion as Suggestion } from '../../app/triage-suggestion';
import type { ReceptionInput } from './reception-form';

// i18next's typed `t` does not accept keys built at run time; labelKey builds only known keys.
type AnyT = (key: string, options?: Record<string, unknown>) => string;

const typingPauseMs = 300;
const percent = (confidence: number) => String(Math.round(confidence * 100));

/**
 * The suggestion beside the reception card (issue 13): category, department and urgency from the text as
 * the official types it, by the model on this computer — offline too. «Применить» (Alt+A) fills the
 * category and the department; the official checks them. No model yet: said plainly.
 */
export function ReceptionSuggestion({
  userId,
  input,
  departments,
  set,
}: {
  userId: string;
  input: Pick<ReceptionInput, 'subject' | 'text' | 'category' | 'departmentId'>;
  /** The departments the official may file into. */
  departments: readonly Department[];
  set: (patch: Partial<ReceptionInput>) => void;
}) {
  const { t } = useTranslation('triage');
  const { t: app } = useTranslation();
  const tt = app as unknown as AnyT;
  const { formatDate } = useFormatters();
  const state = useTriageModel(userId);
  const [text, setText] = useState('');
  const [applied, setApplied] = useState(false);
  const typed = `${input.subject}\n${input.text}`.trim();
  useEffect(() => {
    const timer = setTimeout(() => setText(typed), typingPauseMs);
    return () => clearTimeout(timer);
  }, [typed]);
  const departmentIds = useMemo(() => departments.map((d) => d.id), [departments]);
  const [suggestion, setSuggestion] = useState<Suggestion | null>(null);
  const ready = state.status === 'ready' ? state.receivedAt : null;
  useEffect(() => {
    if (ready === null) return;
    let current = true;
    void offlineTriage()
      .suggest(text, departmentIds)
      .then((next) => {
        if (current) setSuggestion(next);
      });
    return () => {
      current = false;
    };
  }, [ready, text, departmentIds]);

  const apply = useCallback(() => {
    if (!suggestion) return;
    set({
      ...(suggestion.category ? { category: suggestion.category.code } : {}),
      ...(suggestion.department ? { departmentId: suggestion.department.id } : {}),
    });
    setApplied(true);
  }, [suggestion, set]);
  const applicable =
    suggestion !== null &&
    ((suggestion.category !== null && suggestion.category.code !== input.category) ||
      (suggestion.department !== null && suggestion.department.id !== input.departmentId));

  useEffect(() => {
    if (!applicable) return;
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || event.code !== 'KeyA' || event.ctrlKey || event.metaKey) return;
      event.preventDefault();
      apply();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [apply, applicable]);
  // Another text: the last «applied» is not about it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset on purpose when the text changes
  useEffect(() => setApplied(false), [text]);

  if (state.status === 'loading') return null;
  if (state.status === 'none')
    return (
      <Alert severity="info" data-testid="reception-suggestion-none">
        {t('reception.noModel')}
      </Alert>
    );
  if (!suggestion) return null;
  const department = suggestion.department
    ? departments.find((d) => d.id === suggestion.department?.id)
    : undefined;
  return (
    <Paper
      variant="outlined"
      sx={{ p: 2 }}
      data-testid="reception-suggestion"
      aria-label={t('reception.title')}
    >
      <Stack spacing={0.5}>
        <Typography variant="subtitle2" component="h2">
          {t('reception.title')}
        </Typography>
        {!suggestion.incident && (
          <Typography variant="body2" color="text.secondary">
            {t('reception.notIncident')}
          </Typography>
        )}
        {suggestion.category && (
          <Typography variant="body2" data-testid="reception-suggestion-category">
            {t('reception.category', {
              category: `${tt(labelKey.category(suggestion.category.code))} › ${tt(labelKey.subcategory(suggestion.category.subcategory))}`,
            })}{' '}
            ({t('reception.confidence', { percent: percent(suggestion.category.confidence) })})
          </Typography>
        )}
        {department && suggestion.department && (
          <Typography variant="body2" data-testid="reception-suggestion-department">
            {t('reception.department', { department: department.name })} (
            {t('reception.confidence', { percent: percent(suggestion.department.confidence) })})
            {suggestion.department.fromCategoryMap && ` · ${t('department.fromCategoryMap')}`}
          </Typography>
        )}
        <Typography
          variant="body2"
          color={suggestion.urgency.urgent ? 'error' : 'text.secondary'}
          data-testid="reception-suggestion-urgency"
        >
          {suggestion.urgency.urgent
            ? t('reception.urgent', {
                signs: suggestion.urgency.signs.map((sign) => tt(`app:triage.signs.${sign}`)).join(', '),
              })
            : t('reception.notUrgent')}
        </Typography>
        <Typography variant="caption" color="text.secondary">
          {t('reception.fromCopy', { date: formatDate(state.receivedAt) })}
        </Typography>
        {applicable && (
          <Stack direction="row">
            <Button size="small" variant="outlined" onClick={apply}>
              {t('reception.apply')}
            </Button>
          </Stack>
        )}
        {applied && !applicable && <Alert severity="success">{t('reception.applied')}</Alert>}
      </Stack>
    </Paper>
  );
}
