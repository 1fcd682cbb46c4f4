import { EventEmitter } from 'node:events';
import { checkEveryMs, createDesktopUpdates, loadElectronUpdater } from '../../../../main/os/updates';
import type { UpdateState } from '../../../../shared/bridge/okno-bridge';

// electron-updater and Electron are mocked: the updater below stands in for electron-updater's
// autoUpdater, and the server's /api/v1/updates/status answers through the injected fetch.
vi.mock('electron', () => ({ app: { isPackaged: true, getVersion: () => '1.0.0' } }));
vi.mock('electron-updater', () => ({ autoUpdater: fakeUpdater() }));

interface FakeUpdater extends EventEmitter {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  allowDowngrade: boolean;
  requestHeaders: Record<string, string> | null;
  feeds: unknown[];
  checks: number;
  installs: unknown[][];
  active: boolean;
  /** what a check does: emits the events electron-updater would */
  onCheck: (updater: FakeUpdater) => void;
  setFeedURL(options: unknown): void;
  checkForUpdates(): Promise<unknown>;
  isUpdaterActive(): boolean;
  quitAndInstall(...args: unknown[]): void;
}

function fakeUpdater(): FakeUpdater {
  const updater = Object.assign(new EventEmitter(), {
    autoDownload: false,
    autoInstallOnAppQuit: true,
    allowDowngrade: false,
    requestHeaders: null,
    feeds: [] as unknown[],
    checks: 0,
    installs: [] as unknown[][],
    active: true,
    onCheck: (_updater: FakeUpdater) => {},
    setFeedURL(options: unknown) {
      updater.feeds.push(options);
    },
    async checkForUpdates() {
      updater.checks++;
      updater.onCheck(updater);
      return null;
    },
    isUpdaterActive: () => updater.active,
    quitAndInstall(...args: unknown[]) {
      updater.installs.push(args);
    },
  });
  return updater as FakeUpdater;
}

/** electron-updater finding 1.1.0, downloading it and checking its sha512. */
const downloads = (version: string) => (updater: FakeUpdater) => {
  updater.emit('update-available', { version });
  updater.emit('download-progress', { percent: 42.4 });
  updater.emit('update-downloaded', { version });
};

let updater: FakeUpdater;
let published: UpdateState[];
let requests: { url: string; headers: Record<string, string> }[];
let offered: { offered: { version: string } | null; downgrade: boolean };
let timers: { ms: number; run: () => void }[];

function service(platform = 'win32') {
  return createDesktopUpdates({
    loadUpdater: loadElectronUpdater,
    currentVersion: '1.0.0',
    platform,
    serverUrl: () => 'https://okno.city.example',
    fetch: async (url, init) => {
      requests.push({ url, headers: init.headers as Record<string, string> });
      return Response.json(offered);
    },
    publish: (state) => published.push(state),
    now: () => 1_000,
    every: (ms, run) => {
      timers.push({ ms, run });
      return () => {};
    },
    log: () => {},
  });
}

beforeEach(async () => {
  updater = (await import('electron-updater')).autoUpdater as unknown as FakeUpdater;
  updater.removeAllListeners();
  Object.assign(updater, { feeds: [], checks: 0, installs: [], active: true, onCheck: () => {} });
  published = [];
  requests = [];
  timers = [];
  offered = { offered: { version: '1.1.0' }, downgrade: false };
});

describe('desktop updates from the organisation server', () => {
  it('checks when the window first reports a session, with its token, and every 4 hours after', async () => {
    const updates = service();
    await updates.report({ accessToken: null, unsyncedChanges: 0 });
    expect(requests).toEqual([]);
    await updates.report({ accessToken: 'token-1', unsyncedChanges: 0 });
    expect(requests).toEqual([
      {
        url: 'https://okno.city.example/api/v1/updates/status?platform=win',
        headers: { authorization: 'Bearer token-1', 'x-okno-version': '1.0.0' },
      },
    ]);
    expect(updater.feeds).toEqual([
      { provider: 'generic', url: 'https://okno.city.example/api/v1/updates/win', channel: 'latest' },
    ]);
    expect(updater.requestHeaders).toEqual({ authorization: 'Bearer token-1', 'x-okno-version': '1.0.0' });
    expect(updater.autoDownload).toBe(true);
    expect(updater.autoInstallOnAppQuit).toBe(false);
    expect(timers.map((t) => t.ms)).toEqual([checkEveryMs]);
    expect(checkEveryMs).toBe(4 * 60 * 60 * 1000);
    await updates.report({ accessToken: 'token-2', unsyncedChanges: 0 });
    timers[0]!.run();
    await vi.waitFor(() => expect(requests).toHaveLength(2));
    expect(requests[1]!.headers.authorization).toBe('Bearer token-2');
  });

  it('downloads in the background and installs on the next restart when nothing waits to be sent', async () => {
    updater.onCheck = downloads('1.1.0');
    const updates = service();
    await updates.report({ accessToken: 'token', unsyncedChanges: 0 });
    expect(published.map((s) => s.phase)).toContain('downloading');
    expect(published.find((s) => s.phase === 'downloading' && s.percent === 42)).toBeDefined();
    expect(updates.state()).toMatchObject({ phase: 'ready', offeredVersion: '1.1.0', waitingForSync: false });
    expect(updater.installs).toEqual([]); // nothing is installed while the app runs
    expect(updates.onQuit()).toBe(true);
    expect(updater.installs).toEqual([[true, false]]);
  });

  it('never installs while unsynced changes wait; installs at a later quit once they are sent', async () => {
    updater.onCheck = downloads('1.1.0');
    const updates = service();
    await updates.report({ accessToken: 'token', unsyncedChanges: 3 });
    expect(updates.state()).toMatchObject({ phase: 'ready', waitingForSync: true });
    expect(updates.onQuit()).toBe(false);
    expect(updater.installs).toEqual([]);
    await updates.report({ accessToken: 'token', unsyncedChanges: 0 });
    expect(published.at(-1)).toMatchObject({ phase: 'ready', waitingForSync: false });
    expect(updates.onQuit()).toBe(true);
    expect(updater.installs).toHaveLength(1);
  });

  it('refuses a download whose checksum fails, reports it, and installs nothing', async () => {
    updater.onCheck = (u) => {
      u.emit('update-available', { version: '1.1.0' });
      const error = Object.assign(new Error('sha512 checksum mismatch, expected abc, got def'), {
        code: 'ERR_CHECKSUM_MISMATCH',
      });
      u.emit('error', error);
      throw error;
    };
    const updates = service();
    await updates.report({ accessToken: 'token', unsyncedChanges: 0 });
    expect(updates.state()).toMatchObject({ phase: 'failed', failure: 'checksum', offeredVersion: '1.1.0' });
    expect(published.at(-1)).toMatchObject({ phase: 'failed', failure: 'checksum' });
    expect(updates.onQuit()).toBe(false);
    expect(updater.installs).toEqual([]);
  });

  it('goes back to the previous release only when the server says this one was withdrawn', async () => {
    offered = { offered: { version: '0.9.0' }, downgrade: true };
    updater.onCheck = downloads('0.9.0');
    const updates = service('linux');
    await updates.report({ accessToken: 'token', unsyncedChanges: 0 });
    expect(updater.allowDowngrade).toBe(true);
    expect(updater.feeds).toEqual([
      { provider: 'generic', url: 'https://okno.city.example/api/v1/updates/linux', channel: 'latest' },
    ]);
    expect(updates.state()).toMatchObject({ phase: 'ready', offeredVersion: '0.9.0', downgrade: true });
  });

  it('is up to date when the server offers this version, and says so when it offers none', async () => {
    offered = { offered: { version: '1.0.0' }, downgrade: false };
    const updates = service();
    await updates.report({ accessToken: 'token', unsyncedChanges: 0 });
    expect(updates.state()).toMatchObject({ phase: 'up-to-date', offeredVersion: '1.0.0' });
    expect(updater.checks).toBe(0);
    offered = { offered: null, downgrade: false };
    expect(await updates.check()).toMatchObject({ phase: 'no-release', offeredVersion: null });
  });

  it('does nothing in a development start (electron-updater inactive) or on an unsupported system', async () => {
    updater.active = false;
    const updates = service();
    await updates.report({ accessToken: 'token', unsyncedChanges: 0 });
    expect(updates.state().phase).toBe('unavailable');
    expect(requests).toEqual([]);
    expect(updates.onQuit()).toBe(false);
  });
});
