import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import type { SessionUser } from '../api/client';
import { useRxDocument } from '../db/DatabaseProvider';
import { InboxScreen } from '../features/inbox/InboxScreen';
import { type Route, useNavigation } from './navigation';

/**
 * The screen of the current route. The appeal, reception and supervisor screens plug in here
 * (renderer/features/appeal, reception, supervisor); until then a route shows a placeholder that
 * names what was opened and leads back.
 */
export function RouteOutlet({ user }: { user: SessionUser }) {
  const { route } = useNavigation();
  switch (route.name) {
    case 'inbox':
      return <InboxScreen user={user} />;
    default:
      return <PendingScreen route={route} />;
  }
}

function PendingScreen({ route }: { route: Route }) {
  const { t } = useTranslation();
  const { back } = useNavigation();
  const appealId = route.name === 'appeal' ? route.appealId : null;
  const { result: appeal } = useRxDocument('appeals', appealId);
  return (
    <Stack component="main" sx={{ p: 3 }} data-testid={`route-${route.name}`}>
      <Paper sx={{ p: 3, maxWidth: 720 }}>
        <Typography variant="h5" component="h1" gutterBottom>
          {appeal ? appeal.subject : t('inbox.pending.title')}
        </Typography>
        {appeal && <Typography sx={{ whiteSpace: 'pre-wrap', mb: 2 }}>{appeal.text}</Typography>}
        <Typography color="text.secondary">{t('inbox.pending.body')}</Typography>
        <Button sx={{ mt: 2 }} onClick={back}>
          {t('inbox.pending.back')}
        </Button>
      </Paper>
    </Stack>
  );
}
