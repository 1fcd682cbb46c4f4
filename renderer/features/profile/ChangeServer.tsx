import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * «Сменить сервер» in the profile: the local database belongs to the server it was filled from, so
 * switching wipes it (and the session) — after a warning that names the changes not yet sent.
 * `unsyncedChanges` is read when the dialog opens (the sync chip's count: renderer/sync/types.ts).
 */
export function ChangeServer({
  unsyncedChanges,
  onConfirm,
}: {
  unsyncedChanges: () => number;
  onConfirm: () => void;
}) {
  const { t } = useTranslation('setup');
  const [unsynced, setUnsynced] = useState<number | null>(null);
  const close = () => setUnsynced(null);
  return (
    <>
      <Button variant="outlined" onClick={() => setUnsynced(unsyncedChanges())}>
        {t('profile.change')}
      </Button>
      <Dialog open={unsynced !== null} onClose={close} aria-labelledby="change-server-title">
        <DialogTitle id="change-server-title">{t('profile.changeTitle')}</DialogTitle>
        <DialogContent>
          <DialogContentText>{t('profile.changeBody')}</DialogContentText>
          {unsynced !== null && unsynced > 0 ? (
            <Alert severity="warning" sx={{ mt: 2 }} data-testid="change-server-unsynced">
              {t('profile.unsynced', { count: unsynced })}
            </Alert>
          ) : (
            <Alert severity="success" sx={{ mt: 2 }}>
              {t('profile.synced')}
            </Alert>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={close}>{t('profile.cancel')}</Button>
          <Button
            color="error"
            onClick={() => {
              close();
              onConfirm();
            }}
          >
            {t('profile.confirm')}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
