import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';

/** Under the login form: which server the official is about to sign in to. */
export function ServerAddressNote({ address }: { address: string }) {
  const { t } = useTranslation('setup');
  return (
    <Typography
      variant="body2"
      color="text.secondary"
      sx={{ textAlign: 'center', px: 2, overflowWrap: 'anywhere' }}
      data-testid="server-address-note"
    >
      {t('address.current', { address })}
    </Typography>
  );
}
