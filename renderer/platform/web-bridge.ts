import type {
  OknoBridge,
  PrintableDocument,
  PrintOutcome,
  ServerAddress,
  ServerAddressState,
  UpdateState,
} from '../../shared/bridge/okno-bridge';
import { checkServerUrl, probeServer } from '../../shared/bridge/server-address';

/** The address this tab chose; `''` after «Сменить сервер» (ask again). */
const serverAddressKey = 'okno.serverAddress';
/**
 * `none`: this tab behaves as an installed desktop, which has no default server (the first-start
 * journey sets it; a demo build's default, VITE_OKNO_SERVER_URL, is otherwise offered).
 */
const serverDefaultKey = 'okno.serverDefault';

/**
 * The web shell's server address: kept in localStorage and mirrored into the SameSite=Strict cookie
 * that the web shell's forwarder (scripts/server-forwarder.ts) reads, so every request of the tab —
 * the live streams included — reaches the chosen server through the tab's own origin.
 */
function createWebServerAddress(window: Window, defaultAddress: string | null): ServerAddress {
  const storage = () => window.localStorage;
  const setCookie = (address: string | null) => {
    window.document.cookie =
      address === null
        ? 'okno-server=; Path=/; Max-Age=0; SameSite=Strict'
        : `okno-server=${encodeURIComponent(address)}; Path=/; SameSite=Strict`;
  };
  const state = (): ServerAddressState => {
    const stored = storage().getItem(serverAddressKey);
    if (stored !== null) {
      const checked = checkServerUrl(stored);
      return checked.ok ? { address: checked.url, chosen: true } : { address: null, chosen: false };
    }
    const fallback = storage().getItem(serverDefaultKey) === 'none' ? null : defaultAddress;
    const checked = fallback === null ? null : checkServerUrl(fallback);
    return { address: checked?.ok ? checked.url : null, chosen: false };
  };
  return {
    async current() {
      const now = state();
      setCookie(now.chosen ? now.address : null);
      return now;
    },
    async choose(address) {
      const checked = await probeServer(address, async (url) => {
        const response = await window.fetch('/health', {
          headers: { 'x-okno-server': url.slice(0, -'/health'.length) },
        });
        const failure = response.headers.get('x-okno-forwarder');
        if (failure !== null) throw new Error(failure);
        return response;
      });
      if (checked.ok) {
        storage().setItem(serverAddressKey, checked.address);
        setCookie(checked.address);
      }
      return checked;
    },
    forget: async () => {
      storage().setItem(serverAddressKey, '');
      setCookie(null);
    },
  };
}

/**
 * The bridge in a plain browser tab (the web shell): the same contract as the Electron window, with the
 * OS features degraded — no keychain (the refresh token is not kept), notifications only where the
 * user allowed them, printing through the browser's own dialog.
 */
export function createWebBridge(env: {
  window: Window;
  version: string;
  defaultServer?: string | null;
}): OknoBridge {
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
    server: createWebServerAddress(window, env.defaultServer ?? null),
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
    // A browser tab runs whatever the server serves: nothing to update.
    updates: {
      state: async () => webUpdateState(env.version),
      check: async () => webUpdateState(env.version),
      report: async () => {},
    },
    onOpenAppeal: (listener) => {
      openAppealListeners.add(listener);
      return () => openAppealListeners.delete(listener);
    },
    onUpdateState: () => () => {},
  };
}

function webUpdateState(version: string): UpdateState {
  return {
    phase: 'unavailable',
    currentVersion: version,
    offeredVersion: null,
    percent: null,
    downgrade: false,
    failure: null,
    waitingForSync: false,
    checkedAt: null,
  };
}
