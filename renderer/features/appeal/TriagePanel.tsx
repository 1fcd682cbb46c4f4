import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useCallback, useEffect, useState } from 'react';
import type { Actor } from '../../../shared/domain/status-machine';
import type { Appeal, AppealTriage } from '../../../shared/model/appeal';
import { labelKey } from '../../../shared/model/labels';
import type { Department } from '../../../shared/model/staff';
import { departmentFromCategoryMap, departmentFromChannel } from '../../../shared/triage/reasons';
import { useT } from '../../app/translate';
import { acceptTriage } from '../../appeal-actions/accept-triage';
import { useDatabase } from '../../db/DatabaseProvider';
import { mayEdit } from './editing/editing';

const percent = (confidence: number) => String(Math.round(confidence * 100));

/** What the server's triage suggested on arrival (issue 13), each part with its confidence and the words that decided it. */
export function TriageSuggestionView({
  triage,
  departments,
  onAccept,
  outcome,
}: {
  triage: AppealTriage;
  departments: readonly Department[];
  onAccept?: () => void;
  outcome?: 'accepted' | 'refused' | null;
}) {
  const { t } = useT();
  const category = triage.category[0];
  const department = triage.department[0];
  const because = (words: readonly string[]) =>
    words[0] === departmentFromChannel
      ? ` · ${t('triage:department.fromChannel')}`
      : words[0] === departmentFromCategoryMap
        ? ` · ${t('triage:department.fromCategoryMap')}`
        : words.length > 0
          ? ` · ${t('triage.because', { words: words.join(', ') })}`
          : '';
  return (
    <Paper variant="outlined" sx={{ p: 2 }} data-testid="triage-suggestion" aria-label={t('triage.title')}>
      <Stack spacing={0.5}>
        <Typography variant="subtitle2" component="h2">
          {t('triage.title')}
        </Typography>
        <Typography variant="body2">
          {t(triage.incident.value ? 'triage.incident' : 'triage.notIncident')} (
          {t('triage.confidence', { percent: percent(triage.incident.confidence) })})
          {because(triage.incident.because)}
        </Typography>
        {triage.urgency.urgent && (
          <Typography variant="body2" color="error" data-testid="triage-urgent">
            {t('triage.urgent', {
              signs: triage.urgency.signs.map((sign) => t(`triage.signs.${sign}`)).join(', '),
            })}
            {because(triage.urgency.because)}
          </Typography>
        )}
        {category && (
          <Typography variant="body2" data-testid="triage-category">
            {t('triage.category', {
              category:
                category.subcategory && category.category
                  ? `${t(labelKey.category(category.category))} › ${t(labelKey.subcategory(category.subcategory))}`
                  : category.value,
            })}{' '}
            ({t('triage.confidence', { percent: percent(category.confidence) })}){because(category.because)}
          </Typography>
        )}
        {category && (
          <Typography variant="caption" color="text.secondary">
            {t('triage.portal', { portal: category.value })}
          </Typography>
        )}
        {department && (
          <Typography variant="body2" data-testid="triage-department">
            {t('triage.department', {
              department:
                departments.find((d) => d.id === department.value)?.name ?? t('triage.unknownDepartment'),
            })}{' '}
            ({t('triage.confidence', { percent: percent(department.confidence) })})
            {because(department.because)}
          </Typography>
        )}
        {onAccept && (
          <Stack direction="row">
            <Button size="small" variant="outlined" onClick={onAccept}>
              {t('triage.accept')}
            </Button>
          </Stack>
        )}
        {outcome === 'accepted' && <Alert severity="success">{t('triage.accepted')}</Alert>}
        {outcome === 'refused' && <Alert severity="warning">{t('triage.refused')}</Alert>}
      </Stack>
    </Paper>
  );
}

/**
 * The suggestion on the appeal card. Accepting it (the button or Alt+A) writes what the official
 * would: the suggested category and urgency (the edit of issue 11), and a move to the suggested
 * department (the status machine's reassign, refused for a role that may not). The server learns
 * the decision.
 */
export function TriagePanel({
  appeal,
  actor,
  departments,
}: {
  appeal: Appeal;
  actor: Actor;
  departments: readonly Department[];
}) {
  const db = useDatabase();
  const [outcome, setOutcome] = useState<'accepted' | 'refused' | null>(null);
  const triage = appeal.triage;
  const open = mayEdit(appeal);

  const accept = useCallback(async () => {
    if (!triage) return;
    const accepted = await acceptTriage(db.appeals, appeal, actor);
    setOutcome(accepted.ok ? 'accepted' : 'refused');
  }, [appeal, actor, db, triage]);

  useEffect(() => {
    if (!triage || !open) return;
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || event.code !== 'KeyA' || event.ctrlKey || event.metaKey) return;
      event.preventDefault();
      void accept();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [accept, open, triage]);

  if (!triage) return null;
  return (
    <TriageSuggestionView
      triage={triage}
      departments={departments}
      outcome={outcome}
      {...(open ? { onAccept: () => void accept() } : {})}
    />
  );
}
