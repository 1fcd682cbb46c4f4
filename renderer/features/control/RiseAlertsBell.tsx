import Badge from '@mui/material/Badge';
import IconButton from '@mui/material/IconButton';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import Popover from '@mui/material/Popover';
import Stack from '@mui/material/Stack';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useEffect, useMemo, useState } from 'react';
import type { SessionUser, TokenSource } from '../../api/client';
import { useFormatters } from '../../app/format';
import { AnalyticsIcon } from '../../app/icons';
import { useNavigation } from '../../app/navigation';
import { useServices } from '../../app/services';
import { useT } from '../../app/translate';
import type { AuthSession } from '../../sync/auth-session';
import type { RiseAlert } from './api';
import { categoryLabel } from './labels';

/** How often a supervisor's desktop asks for new surges (they are found by a server job). */
const pollMs = 5 * 60_000;
const organisationWide = new Set(['supervisor', 'admin']);

/**
 * The rise alerts (surges) of the organisation in the top bar of a supervisor's or administrator's
 * desktop (issue 14): a badge with the surges not yet looked at (remembered per user on this
 * desktop), a list of them, and «Аналитика» on a click. Online only: the server finds them.
 */
export function RiseAlertsBell({ user, auth }: { user: SessionUser; auth: AuthSession }) {
  const tokens = useMemo<TokenSource>(
    () => ({
      get accessToken() {
        return auth.accessToken;
      },
      refresh: async (used: string) => {
        await auth.refresh(used);
        return auth.accessToken;
      },
    }),
    [auth],
  );
  const { t } = useT();
  const { formatDate } = useFormatters();
  const navigation = useNavigation();
  const { api, storage } = useServices();
  const seenKey = `okno.riseAlertsSeen.${user.id}`;
  const calls = useMemo(() => api.authorised(tokens), [api, tokens]);
  const [alerts, setAlerts] = useState<RiseAlert[]>([]);
  const [seen, setSeen] = useState<string[]>(() => {
    try {
      const stored: unknown = JSON.parse(storage.getItem(seenKey) ?? '[]');
      return Array.isArray(stored) ? stored.filter((id): id is string => typeof id === 'string') : [];
    } catch {
      return [];
    }
  });
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const wide = organisationWide.has(user.role);

  useEffect(() => {
    if (!wide) return;
    let live = true;
    const load = async () => {
      const result = await calls.call('GET', '/api/v1/control/alerts');
      const list =
        result.ok && typeof result.value === 'object' && result.value !== null
          ? (result.value as { alerts?: unknown }).alerts
          : null;
      if (live && Array.isArray(list)) setAlerts(list as RiseAlert[]);
    };
    void load();
    const timer = setInterval(() => void load(), pollMs);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [calls, wide]);

  if (!wide) return null;
  const fresh = alerts.filter((alert) => !seen.includes(alert.id));
  const label =
    fresh.length > 0 ? t('control:alerts.bell', { count: fresh.length }) : t('control:alerts.bellNone');
  const markSeen = () => {
    const next = [...new Set([...seen, ...alerts.map((alert) => alert.id)])].slice(-200);
    setSeen(next);
    storage.setItem(seenKey, JSON.stringify(next));
  };
  return (
    <>
      <Tooltip title={label}>
        <IconButton
          color="inherit"
          aria-label={label}
          data-testid="rise-alerts-bell"
          onClick={(event) => setAnchor(event.currentTarget)}
        >
          <Badge badgeContent={fresh.length} color="warning" max={99}>
            <AnalyticsIcon />
          </Badge>
        </IconButton>
      </Tooltip>
      <Popover
        open={anchor !== null}
        anchorEl={anchor}
        onClose={() => {
          setAnchor(null);
          markSeen();
        }}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'right' }}
        transformOrigin={{ vertical: 'top', horizontal: 'right' }}
      >
        <Stack sx={{ width: 380, maxHeight: 480 }} component="section" aria-label={t('control:alerts.title')}>
          <Typography variant="subtitle1" component="h2" sx={{ p: 1.5 }}>
            {t('control:alerts.title')}
          </Typography>
          {alerts.length === 0 ? (
            <Typography variant="body2" sx={{ px: 1.5, pb: 1.5 }}>
              {t('control:alerts.none')}
            </Typography>
          ) : (
            <List dense sx={{ overflowY: 'auto' }}>
              {alerts.map((alert) => (
                <ListItemButton
                  key={alert.id}
                  data-testid="rise-alert-notice"
                  onClick={() => {
                    setAnchor(null);
                    markSeen();
                    navigation.openSection('analytics');
                  }}
                >
                  <ListItemText
                    primary={t('control:alerts.notice', {
                      category: categoryLabel(t, alert.category),
                      territory: alert.territoryName,
                    })}
                    secondary={`${alert.weekCount} · ${formatDate(alert.detectedAt)}`}
                  />
                </ListItemButton>
              ))}
            </List>
          )}
        </Stack>
      </Popover>
    </>
  );
}
