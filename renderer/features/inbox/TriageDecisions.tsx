/**
 * A person's triage decisions from the inbox (issue 13), on the selected row: Alt+A accepts the
 * suggestion in any view; in «Не инциденты», I (Russian layout Ш) says it is an incident after all and
 * N (Т) confirms it is not and closes it without an answer — each also a button above the list. The
 * writes are local (renderer/appeal-actions/accept-triage.ts): they work offline and sync.
 */
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Appeal } from '../../../shared/model/appeal';
import type { SessionUser } from '../../api/client';
import { actorOf } from '../../app/actor';
import { anyDialogOpen, isTyping, keyAt } from '../../app/keyboard';
import { acceptTriage, closeNonIncident, markIncident } from '../../appeal-actions/accept-triage';
import { useDatabase } from '../../db/DatabaseProvider';
import { awaitsIncidentDecision, type InboxView } from './inbox-query';

type Outcome = 'madeIncident' | 'closed' | 'refused' | 'accepted' | 'acceptRefused';

const outcomeSeverity: Record<Outcome, 'success' | 'warning'> = {
  madeIncident: 'success',
  closed: 'success',
  accepted: 'success',
  refused: 'warning',
  acceptRefused: 'warning',
};

interface TriageDecisionsProps {
  active: boolean;
  view: InboxView;
  user: SessionUser;
  /** The selected row's appeal, if any. */
  appeal: Appeal | null;
}

export function TriageDecisions({ active, view, user, appeal }: TriageDecisionsProps) {
  const { t } = useTranslation('triage');
  const db = useDatabase();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const deciding = view === 'notIncidents' && appeal !== null && awaitsIncidentDecision(appeal);

  const makeIncident = useCallback(async () => {
    if (!appeal) return;
    setOutcome((await markIncident(db.appeals, appeal)) ? 'madeIncident' : 'refused');
  }, [appeal, db]);
  const close = useCallback(async () => {
    const actor = actorOf(user);
    if (!appeal || !actor) return;
    setOutcome((await closeNonIncident(db.appeals, appeal.id, actor)).ok ? 'closed' : 'refused');
  }, [appeal, db, user]);
  const accept = useCallback(async () => {
    const actor = actorOf(user);
    if (!appeal?.triage || !actor) return;
    setOutcome((await acceptTriage(db.appeals, appeal, actor)).ok ? 'accepted' : 'acceptRefused');
  }, [appeal, db, user]);

  // A new view or another row: the last outcome is no longer about what is in sight.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset on purpose when the view changes
  useEffect(() => setOutcome(null), [view]);

  useEffect(() => {
    if (!active) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || isTyping(event.target)) return;
      if (event.defaultPrevented || anyDialogOpen()) return;
      if (event.altKey) {
        if (event.code !== 'KeyA' || !appeal?.triage) return;
        void accept();
      } else {
        const key = keyAt(event);
        if (!deciding || (key !== 'i' && key !== 'n')) return;
        void (key === 'i' ? makeIncident() : close());
      }
      event.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [active, appeal, accept, close, deciding, makeIncident]);

  if (view !== 'notIncidents' && !outcome) return null;
  return (
    <Stack
      direction="row"
      spacing={1}
      sx={{ alignItems: 'center', flexWrap: 'wrap', px: 2, py: 0.5 }}
      data-testid="triage-decisions"
    >
      {view === 'notIncidents' && (
        <>
          <Typography variant="caption" color="text.secondary">
            {t('inbox.decide')}
          </Typography>
          <Button size="small" variant="outlined" disabled={!deciding} onClick={() => void makeIncident()}>
            {t('inbox.makeIncident')}
          </Button>
          <Button size="small" variant="outlined" disabled={!deciding} onClick={() => void close()}>
            {t('inbox.closeNotIncident')}
          </Button>
          <Typography variant="caption" color="text.secondary" sx={{ display: { xs: 'none', lg: 'block' } }}>
            {t('inbox.hint')}
          </Typography>
        </>
      )}
      {outcome && (
        <Alert
          severity={outcomeSeverity[outcome]}
          role="status"
          sx={{ py: 0 }}
          onClose={() => setOutcome(null)}
          data-testid="triage-decision-outcome"
        >
          {t(`inbox.${outcome}`)}
        </Alert>
      )}
    </Stack>
  );
}
