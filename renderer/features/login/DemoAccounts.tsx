import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import type { ServerInfo } from '../../api/client';

/** Shown only when the server says it runs the demo organisation: a click fills the form. */
export function DemoAccounts({
  info,
  onPick,
}: {
  info: ServerInfo;
  onPick: (login: string, password: string | null) => void;
}) {
  const { t } = useTranslation();
  return (
    <Alert severity="info" variant="outlined" role="note" data-testid="demo-accounts">
      <AlertTitle>{t('login.demo.title')}</AlertTitle>
      <Typography variant="body2">{t('login.demo.hint')}</Typography>
      <Stack direction="row" sx={{ my: 1, flexWrap: 'wrap', gap: 1 }}>
        {info.demoAccounts.map((account) => (
          <Button
            key={account.login}
            size="small"
            variant="outlined"
            aria-label={t('login.demo.use', { login: account.login })}
            onClick={() => onPick(account.login, info.demoPassword)}
          >
            {account.login}
          </Button>
        ))}
      </Stack>
      <Typography variant="body2">
        {info.demoPassword
          ? t('login.demo.password', { password: info.demoPassword })
          : t('login.demo.passwordInReadme')}
      </Typography>
    </Alert>
  );
}
