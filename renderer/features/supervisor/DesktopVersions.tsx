import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TokenSource } from '../../api/client';
import { byVersion, type DesktopVersion, desktopVersions } from '../../api/updates';
import { useFormatters } from '../../app/format';
import { useServices } from '../../app/services';

/** «Рабочие места»: each desktop of the organisation with its app version and last sync. */
export function DesktopVersions({ tokens }: { tokens: TokenSource }) {
  const { t } = useTranslation('updates');
  const { api } = useServices();
  const { formatDate } = useFormatters();
  const [desktops, setDesktops] = useState<DesktopVersion[] | null>(null);
  const [failed, setFailed] = useState(false);
  const load = useCallback(async () => {
    const result = await desktopVersions(api.authorised(tokens));
    setFailed(!result.ok);
    if (result.ok) setDesktops([...result.value].sort(byVersion));
  }, [api, tokens]);
  useEffect(() => {
    void load();
  }, [load]);
  const counts = useMemo(() => {
    const byVersionCount = new Map<string, number>();
    for (const desktop of desktops ?? []) {
      byVersionCount.set(desktop.version, (byVersionCount.get(desktop.version) ?? 0) + 1);
    }
    return [...byVersionCount];
  }, [desktops]);

  return (
    <Paper
      variant="outlined"
      component="section"
      aria-labelledby="desktops-title"
      sx={{ p: 2 }}
      data-testid="desktops"
    >
      <Typography id="desktops-title" variant="h6" component="h2">
        {t('desktops.title')}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {t('desktops.intro')}
      </Typography>
      {failed && (
        <Alert
          severity="warning"
          action={
            <Button color="inherit" size="small" onClick={() => void load()}>
              {t('desktops.retry')}
            </Button>
          }
        >
          {t('desktops.failed')}
        </Alert>
      )}
      {desktops?.length === 0 && <Typography>{t('desktops.empty')}</Typography>}
      {desktops && desktops.length > 0 && (
        <>
          <Stack direction="row" spacing={1} sx={{ mb: 1, flexWrap: 'wrap' }}>
            {counts.map(([version, count]) => (
              <Chip key={version} size="small" label={t('desktops.count', { count, version })} />
            ))}
          </Stack>
          <Table size="small" aria-labelledby="desktops-title">
            <TableHead>
              <TableRow>
                <TableCell>{t('desktops.user')}</TableCell>
                <TableCell>{t('desktops.version')}</TableCell>
                <TableCell>{t('desktops.system')}</TableCell>
                <TableCell>{t('desktops.lastSeen')}</TableCell>
                <TableCell>{t('desktops.lastSync')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {desktops.map((desktop) => (
                <TableRow key={desktop.deviceKey} data-testid="desktop-row">
                  <TableCell>{desktop.userName ?? '—'}</TableCell>
                  <TableCell>{desktop.version}</TableCell>
                  <TableCell>{t(`desktops.systems.${desktop.platform ?? 'unknown'}`)}</TableCell>
                  <TableCell>{formatDate(desktop.lastSeenAt)}</TableCell>
                  <TableCell>
                    {desktop.lastSyncAt === null ? t('desktops.never') : formatDate(desktop.lastSyncAt)}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </>
      )}
    </Paper>
  );
}
