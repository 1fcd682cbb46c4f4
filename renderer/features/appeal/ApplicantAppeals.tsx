import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useCallback, useEffect, useState } from 'react';
import type { RepeatEvidence } from '../../../shared/domain/applicant/repeat';
import { isClosed } from '../../../shared/domain/status-machine';
import type { Appeal } from '../../../shared/model/appeal';
import { labelKey } from '../../../shared/model/labels';
import type { ApplicantAppeal, ApplicantHistory } from '../../api/archive';
import type { AppealApi } from '../../api/client';
import { useFormatters } from '../../app/format';
import { useNavigation } from '../../app/navigation';
import { useT } from '../../app/translate';
import { useRxDocument, useRxQuery } from '../../db/DatabaseProvider';

type Loaded = { state: 'loading' } | { state: 'failed' } | { state: 'ready'; history: ApplicantHistory };

/**
 * The applicant's other appeals, as the server finds them (server/src/appeals/applicant-history.ts):
 * the server matches passports, phones, e-mails and social profiles, so a desktop never holds other
 * people's data outside its scope. Asked again when the appeal changes (`version`) or comes online.
 */
export function useApplicantHistory(api: AppealApi, appealId: string, online: boolean, version: number) {
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const [asked, setAsked] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: asked again on a new version, reconnect or mark
  useEffect(() => {
    if (!online) return;
    let current = true;
    void api.applicantAppeals(appealId).then((result) => {
      if (current) setLoaded(result.ok ? { state: 'ready', history: result.value } : { state: 'failed' });
    });
    return () => {
      current = false;
    };
  }, [api, appealId, online, version, asked]);
  const reload = useCallback(() => setAsked((n) => n + 1), []);
  return { loaded, reload };
}

function useEvidenceText() {
  const { t } = useT();
  return (evidence: readonly RepeatEvidence[]) =>
    evidence.map((e) => t(`applicantHistory.evidence.${e}`)).join(', ');
}

function AppealLine({
  entry,
}: {
  entry: Pick<ApplicantAppeal, 'registrationNumber' | 'regime' | 'receivedAt' | 'subject' | 'status'>;
}) {
  const { t } = useT();
  const { formatDate } = useFormatters();
  return (
    <>
      {entry.registrationNumber ?? t(labelKey.regime(entry.regime))} · {formatDate(entry.receivedAt)} · «
      {entry.subject}» · {t(labelKey.status(entry.status))}
    </>
  );
}

interface RepeatWarningProps {
  appeal: Appeal;
  loaded: Loaded;
  api: AppealApi;
  online: boolean;
  onMarked: () => void;
}

/**
 * On an appeal still in work: «the same applicant has an open or recent appeal on the same subject»
 * (59-FZ art. 11 part 5 counts repeated appeals), naming the evidence. A person marks it as a repeat
 * (linked, never merged), or takes the mark back. The mark itself is read from the replicated appeal
 * (`repeatOf`, written by the server with the mark), so it shows offline and before the server's
 * answer, as in the inbox row; the evidence and the earlier appeal's line come with the answer.
 */
export function RepeatWarning({ appeal, loaded, api, online, onMarked }: RepeatWarningProps) {
  const { t } = useT();
  const navigation = useNavigation();
  const evidenceText = useEvidenceText();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const history = loaded.state === 'ready' ? loaded.history : null;
  const markedId = appeal.repeatOf ?? history?.repeatOf?.previousId ?? null;
  const { result: earlierHere } = useRxDocument('appeals', markedId);

  async function mark(previousId: string | null) {
    setBusy(true);
    setFailed(false);
    const result = await api.markRepeat(appeal.id, previousId);
    setBusy(false);
    if (result.ok) onMarked();
    else setFailed(true);
  }

  if (markedId) {
    const evidence = history?.repeatOf?.previousId === markedId ? history.repeatOf.evidence : null;
    const previous = history?.appeals.find((a) => a.id === markedId);
    const local = earlierHere ?? null;
    return (
      <Alert
        severity="info"
        data-testid="repeat-mark"
        action={
          <Stack direction="row" spacing={1}>
            {local && (
              <Button size="small" onClick={() => navigation.openAppeal(markedId)}>
                {t('applicantHistory.repeat.openEarlier')}
              </Button>
            )}
            <Button size="small" disabled={busy || !online} onClick={() => void mark(null)}>
              {t('applicantHistory.repeat.unmark')}
            </Button>
          </Stack>
        }
      >
        {evidence
          ? t('applicantHistory.repeat.marked', { evidence: evidenceText(evidence) })
          : t('applicantHistory.repeat.markedTo')}{' '}
        {previous ? (
          <AppealLine entry={previous} />
        ) : local ? (
          <AppealLine entry={local} />
        ) : (
          t('applicantHistory.repeat.earlierElsewhere')
        )}
        {failed && (
          <Typography variant="caption" color="error" role="alert" sx={{ display: 'block' }}>
            {t('applicantHistory.repeat.failed')}
          </Typography>
        )}
      </Alert>
    );
  }
  if (!history) return null;
  const candidate = history.appeals.find((a) => a.repeatCandidate);
  if (!candidate || isClosed(appeal.status)) return null;
  return (
    <Alert
      severity="warning"
      data-testid="repeat-warning"
      action={
        <Stack direction="row" spacing={1}>
          <Button size="small" onClick={() => navigation.openAppeal(candidate.id)}>
            {t('applicantHistory.repeat.open')}
          </Button>
          <Button
            size="small"
            variant="outlined"
            disabled={busy || !online}
            onClick={() => void mark(candidate.id)}
          >
            {t('applicantHistory.repeat.mark')}
          </Button>
        </Stack>
      }
    >
      <strong>{t('applicantHistory.repeat.title')}</strong>{' '}
      {t('applicantHistory.repeat.evidence', { evidence: evidenceText(candidate.evidence) })}{' '}
      <AppealLine entry={candidate} />
      {failed && (
        <Typography variant="caption" color="error" role="alert" sx={{ display: 'block' }}>
          {t('applicantHistory.repeat.failed')}
        </Typography>
      )}
    </Alert>
  );
}

/** «Все обращения заявителя»: the applicant's other appeals in the user's scope, newest first. */
export function ApplicantAppeals({ loaded, online }: { loaded: Loaded; online: boolean }) {
  const { t } = useT();
  const navigation = useNavigation();
  const evidenceText = useEvidenceText();
  const ids = loaded.state === 'ready' ? loaded.history.appeals.map((a) => a.id) : [];
  // An appeal closed before the local archive window is on the server only: listed, not opened.
  const { result: kept } = useRxQuery((db) => db.appeals.findByIds(ids), [ids.join(',')]);
  return (
    <Paper component="section" variant="outlined" aria-label={t('applicantHistory.title')} sx={{ p: 2 }}>
      <Typography variant="h6" component="h2" gutterBottom>
        {t('applicantHistory.title')}
      </Typography>
      {!online && loaded.state !== 'ready' && (
        <Typography variant="body2" color="text.secondary">
          {t('applicantHistory.offline')}
        </Typography>
      )}
      {online && loaded.state === 'loading' && (
        <Typography variant="body2" color="text.secondary">
          {t('applicantHistory.loading')}
        </Typography>
      )}
      {loaded.state === 'failed' && <Alert severity="error">{t('applicantHistory.failed')}</Alert>}
      {loaded.state === 'ready' && loaded.history.appeals.length === 0 && (
        <Typography variant="body2" color="text.secondary">
          {t('applicantHistory.none')}
        </Typography>
      )}
      {loaded.state === 'ready' && loaded.history.appeals.length > 0 && (
        <List dense disablePadding>
          {loaded.history.appeals.map((entry) => (
            <ListItemButton
              key={entry.id}
              data-testid="applicant-appeal"
              disabled={kept !== undefined && !kept.has(entry.id)}
              onClick={() => navigation.openAppeal(entry.id)}
              divider
            >
              <ListItemText
                primary={<AppealLine entry={entry} />}
                secondary={[
                  t('applicantHistory.matchedBy', { evidence: evidenceText(entry.evidence) }),
                  kept !== undefined && !kept.has(entry.id) ? t('applicantHistory.onServerOnly') : null,
                ]
                  .filter(Boolean)
                  .join(' · ')}
              />
              {loaded.history.repeatedBy.includes(entry.id) && (
                <Chip size="small" label={t('applicantHistory.repeatOfThis')} />
              )}
            </ListItemButton>
          ))}
        </List>
      )}
    </Paper>
  );
}
