import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { checkServerUrl, type ServerCheck } from '../../../shared/bridge/server-address';
import { useServices } from '../../app/services';
import { serverCheckMessage } from './server-check-message';

type Refusal = { readonly address: string; readonly check: Extract<ServerCheck, { ok: false }> };

/**
 * The first start of a desktop (and the start after «Сменить сервер»): the official types the address
 * of their organisation's server; main/ (or the web shell) checks its form, TLS, /health and version,
 * and remembers it only when it passes. Nothing else of the app runs before an address is chosen.
 */
export function ServerAddressScreen({ onChosen }: { onChosen: (address: string) => void }) {
  const { t } = useTranslation('setup');
  const { bridge } = useServices();
  const [address, setAddress] = useState('');
  const [checking, setChecking] = useState(false);
  // Kept as the check's result, not a text, so switching the language re-translates it.
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [bridgeFailed, setBridgeFailed] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBridgeFailed(false);
    // The form is checked here at once (no request); main/ checks it again before any request.
    const form = checkServerUrl(address);
    if (!form.ok) {
      setRefusal({ address, check: { ok: false, problem: form.problem } });
      return;
    }
    setChecking(true);
    setRefusal(null);
    try {
      const checked = await bridge.server.choose(address.trim());
      if (checked.ok) onChosen(checked.address);
      else setRefusal({ address, check: checked });
    } catch (error) {
      console.error('okno: the server address could not be checked', error);
      setBridgeFailed(true);
    } finally {
      setChecking(false);
    }
  }

  return (
    <Stack component="main" sx={{ py: 6, px: 2, alignItems: 'center' }}>
      <Paper
        component="section"
        aria-labelledby="server-address-title"
        sx={{ p: 4, width: '100%', maxWidth: 560 }}
        data-testid="server-address"
      >
        <Stack component="form" noValidate spacing={2} onSubmit={submit}>
          <Typography id="server-address-title" variant="h5" component="h1">
            {t('address.title')}
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {t('address.intro')}
          </Typography>
          {refusal && (
            <Alert
              severity="error"
              role="alert"
              data-testid="server-address-error"
              data-problem={refusal.check.problem}
            >
              {serverCheckMessage(t, refusal.address, refusal.check)}
            </Alert>
          )}
          {bridgeFailed && (
            <Alert severity="error" role="alert">
              {t('address.bridgeFailed')}
            </Alert>
          )}
          <TextField
            label={t('address.label')}
            name="server-address"
            type="url"
            inputMode="url"
            autoComplete="url"
            autoFocus
            required
            placeholder={t('address.placeholder')}
            helperText={t('address.hint')}
            value={address}
            onChange={(event) => setAddress(event.target.value)}
            slotProps={{ htmlInput: { spellCheck: false, autoCapitalize: 'off' } }}
          />
          <Button type="submit" variant="contained" size="large" disabled={checking || address.trim() === ''}>
            {checking ? t('address.checking') : t('address.submit')}
          </Button>
        </Stack>
      </Paper>
    </Stack>
  );
}
