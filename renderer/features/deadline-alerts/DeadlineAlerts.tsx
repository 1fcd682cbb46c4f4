import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../app/current-user';
import { useNavigation } from '../../app/navigation';
import { useDeadlineClock } from '../../app/organisation';
import { useServices } from '../../app/services';
import { useDatabase, useSync } from '../../db/DatabaseProvider';
import { watchDeadlines } from './watch';

/**
 * Deadline notifications and the tray count for the signed-in user (issue 4, "Electron shell"): renders
 * nothing, watches the local database while mounted, and opens the appeal whose notification was clicked.
 */
export function DeadlineAlerts() {
  const db = useDatabase();
  const sync = useSync();
  const user = useCurrentUser();
  const { bridge, storage } = useServices();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const clock = useDeadlineClock();
  // The watcher lives as long as the database; the clock and the language may change under it.
  const latest = useRef({ clock, t, openAppeal: navigation.openAppeal });
  latest.current = { clock, t, openAppeal: navigation.openAppeal };

  useEffect(
    () =>
      watchDeadlines({
        db,
        bridge,
        storage,
        userId: user.id,
        clock: () => latest.current.clock,
        // The first pull, or a few seconds at most (offline, the local state is all there is).
        ready: Promise.race([sync.awaitInSync(30_000), new Promise((resolve) => setTimeout(resolve, 5000))]),
        describe: (kind, appeal) => {
          const { t } = latest.current;
          const subject = appeal.subject || t('inbox.list.noSubject');
          const number = appeal.registrationNumber ?? '';
          return {
            title: t(`desktop.notifications.${kind}`),
            body: number ? t('desktop.notifications.bodyNumbered', { number, subject }) : subject,
          };
        },
      }),
    [db, bridge, storage, user.id, sync],
  );

  useEffect(() => {
    const stop = bridge.onOpenAppeal((appealId) => latest.current.openAppeal(appealId));
    return () => {
      stop();
      void bridge.setDueCount(0);
    };
  }, [bridge]);

  return null;
}
