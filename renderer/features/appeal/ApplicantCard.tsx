import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import type { Appeal } from '../../../shared/model/appeal';
import { labelKey } from '../../../shared/model/labels';
import type { NameMatchVerdict } from '../../../shared/model/vocabulary';
import type { ApiError, AppealApi } from '../../api/client';
import { personNameText } from './composer/template';
import { Field } from './Field';
import { useT } from './translate';

/** How long a revealed passport stays on screen before it is masked again. */
export const revealSeconds = 30;

const matchColour: Record<NameMatchVerdict, 'success' | 'warning' | 'error' | 'default'> = {
  match: 'success',
  probable: 'warning',
  mismatch: 'error',
  not_checked: 'default',
};

const revealErrorKey = (error: ApiError): string =>
  error.kind === 'network'
    ? 'applicant.reveal.errors.network'
    : error.kind === 'server' && error.status === 403
      ? 'applicant.reveal.errors.forbidden'
      : error.kind === 'server' && error.status === 404
        ? 'applicant.reveal.errors.notFound'
        : 'applicant.reveal.errors.failed';

interface ApplicantCardProps {
  appeal: Appeal;
  mayReveal: boolean;
  online: boolean;
  api: AppealApi;
}

export function ApplicantCard({ appeal, mayReveal, online, api }: ApplicantCardProps) {
  const { t } = useT();
  const { applicant, kind } = appeal;
  const { contacts } = applicant;
  return (
    <Paper component="section" variant="outlined" aria-label={t('applicant.title')} sx={{ p: 2 }}>
      <Typography variant="h6" component="h2" gutterBottom>
        {t('applicant.title')}
      </Typography>
      <Stack spacing={1}>
        <Field label={t('applicant.name')} testId="applicant-name">
          {personNameText(applicant.name)}
        </Field>
        <Field label={t('applicant.type')}>
          {t(labelKey.applicantType(kind.applicantType))}
          {kind.collective ? ` · ${t('applicant.collective', { count: kind.coSigners.length })}` : ''}
        </Field>
        {kind.organisationName && (
          <Field label={t('applicant.organisation')}>
            {kind.organisationName}
            {kind.inn ? ` · ${t('applicant.inn', { inn: kind.inn })}` : ''}
          </Field>
        )}
        {kind.coSigners.length > 0 && (
          <Field label={t('applicant.coSigners')}>
            {kind.coSigners.map((signer) => personNameText(signer.name)).join('; ')}
          </Field>
        )}
        <Field label={t('applicant.phone')}>{contacts.phone}</Field>
        <Field label={t('applicant.email')}>{contacts.email}</Field>
        <Field label={t('applicant.postalAddress')}>{contacts.postalAddress}</Field>
        <Field label={t('applicant.identification')}>
          {t(labelKey.identification(applicant.identification))}
        </Field>
        <Field label={t('applicant.nameMatch')}>
          <Chip
            size="small"
            color={matchColour[applicant.nameMatch.verdict]}
            label={t(labelKey.nameMatch(applicant.nameMatch.verdict))}
          />
          {applicant.nameMatch.profileName && (
            <Typography component="span" variant="body2" sx={{ ml: 1 }}>
              {t('applicant.profileName', { name: applicant.nameMatch.profileName })}
            </Typography>
          )}
        </Field>
        {applicant.passportMasked && (
          <PassportField appeal={appeal} mayReveal={mayReveal} online={online} api={api} />
        )}
      </Stack>
    </Paper>
  );
}

/** The masked passport; heads, supervisors and admins may ask the server for the clear one (logged). */
function PassportField({ appeal, mayReveal, online, api }: ApplicantCardProps) {
  const { t } = useT();
  const [revealed, setRevealed] = useState<{ text: string; until: number } | null>(null);
  const [secondsLeft, setSecondsLeft] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const applicantId = appeal.applicant.applicantId;

  useEffect(() => {
    if (!revealed) return;
    const tick = () => {
      const left = Math.ceil((revealed.until - Date.now()) / 1000);
      if (left <= 0) setRevealed(null);
      else setSecondsLeft(left);
    };
    tick();
    const timer = setInterval(tick, 500);
    return () => clearInterval(timer);
  }, [revealed]);

  // Masked again when the user leaves the appeal or another applicant is shown.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset on a change of applicant only
  useEffect(() => setRevealed(null), [applicantId]);

  async function reveal() {
    if (!applicantId) return;
    setBusy(true);
    setError(null);
    const result = await api.revealPassport(applicantId);
    setBusy(false);
    if (result.ok) setRevealed({ text: result.value.formatted, until: Date.now() + revealSeconds * 1000 });
    else setError(revealErrorKey(result.error));
  }

  const hint = !applicantId
    ? t('applicant.reveal.notOnServer')
    : !online
      ? t('applicant.reveal.offline')
      : t('applicant.reveal.logged');
  return (
    <Field label={t('applicant.passport')}>
      <Stack spacing={0.5}>
        <Typography variant="body2" data-testid="passport" sx={{ fontFamily: 'monospace' }}>
          {revealed ? revealed.text : appeal.applicant.passportMasked}
        </Typography>
        {revealed && (
          <Typography variant="caption" role="status">
            {t('applicant.reveal.masksIn', { count: secondsLeft })}
          </Typography>
        )}
        {mayReveal && !revealed && (
          <>
            <Button
              size="small"
              variant="outlined"
              onClick={() => void reveal()}
              disabled={!online || !applicantId || busy}
              sx={{ alignSelf: 'flex-start' }}
            >
              {t('applicant.reveal.button')}
            </Button>
            <Typography variant="caption" color="text.secondary">
              {hint}
            </Typography>
          </>
        )}
        {error && (
          <Typography variant="caption" color="error" role="alert">
            {t(error)}
          </Typography>
        )}
      </Stack>
    </Field>
  );
}
