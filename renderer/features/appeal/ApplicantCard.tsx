import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { type FormEvent, useEffect, useState } from 'react';
import type { Appeal } from '../../../shared/model/appeal';
import { labelKey } from '../../../shared/model/labels';
import type { NameMatchVerdict } from '../../../shared/model/vocabulary';
import type { ApiFailure, AppealApi, CoSignerContacts } from '../../api/client';
import { useT } from '../../app/translate';
import { personNameText } from './composer/template';
import { Field } from './Field';

/** How long a revealed passport stays on screen before it is masked again. */
const revealSeconds = 30;

const matchColour: Record<NameMatchVerdict, 'success' | 'warning' | 'error' | 'default'> = {
  match: 'success',
  probable: 'warning',
  mismatch: 'error',
  not_checked: 'default',
};

const revealErrorKey = (error: ApiFailure): string =>
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
        {kind.coSigners.length > 0 && <CoSignersField appeal={appeal} online={online} api={api} />}
        <Field label={t('applicant.phone')}>{contacts.phone}</Field>
        <Field label={t('applicant.email')}>{contacts.email}</Field>
        <Field label={t('applicant.postalAddress')}>{contacts.postalAddress}</Field>
        <Field label={t('applicant.identification')}>
          {t(labelKey.identification(applicant.identification))}
        </Field>
        {/* OK gives the bot no profile name: nothing was compared, and staff are told so. */}
        {noProfileName(appeal) && (
          <Field label={t('applicant.nameMatch')}>
            <Chip size="small" color="default" label={t('applicant.noProfileName')} />
          </Field>
        )}
        {applicant.nameMatch.verdict !== 'not_checked' && (
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
        )}
        {applicant.passportMasked && (
          <PassportField appeal={appeal} mayReveal={mayReveal} online={online} api={api} />
        )}
      </Stack>
    </Paper>
  );
}

/** The bot ran the name check at filing (`checkedAt`) and had no profile name to compare (docs/DOMAIN.md). */
const noProfileName = ({ applicant }: Appeal) =>
  applicant.identification === 'social-passport' &&
  applicant.nameMatch.verdict === 'not_checked' &&
  !applicant.nameMatch.profileName &&
  applicant.nameMatch.checkedAt !== null &&
  applicant.nameMatch.checkedAt !== undefined;

/**
 * The co-signers with their postal addresses, and — when the server answers — their masked phone and
 * e-mail, which the replicated appeal does not carry (server/src/personal-data/co-signer-routes.ts).
 */
function CoSignersField({ appeal, online, api }: Omit<ApplicantCardProps, 'mayReveal'>) {
  const { t } = useT();
  const [contacts, setContacts] = useState<CoSignerContacts[]>([]);
  const count = appeal.kind.coSigners.length;
  useEffect(() => {
    if (!online || count === 0) return;
    let live = true;
    void api.coSignerContacts(appeal.id).then((result) => {
      if (live && result.ok) setContacts(result.value);
    });
    return () => {
      live = false;
    };
  }, [api, appeal.id, online, count]);
  const lines = appeal.kind.coSigners.map((signer, position) => {
    const reach = [contacts[position]?.phone, contacts[position]?.email, signer.postalAddress].filter(
      Boolean,
    );
    return reach.length > 0
      ? `${personNameText(signer.name)} (${reach.join(', ')})`
      : personNameText(signer.name);
  });
  return <Field label={t('applicant.coSigners')}>{lines.join('; ')}</Field>;
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
        {!applicantId && appeal.applicant.identification === 'in-person-document' && (
          <RecordPassport appeal={appeal} online={online} api={api} />
        )}
      </Stack>
    </Field>
  );
}

const recordErrorKey = (error: ApiFailure): string => {
  if (error.kind === 'network') return 'applicant.record.errors.network';
  const known = ['passport_mismatch', 'passport_already_recorded', 'not_in_person', 'invalid_passport'];
  return error.kind === 'server' && error.code && known.includes(error.code)
    ? `applicant.record.errors.${error.code}`
    : 'applicant.record.errors.failed';
};

/**
 * A passport checked at reception whose clear value never reached the server (entered offline and
 * the app closed before it synced): typed again from the document, sent once, encrypted there.
 */
function RecordPassport({ appeal, online, api }: Omit<ApplicantCardProps, 'mayReveal'>) {
  const { t } = useT();
  const [open, setOpen] = useState(false);
  const [series, setSeries] = useState('');
  const [number, setNumber] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  function close() {
    setOpen(false);
    setSeries('');
    setNumber('');
    setError(null);
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const result = await api.recordPassport(appeal.id, { series, number });
    setBusy(false);
    if (result.ok) close();
    else setError(recordErrorKey(result.error));
  }

  return (
    <>
      <Button
        size="small"
        variant="outlined"
        onClick={() => setOpen(true)}
        disabled={!online}
        sx={{ alignSelf: 'flex-start' }}
      >
        {t('applicant.record.button')}
      </Button>
      {!online && (
        <Typography variant="caption" color="text.secondary">
          {t('applicant.record.offline')}
        </Typography>
      )}
      <Dialog open={open} onClose={close} aria-labelledby="record-passport-title">
        <form onSubmit={(event) => void save(event)} noValidate>
          <DialogTitle id="record-passport-title">{t('applicant.record.title')}</DialogTitle>
          <DialogContent>
            <Stack spacing={2} sx={{ pt: 1 }}>
              <Typography variant="body2" color="text.secondary">
                {t('applicant.record.hint')}
              </Typography>
              <TextField
                label={t('reception.passportSeries')}
                value={series}
                onChange={(event) => setSeries(event.target.value)}
                autoComplete="off"
                required
              />
              <TextField
                label={t('reception.passportNumber')}
                value={number}
                onChange={(event) => setNumber(event.target.value)}
                autoComplete="off"
                required
              />
              {error && (
                <Alert severity="error" role="alert">
                  {t(error)}
                </Alert>
              )}
            </Stack>
          </DialogContent>
          <DialogActions>
            <Button onClick={close}>{t('applicant.record.cancel')}</Button>
            <Button type="submit" variant="contained" disabled={busy || !online}>
              {t('applicant.record.save')}
            </Button>
          </DialogActions>
        </form>
      </Dialog>
    </>
  );
}
