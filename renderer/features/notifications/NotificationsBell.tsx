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
import type { SessionUser } from '../../api/client';
import { alertWindow, focusAnalytics } from '../../app/analytics-focus';
import { useFormatters } from '../../app/format';
import { NotificationsIcon } from '../../app/icons';
import { useNavigation } from '../../app/navigation';
import { useNotices } from '../../app/notices-provider';
import { useOrganisationSettings } from '../../app/organisation';
import { type SupervisorNotice, useSupervisorNotices } from '../../app/supervisor-notices';
import { useT } from '../../app/translate';
import { useRxQuery } from '../../db/DatabaseProvider';
import type { AuthSession } from '../../sync/auth-session';

/** At most this many notices are listed; the badge counts them all. */
const shown = 50;

/**
 * The official's in-app notifications (renderer/app/notices.ts) behind a bell in the top bar: a new
 * message from the citizen, an appeal assigned to them, due today, overdue, an answer not delivered.
 * A click opens the appeal, which marks its notices read. A supervisor's and an administrator's bell
 * also lists the organisation's rise alerts and the citizens' «Нет» (renderer/app/supervisor-notices.ts):
 * a surge opens its cell of «Аналитика», a «Нет» the appeal; each is noted once opened.
 */
export function NotificationsBell({ user, auth }: { user: SessionUser; auth: AuthSession }) {
  const { t } = useT();
  const { formatDate } = useFormatters();
  const navigation = useNavigation();
  const { timeZone } = useOrganisationSettings();
  const { notices: own, markSeen } = useNotices();
  const supervisor = useSupervisorNotices(user, auth);
  // The subject of a «Нет»'s appeal is read from this desktop's own copy (never kept with the notice).
  const unhelpfulIds = supervisor.notices.flatMap((n) => (n.kind === 'unhelpful' ? [n.appealId] : []));
  const { result: unhelpfulDocs } = useRxQuery(
    (db) => db.appeals.find({ selector: { id: { $in: unhelpfulIds } } }),
    [unhelpfulIds.join(',')],
  );
  const subjectOf = (appealId: string) =>
    String(unhelpfulDocs?.find((doc) => doc.id === appealId)?.get('subject') ?? '');
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const notices = [
    ...own.map((notice) => ({ ...notice, source: 'own' as const, key: `${notice.kind}:${notice.appealId}` })),
    ...supervisor.notices.map((notice) => ({ ...notice, source: 'organisation' as const, key: notice.id })),
  ].sort((a, b) => b.at - a.at);
  const label =
    notices.length > 0
      ? t('work:notifications.open', { count: notices.length })
      : t('work:notifications.none');
  const openSupervisorNotice = (notice: SupervisorNotice) => {
    supervisor.note([notice.id]);
    if (notice.kind === 'unhelpful') {
      navigation.openAppeal(notice.appealId);
      return;
    }
    focusAnalytics({
      category: notice.category,
      territoryId: notice.territoryId,
      ...alertWindow(notice.at, timeZone),
      title: supervisorTitle(notice),
    });
    navigation.openSection('analytics');
  };
  const supervisorTitle = (notice: SupervisorNotice) =>
    notice.kind === 'unhelpful'
      ? t('quality:bell.unhelpful')
      : t('quality:bell.riseAlert', {
          category: notice.category ? t(`domain:category.${notice.category}`) : t('control:noCategory'),
          territory: notice.territoryName || t('control:undetermined'),
        });
  const supervisorDetail = (notice: SupervisorNotice) =>
    notice.kind === 'unhelpful'
      ? [
          subjectOf(notice.appealId),
          t('quality:bell.unhelpfulDetail', {
            number: notice.registrationNumber ?? t('quality:bell.noNumber'),
            date: formatDate(notice.at),
          }),
        ]
          .filter(Boolean)
          .join(' · ')
      : t('quality:bell.riseAlertDetail', { count: notice.weekCount, date: formatDate(notice.at) });
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
              <Button
                size="small"
                onClick={() => {
                  markSeen(own.map((notice) => notice.appealId));
                  supervisor.note(supervisor.notices.map((notice) => notice.id));
                }}
              >
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
              {notices.slice(0, shown).map((notice) =>
                notice.source === 'own' ? (
                  <ListItemButton
                    key={notice.key}
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
                ) : (
                  <ListItemButton
                    key={notice.key}
                    data-testid={
                      notice.kind === 'riseAlert' ? 'notification-rise-alert' : 'notification-unhelpful'
                    }
                    onClick={() => {
                      setAnchor(null);
                      openSupervisorNotice(notice);
                    }}
                  >
                    <ListItemText primary={supervisorTitle(notice)} secondary={supervisorDetail(notice)} />
                  </ListItemButton>
                ),
              )}
            </List>
          )}
        </Stack>
      </Popover>
    </>
  );
}
