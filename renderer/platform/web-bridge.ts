import type { OknoBridge, PrintableDocument, PrintOutcome } from '../../shared/bridge/okno-bridge';

/**
 * The bridge in a plain browser tab (the web shell): the same contract as the Electron window, with the
 * OS features degraded — no keychain (the refresh token is not kept), notifications only where the
 * user allowed them, printing through the browser's own dialog.
 */
export function createWebBridge(env: { window: Window; version: string }): OknoBridge {
  const { window } = env;
  const unavailable = { available: false, reason: 'web-shell' } as const;
  const openAppealListeners = new Set<(appealId: string) => void>();

  async function printInFrame(document: PrintableDocument): Promise<PrintOutcome> {
    const frame = window.document.createElement('iframe');
    // sandbox without allow-scripts: the printed HTML can never run code in the app's origin.
    frame.setAttribute('sandbox', 'allow-modals allow-same-origin');
    frame.style.position = 'fixed';
    frame.style.width = '0';
    frame.style.height = '0';
    frame.style.border = '0';
    frame.srcdoc = document.html;
    window.document.body.append(frame);
    try {
      await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
      frame.contentWindow?.print();
      return { status: 'done' };
    } catch (error) {
      return { status: 'failed', message: String(error) };
    } finally {
      frame.remove();
    }
  }

  return {
    platform: 'web',
    getAppInfo: async () => ({ name: 'Okno', version: env.version, platform: 'web', os: 'browser' }),
    secureStore: {
      isAvailable: async () => unavailable,
      setRefreshToken: async () => unavailable,
      getRefreshToken: async () => null,
    },
    notify: async (notification) => {
      // Notification is a global of the window, absent in some embedded browsers.
      const NotificationApi = (window as { Notification?: typeof Notification }).Notification;
      if (NotificationApi?.permission !== 'granted') return;
      const shown = new NotificationApi(notification.title, {
        body: notification.body,
        tag: `${notification.kind}:${notification.appealId}`,
      });
      shown.addEventListener('click', () => {
        window.focus();
        for (const listener of openAppealListeners) listener(notification.appealId);
      });
    },
    // A browser tab has no tray; the due count is shown inside the app.
    setDueCount: async () => {},
    printAppeal: printInFrame,
    // The browser's print dialog offers "Save as PDF"; the file name is the user's choice there.
    saveAsPdf: (document) => printInFrame(document),
    onOpenAppeal: (listener) => {
      openAppealListeners.add(listener);
      return () => openAppealListeners.delete(listener);
    },
  };
}
