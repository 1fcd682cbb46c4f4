import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import { type AppealAction, appealActions } from '../../../shared/domain/status-machine';
import type { UserProfile } from '../../../shared/model/staff';
import type { AppealApi, HistoryEntry } from '../../api/client';
import { fieldNames } from '../../app/field-names';
import { useFormatters } from '../../app/format';
import { useT } from '../../app/translate';

type State =
  | { kind: 'loading' }
  | { kind: 'loaded'; entries: HistoryEntry[] }
  | { kind: 'failed'; offline: boolean };

const isAction = (value: string): value is AppealAction =>
  (appealActions as readonly string[]).includes(value);

/** What happened, in the past tense: «Создано · Зарегистрировано», «Взято в работу». */
export function describeEntry(
  entry: HistoryEntry,
  t: (key: string, params?: Record<string, unknown>) => string,
): string {
  const actions = entry.actions.filter(isAction).map((action) => t(`domain:actionDone.${action}`));
  if (entry.action === 'appeal.create') return [t('timeline.created'), ...actions].join(' · ');
  if (actions.length > 0) return actions.join(' · ');
  if (entry.action === 'appeal.delete') return t('timeline.deleted');
  // Entries that change no field of the appeal (defect 9 of issue 11: «Изменено 0 полей» after a
  // reception registration recorded the passport) say what happened.
  if (entry.action === 'passport.record') return t('work:timeline.passportRecorded');
  if (entry.action === 'passport.reveal') return t('work:timeline.passportRevealed');
  if (entry.action === 'appeal.file.download') return t('work:timeline.fileOpened');
  if (entry.action === 'appeal.file.upload') return t('work:timeline.fileUploaded');
  if (entry.action === 'appeal.scan.upload') return t('work:timeline.scanUploaded');
  if (entry.action === 'appeal.addition')
    return t(
      entry.documentsRequested ? 'domain:historyEvent.additionAwaited' : 'domain:historyEvent.addition',
    );
  if (entry.action === 'appeal.repeat_mark') return t('applicantHistory.timeline.marked');
  if (entry.action === 'appeal.repeat_unmark') return t('applicantHistory.timeline.unmarked');
  if (entry.action === 'problem.member_add') return t('problems:history.added');
  if (entry.action === 'problem.member_remove') return t('problems:history.removed');
  if (entry.action === 'problem.answer') return t('problems:history.answered');
  const fields = fieldNames(entry.fields, t);
  return fields === '' ? t('work:timeline.changed') : t('work:timeline.changedFields', { fields });
}

/**
 * Every change of the appeal from the server's audit log (`GET /api/v1/appeals/:id/history`). Only
 * the server has it: offline the timeline says so instead of showing a partial local story.
 */
export function Timeline({
  appealId,
  version,
  online,
  api,
  users,
}: {
  appealId: string;
  /** Re-read when the appeal changes (its `updatedAt`). */
  version: number;
  online: boolean;
  api: AppealApi;
  users: readonly UserProfile[];
}) {
  const { t } = useT();
  const { formatDate } = useFormatters();
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: version and attempt trigger a re-read
  useEffect(() => {
    if (!online) {
      setState({ kind: 'failed', offline: true });
      return;
    }
    let current = true;
    void api.history(appealId).then((result) => {
      if (!current) return;
      setState(
        result.ok
          ? { kind: 'loaded', entries: result.value }
          : { kind: 'failed', offline: result.error.kind === 'network' },
      );
    });
    return () => {
      current = false;
    };
  }, [api, appealId, online, version, attempt]);

  const nameOf = (id: string | null) =>
    id === null
      ? t('timeline.system')
      : (users.find((user) => user.id === id)?.displayName ?? t('timeline.unknownUser'));

  return (
    <Paper component="section" variant="outlined" aria-label={t('timeline.title')} sx={{ p: 2 }}>
      <Typography variant="h6" component="h2" gutterBottom>
        {t('timeline.title')}
      </Typography>
      {state.kind === 'loading' && <Typography variant="body2">{t('common:loading')}</Typography>}
      {state.kind === 'failed' && (
        <Alert
          severity={state.offline ? 'info' : 'warning'}
          action={
            online ? (
              <Button color="inherit" size="small" onClick={() => setAttempt((n) => n + 1)}>
                {t('common:retry')}
              </Button>
            ) : undefined
          }
        >
          {t(state.offline ? 'timeline.offline' : 'timeline.failed')}
        </Alert>
      )}
      {state.kind === 'loaded' && state.entries.length === 0 && (
        <Typography variant="body2">{t('timeline.empty')}</Typography>
      )}
      {state.kind === 'loaded' && state.entries.length > 0 && (
        <Stack component="ol" spacing={1} sx={{ listStyle: 'none', p: 0, m: 0 }}>
          {state.entries.map((entry) => (
            <li key={entry.id} data-testid="timeline-entry">
              <Typography variant="caption" color="text.secondary" component="div">
                {formatDate(entry.at)} · {nameOf(entry.actorUserId)}
              </Typography>
              <Typography variant="body2">
                {describeEntry(entry, t)}
                {entry.refused ? ` · ${t('timeline.partlyRefused')}` : ''}
              </Typography>
            </li>
          ))}
        </Stack>
      )}
    </Paper>
  );
}
