/**
 * Updates of the desktop from the organisation's own Okno server (docs/RELEASES.md): electron-updater's
 * generic provider pointed at `<server>/api/v1/updates/<win|linux>`, with the signed-in session's
 * access token on every request. Checked when the window first reports a session and every 4 hours;
 * downloaded in the background; electron-updater checks the download's sha512 against the server's
 * metadata and discards a file that differs (the state says `failed: checksum`). A downloaded update
 * is installed when the app quits — the next start runs it — and never while changes the window has
 * not yet sent to the server wait in its outbox: the update then waits for the next quit.
 *
 * The server says, before electron-updater asks, which version this desktop should run and whether it
 * runs a withdrawn one (`/api/v1/updates/status`): then a downgrade is allowed, and only then.
 */
import type { UpdateFailure, UpdateSession, UpdateState } from '../../shared/bridge/okno-bridge';

/** The part of electron-updater's AppUpdater this module uses. */
export interface Updater {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  allowDowngrade: boolean;
  requestHeaders: Record<string, string> | null;
  setFeedURL(options: { provider: 'generic'; url: string; channel: string }): void;
  checkForUpdates(): Promise<unknown>;
  isUpdaterActive(): boolean;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
  on(event: string, listener: (...args: never[]) => void): unknown;
}

/** electron-updater, loaded only when the app starts (its import reads Electron's app). */
export async function loadElectronUpdater(): Promise<Updater> {
  const { autoUpdater } = await import('electron-updater');
  return autoUpdater as unknown as Updater;
}

export interface DesktopUpdatesDeps {
  readonly loadUpdater: () => Promise<Updater>;
  readonly currentVersion: string;
  /** process.platform */
  readonly platform: string;
  readonly serverUrl: () => string | null;
  /** Electron's net.fetch */
  readonly fetch: (url: string, init: RequestInit) => Promise<Response>;
  readonly publish: (state: UpdateState) => void;
  readonly now: () => number;
  readonly every: (ms: number, run: () => void) => () => void;
  readonly log: (message: string) => void;
}

export const checkEveryMs = 4 * 60 * 60 * 1000;

export interface DesktopUpdatesService {
  state(): UpdateState;
  check(): Promise<UpdateState>;
  report(session: UpdateSession): Promise<void>;
  /** Called as the app quits: installs a downloaded update when no unsynced change waits. */
  onQuit(): boolean;
  dispose(): void;
}

const feedPlatforms: Record<string, 'win' | 'linux'> = { win32: 'win', linux: 'linux' };

function failureOf(error: unknown): UpdateFailure {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (code === 'ERR_CHECKSUM_MISMATCH' || /checksum mismatch/i.test(String(message))) return 'checksum';
  return /status code (4|5)\d\d|HttpError/i.test(String(message)) ? 'server' : 'network';
}

export function createDesktopUpdates(deps: DesktopUpdatesDeps): DesktopUpdatesService {
  let state: UpdateState = {
    phase: 'idle',
    currentVersion: deps.currentVersion,
    offeredVersion: null,
    percent: null,
    downgrade: false,
    failure: null,
    waitingForSync: false,
    checkedAt: null,
  };
  let session: UpdateSession = { accessToken: null, unsyncedChanges: 0 };
  /** Until the window reports, unsynced work is unknown: nothing is installed. */
  let reported = false;
  let updater: Updater | null = null;
  let checking: Promise<UpdateState> | null = null;
  let stopTimer: (() => void) | null = null;

  const set = (next: Partial<UpdateState>) => {
    const merged = { ...state, ...next };
    state = {
      ...merged,
      waitingForSync: merged.phase === 'ready' && (!reported || session.unsyncedChanges > 0),
    };
    deps.publish(state);
    return state;
  };

  const phaseNow = () => state.phase;

  async function updaterOnce(): Promise<Updater> {
    if (updater) return updater;
    const loaded = await deps.loadUpdater();
    loaded.autoDownload = true;
    // Installing is ours to decide at quit (onQuit), never electron-updater's own quit handler.
    loaded.autoInstallOnAppQuit = false;
    loaded.on('update-available', (info: { version: string }) =>
      set({ phase: 'downloading', offeredVersion: info.version, percent: 0, failure: null }),
    );
    loaded.on('download-progress', (progress: { percent: number }) =>
      set({ percent: Math.max(0, Math.min(100, Math.round(progress.percent))) }),
    );
    loaded.on('update-downloaded', (info: { version: string }) =>
      set({ phase: 'ready', offeredVersion: info.version, percent: 100, failure: null }),
    );
    loaded.on('update-not-available', () => {
      if (state.phase !== 'ready') set({ phase: 'up-to-date', percent: null });
    });
    loaded.on('error', (error: Error) => {
      deps.log(`update failed: ${error?.message ?? String(error)}`);
      if (state.phase !== 'ready') set({ phase: 'failed', failure: failureOf(error), percent: null });
    });
    updater = loaded;
    return loaded;
  }

  async function runCheck(): Promise<UpdateState> {
    const server = deps.serverUrl();
    const token = session.accessToken;
    if (server === null || token === null) return set({ phase: state.phase === 'ready' ? 'ready' : 'idle' });
    const platform = feedPlatforms[deps.platform];
    const active = await updaterOnce();
    if (!platform || !active.isUpdaterActive()) return set({ phase: 'unavailable' });
    if (state.phase === 'ready' || state.phase === 'downloading') return state;
    set({ phase: 'checking', failure: null, checkedAt: deps.now() });
    const headers = { authorization: `Bearer ${token}`, 'x-okno-version': deps.currentVersion };
    let status: { offered: { version: string } | null; downgrade: boolean };
    try {
      const response = await deps.fetch(`${server}/api/v1/updates/status?platform=${platform}`, {
        headers,
        redirect: 'error',
      });
      if (!response.ok) return set({ phase: 'failed', failure: 'server' });
      status = (await response.json()) as typeof status;
    } catch {
      return set({ phase: 'failed', failure: 'network' });
    }
    if (!status.offered) return set({ phase: 'no-release', offeredVersion: null, downgrade: false });
    set({ offeredVersion: status.offered.version, downgrade: status.downgrade === true });
    if (status.offered.version === deps.currentVersion) return set({ phase: 'up-to-date' });
    active.allowDowngrade = status.downgrade === true;
    active.requestHeaders = headers;
    active.setFeedURL({
      provider: 'generic',
      url: `${server}/api/v1/updates/${platform}`,
      channel: 'latest',
    });
    try {
      await active.checkForUpdates();
    } catch (error) {
      // electron-updater's events may have moved the state on meanwhile
      if (phaseNow() !== 'ready') set({ phase: 'failed', failure: failureOf(error), percent: null });
    }
    return state;
  }

  const check = () => {
    checking ??= runCheck().finally(() => {
      checking = null;
    });
    return checking;
  };

  return {
    state: () => state,
    check,
    async report(next) {
      const firstSession = session.accessToken === null && next.accessToken !== null;
      session = next;
      reported = true;
      set({});
      if (firstSession && state.checkedAt === null) {
        await check();
        stopTimer ??= deps.every(checkEveryMs, () => void check());
      }
    },
    onQuit() {
      if (state.phase !== 'ready' || !updater) return false;
      if (!reported || session.unsyncedChanges > 0) {
        deps.log(`update ${state.offeredVersion} waits: changes not yet sent to the server`);
        return false;
      }
      updater.quitAndInstall(true, false);
      return true;
    },
    dispose() {
      stopTimer?.();
    },
  };
}
