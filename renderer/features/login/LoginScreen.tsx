import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import InputAdornment from '@mui/material/InputAdornment';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ServerInfo, Session } from '../../api/client';
import { VisibilityIcon, VisibilityOffIcon } from '../../app/icons';
import { useServices } from '../../app/services';
import { DemoAccounts } from './DemoAccounts';
import {
  isPasswordChangeRequired,
  type LoginErrorMessage,
  loginErrorMessage,
  loginErrorText,
} from './login-error';
import { PasswordChangeForm } from './PasswordChangeForm';

export function LoginScreen({ onSignedIn }: { onSignedIn: (session: Session) => void }) {
  const { t } = useTranslation();
  const { api } = useServices();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [passwordVisible, setPasswordVisible] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  // The error is kept as a key, not a text, so switching the language re-translates it.
  const [error, setError] = useState<LoginErrorMessage | null>(null);
  const [serverInfo, setServerInfo] = useState<ServerInfo | null>(null);
  // The administrator reset the password: the user sets their own before anything else.
  const [mustChange, setMustChange] = useState(false);

  useEffect(() => {
    let active = true;
    // Only a demo server (OKNO_DEMO=1) names its demo accounts on /health.
    void api.serverInfo().then((result) => {
      if (active) setServerInfo(result.ok && result.value.demo ? result.value : null);
    });
    return () => {
      active = false;
    };
  }, [api]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (login.trim() === '' || password === '') {
      setError({ key: 'login.errors.required' });
      return;
    }
    setSubmitting(true);
    setError(null);
    const result = await api.login(login.trim(), password);
    setSubmitting(false);
    if (result.ok) onSignedIn(result.value);
    else if (isPasswordChangeRequired(result.error)) setMustChange(true);
    else setError(loginErrorMessage(result.error));
  }

  const passwordToggleLabel = passwordVisible ? t('login.hidePassword') : t('login.showPassword');

  return (
    <Stack component="main" sx={{ py: 6, px: 2, alignItems: 'center' }}>
      <Paper component="section" aria-labelledby="login-title" sx={{ p: 4, width: '100%', maxWidth: 440 }}>
        {mustChange ? (
          <PasswordChangeForm
            login={login.trim()}
            temporaryPassword={password}
            onSignedIn={onSignedIn}
            onBack={() => {
              setMustChange(false);
              setPassword('');
            }}
          />
        ) : (
          <Stack component="form" noValidate spacing={2} onSubmit={submit}>
            <Typography id="login-title" variant="h5" component="h1">
              {t('login.title')}
            </Typography>
            <Typography variant="body2" color="text.secondary">
              {t('login.subtitle')}
            </Typography>
            {error && (
              <Alert severity="error" role="alert" data-testid="login-error">
                {loginErrorText(t, error)}
              </Alert>
            )}
            <TextField
              label={t('login.login')}
              name="login"
              autoComplete="username"
              autoFocus
              required
              value={login}
              onChange={(event) => setLogin(event.target.value)}
            />
            <TextField
              label={t('login.password')}
              name="password"
              type={passwordVisible ? 'text' : 'password'}
              autoComplete="current-password"
              required
              value={password}
              onChange={(event) => setPassword(event.target.value)}
              slotProps={{
                input: {
                  endAdornment: (
                    <InputAdornment position="end">
                      <IconButton
                        aria-label={passwordToggleLabel}
                        title={passwordToggleLabel}
                        onClick={() => setPasswordVisible((visible) => !visible)}
                        edge="end"
                      >
                        {passwordVisible ? <VisibilityOffIcon /> : <VisibilityIcon />}
                      </IconButton>
                    </InputAdornment>
                  ),
                },
              }}
            />
            <Button type="submit" variant="contained" size="large" disabled={submitting}>
              {submitting ? t('login.submitting') : t('login.submit')}
            </Button>
            {serverInfo?.demo && (
              <DemoAccounts
                info={serverInfo}
                onPick={(demoLogin, demoPassword) => {
                  setLogin(demoLogin);
                  if (demoPassword) setPassword(demoPassword);
                  setError(null);
                }}
              />
            )}
          </Stack>
        )}
      </Paper>
    </Stack>
  );
}
