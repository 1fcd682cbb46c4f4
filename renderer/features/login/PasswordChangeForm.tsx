import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { minPasswordLength } from '../../../shared/model/staff';
import type { Session } from '../../api/client';
import { useServices } from '../../app/services';
import { type PasswordChangeError, passwordChangeError, passwordChangeErrorText } from './login-error';

/**
 * The sign-in after an administrator reset the password: the user's own password, typed twice,
 * replaces the temporary one (POST /api/v1/auth/password) and signs them in.
 */
export function PasswordChangeForm({
  login,
  temporaryPassword,
  onSignedIn,
  onBack,
}: {
  login: string;
  temporaryPassword: string;
  onSignedIn: (session: Session) => void;
  onBack: () => void;
}) {
  const { t } = useTranslation();
  const { api } = useServices();
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<PasswordChangeError | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const refused =
      password === '' || repeat === ''
        ? 'required'
        : password !== repeat
          ? 'mismatch'
          : password.length < minPasswordLength
            ? 'tooShort'
            : null;
    if (refused) return setError({ key: `login.change.errors.${refused}` });
    setSubmitting(true);
    setError(null);
    const result = await api.changePassword(login, temporaryPassword, password);
    setSubmitting(false);
    if (result.ok) onSignedIn(result.value);
    else setError(passwordChangeError(result.error));
  }

  return (
    <Stack component="form" noValidate spacing={2} onSubmit={submit} data-testid="password-change">
      <Typography id="login-title" variant="h5" component="h1">
        {t('login.change.title')}
      </Typography>
      <Alert severity="info">{t('login.change.explanation', { min: minPasswordLength })}</Alert>
      {error && (
        <Alert severity="error" role="alert" data-testid="login-error">
          {passwordChangeErrorText(t, error)}
        </Alert>
      )}
      <input type="hidden" name="login" autoComplete="username" value={login} readOnly />
      <TextField
        label={t('login.change.newPassword')}
        name="new-password"
        type="password"
        autoComplete="new-password"
        autoFocus
        required
        value={password}
        onChange={(event) => setPassword(event.target.value)}
      />
      <TextField
        label={t('login.change.repeat')}
        name="repeat-password"
        type="password"
        autoComplete="new-password"
        required
        value={repeat}
        onChange={(event) => setRepeat(event.target.value)}
      />
      <Button type="submit" variant="contained" size="large" disabled={submitting}>
        {submitting ? t('login.change.submitting') : t('login.change.submit')}
      </Button>
      <Button onClick={onBack} disabled={submitting}>
        {t('login.change.back')}
      </Button>
    </Stack>
  );
}
