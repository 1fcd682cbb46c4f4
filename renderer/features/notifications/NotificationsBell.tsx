import Badge from '@mui/material/Badge';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import Popover from '@mui/material/Popover';
import Stack from '@mui/material/Stack';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useFormatters } from '../../app/format';
import { NotificationsIcon } from '../../app/icons';
import { useNavigation } from '../../app/navigation';
import { useNotices } from '../../app/notices-provider';
import { useT } from '../../app/translate';

/** At most this many notices are listed; the badge counts them all. */
const shown = 50;

/**
 * The official's in-app notifications (renderer/app/notices.ts) behind a bell in the top bar: a new
 * message from the citizen, an appeal assigned to them, due today, overdue, an answer not delivered.
 * A click opens the appeal, which marks its notices read.
 */
export function NotificationsBell() {
  const { t } = useT();
  const { formatDate } = useFormatters();
  const navigation = useNavigation();
  const { notices, markSeen } = useNotices();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const label =
    notices.length > 0
      ? t('work:notifications.open', { count: notices.length })
      : t('work:notifications.none');
  return (
    <>
      <Tooltip title={label}>
        <IconButton color="inherit" aria-label={label} onClick={(event) => setAnchor(event.currentTarget)}>
          <Badge badgeContent={notices.length} color="error" max={99}>
            <NotificationsIcon />
          </Badge>
        </IconButton>
      </Tooltip>
      <Popover
        open={anchor !== null}
        anchorEl={anchor}
        onClose={() => setAnchor(null)}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'right' }}
        transformOrigin={{ vertical: 'top', horizontal: 'right' }}
      >
        <Stack
          sx={{ width: 380, maxHeight: 480 }}
          component="section"
          aria-label={t('work:notifications.title')}
        >
          <Stack direction="row" sx={{ p: 1.5, alignItems: 'center', justifyContent: 'space-between' }}>
            <Typography variant="subtitle1" component="h2">
              {t('work:notifications.title')}
            </Typography>
            {notices.length > 0 && (
              <Button size="small" onClick={() => markSeen(notices.map((notice) => notice.appealId))}>
                {t('work:notifications.markAllRead')}
              </Button>
            )}
          </Stack>
          {notices.length === 0 ? (
            <Typography variant="body2" sx={{ px: 1.5, pb: 1.5 }}>
              {t('work:notifications.empty')}
            </Typography>
          ) : (
            <List dense sx={{ overflowY: 'auto' }}>
              {notices.slice(0, shown).map((notice) => (
                <ListItemButton
                  key={`${notice.kind}:${notice.appealId}`}
                  data-testid="notification"
                  onClick={() => {
                    setAnchor(null);
                    navigation.openAppeal(notice.appealId);
                  }}
                >
                  <ListItemText
                    primary={t(`work:notifications.kinds.${notice.kind}`)}
                    secondary={`${notice.subject} · ${formatDate(notice.at)}`}
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
