import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionUser, TokenSource } from '../../api/client';
import { analyticsTabs } from './tabs';

/**
 * «Аналитика» (issue 14): what a supervisor shows the governor — problem hot spots by territory and
 * category, their trends and surges — computed on the server over the whole organisation (a head's
 * departments for a head). A tab per view (./tabs.tsx).
 */
export function AnalyticsScreen(props: {
  user: SessionUser;
  tokens: TokenSource;
  onOpenAppeal: (appealId: string) => void;
}) {
  const { t } = useTranslation('control');
  const wide = props.user.role === 'supervisor' || props.user.role === 'admin';
  const tabs = analyticsTabs.filter((entry) => wide || !entry.organisationWide);
  const [active, setActive] = useState(tabs[0]!.id);
  const tab = tabs.find((entry) => entry.id === active) ?? tabs[0]!;
  return (
    <Stack
      component="main"
      sx={{ p: 2, gap: 1, minHeight: 0, overflow: 'auto', flex: 1 }}
      aria-label={t('title')}
    >
      <Typography variant="h5" component="h1">
        {t('title')}
      </Typography>
      <Tabs value={tab.id} onChange={(_event, value: string) => setActive(value)} aria-label={t('title')}>
        {tabs.map((entry) => (
          <Tab key={entry.id} value={entry.id} label={t(entry.label)} />
        ))}
      </Tabs>
      <Box sx={{ pt: 1 }}>{tab.render(props)}</Box>
    </Stack>
  );
}
