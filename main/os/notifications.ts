import type { Notification, NotificationConstructorOptions } from 'electron';
import type { DeadlineNotification } from '../../shared/bridge/okno-bridge';

interface NotificationApi {
  isSupported(): boolean;
  new (options: NotificationConstructorOptions): Notification;
}

/**
 * Shows a deadline notification (due today, overdue, newly assigned). A click brings the window
 * forward and asks it to open the appeal. Notifications are kept referenced until closed: an
 * unreferenced one can be garbage-collected and its click lost.
 */
export function createDeadlineNotifier(api: NotificationApi, onOpen: (appealId: string) => void) {
  const shown = new Set<Notification>();
  return (notification: DeadlineNotification): void => {
    if (!api.isSupported()) return;
    const toast = new api({
      title: notification.title,
      body: notification.body,
      urgency: notification.kind === 'overdue' ? 'critical' : 'normal',
    });
    shown.add(toast);
    toast.on('click', () => onOpen(notification.appealId));
    toast.on('close', () => shown.delete(toast));
    toast.show();
  };
}
