import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionUser, TokenSource } from '../../api/client';
import { useSyncStatus } from '../../db/DatabaseProvider';
import { adminTabs } from './tabs';

/**
 * «Администрирование»: the administrator's screens as tabs (./tabs.tsx). Online only: every tab
 * reads and writes through the server and says so when it cannot reach it.
 */
export function AdminScreen({ user, tokens }: { user: SessionUser; tokens: TokenSource }) {
  const { t } = useTranslation('admin');
  const [current, setCurrent] = useState(adminTabs[0]!.id);
  const tab = adminTabs.find((candidate) => candidate.id === current) ?? adminTabs[0]!;
  const { online } = useSyncStatus();
  return (
    <Stack component="main" spacing={2} sx={{ p: 3, minWidth: 0, flex: 1 }} aria-label={t('title')}>
      <Typography variant="h5" component="h1">
        {t('title')}
      </Typography>
      {!online && (
        <Alert severity="warning" data-testid="admin-offline">
          {t('offline')}
        </Alert>
      )}
      <Tabs value={tab.id} onChange={(_event, id: string) => setCurrent(id)} aria-label={t('title')}>
        {adminTabs.map((entry) => (
          <Tab
            key={entry.id}
            value={entry.id}
            label={t(entry.label)}
            id={`admin-tab-${entry.id}`}
            aria-controls={`admin-panel-${entry.id}`}
            data-testid={`admin-tab-${entry.id}`}
          />
        ))}
      </Tabs>
      <Box role="tabpanel" id={`admin-panel-${tab.id}`} aria-labelledby={`admin-tab-${tab.id}`}>
        {tab.render({ tokens, userId: user.id })}
      </Box>
    </Stack>
  );
}
