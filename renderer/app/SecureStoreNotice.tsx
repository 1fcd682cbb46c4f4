import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import type { SecureStoreStatus } from '../../shared/bridge/okno-bridge';

/** Says whether the session survives closing the app, and if not, why (no keyring, web shell). */
export function SecureStoreNotice({ status }: { status: SecureStoreStatus }) {
  const { t } = useTranslation();
  return (
    <Typography variant="body2" color="text.secondary" data-testid="secure-store-notice">
      {status.available
        ? t('shell.secureStore.saved')
        : t('shell.secureStore.unavailable', { reason: t(`shell.secureStore.reasons.${status.reason}`) })}
    </Typography>
  );
}
