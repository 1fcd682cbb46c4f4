import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UpdateState } from '../../../shared/bridge/okno-bridge';
import { useServices } from '../../app/services';
import { FactList } from './FactList';

const locales: Record<string, string> = { ru: 'ru-RU', en: 'en-GB' };

/** The phase in words: which version, how far, whether unsynced changes hold the installation back. */
function phaseText(t: ReturnType<typeof useTranslation<'updates'>>['t'], state: UpdateState): string {
  const version = state.offeredVersion ?? '';
  if (state.phase === 'downloading') return t('phase.downloading', { version, percent: state.percent ?? 0 });
  if (state.phase === 'ready')
    return state.waitingForSync ? t('phase.readyWaiting', { version }) : t('phase.ready', { version });
  return t(`phase.${state.phase}`);
}

/**
 * «Версия и обновления» of the profile: this desktop's version, the version the organisation's server
 * offers it, and where the update stands (main/os/updates.ts). Updates itself live over the bridge.
 */
export function DesktopUpdates() {
  const { bridge } = useServices();
  const [state, setState] = useState<UpdateState | null>(null);

  useEffect(() => {
    let live = true;
    void bridge.updates.state().then((current) => {
      if (live) setState(current);
    });
    const stop = bridge.onUpdateState((next) => setState(next));
    return () => {
      live = false;
      stop();
    };
  }, [bridge]);

  if (!state) return null;
  return <DesktopUpdatesView state={state} onCheck={() => void bridge.updates.check().then(setState)} />;
}

/** The section itself, for a known state (rendered in tests without a bridge). */
export function DesktopUpdatesView({ state, onCheck }: { state: UpdateState; onCheck: () => void }) {
  const { t, i18n } = useTranslation('updates');
  const checkedAt =
    state.checkedAt === null
      ? null
      : new Intl.DateTimeFormat(locales[i18n.language] ?? 'ru-RU', {
          dateStyle: 'short',
          timeStyle: 'short',
        }).format(new Date(state.checkedAt));
  const facts: [string, string][] = [
    [t('profile.appVersion'), state.currentVersion],
    [t('profile.offeredVersion'), state.offeredVersion ?? t('profile.none')],
    [t('profile.state'), phaseText(t, state)],
  ];
  const busy = state.phase === 'checking' || state.phase === 'downloading';

  return (
    <Paper
      component="section"
      aria-labelledby="updates-title"
      sx={{ p: 3, maxWidth: 720 }}
      data-testid="updates"
    >
      <Typography id="updates-title" variant="h6" component="h2" gutterBottom>
        {t('profile.title')}
      </Typography>
      <FactList facts={facts} testIdPrefix="updates" />
      {state.phase === 'downloading' && (
        <LinearProgress variant="determinate" value={state.percent ?? 0} sx={{ mt: 2 }} />
      )}
      {state.downgrade && state.offeredVersion && (
        <Alert severity="info" sx={{ mt: 2 }}>
          {t('downgrade', { version: state.offeredVersion })}
        </Alert>
      )}
      {state.phase === 'failed' && state.failure && (
        <Alert severity={state.failure === 'checksum' ? 'error' : 'warning'} sx={{ mt: 2 }}>
          {t(`failure.${state.failure}`)}
        </Alert>
      )}
      <Stack direction="row" spacing={2} sx={{ mt: 2, alignItems: 'center' }}>
        {state.phase !== 'unavailable' && (
          <Button variant="outlined" disabled={busy} onClick={onCheck}>
            {t('profile.check')}
          </Button>
        )}
        {checkedAt && (
          <Typography variant="body2" color="text.secondary">
            {t('profile.checkedAt', { time: checkedAt })}
          </Typography>
        )}
      </Stack>
    </Paper>
  );
}
