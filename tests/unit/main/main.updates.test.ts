import { EventEmitter } from 'node:events';
import type { WebFrameMain } from 'electron';
import type { UpdateState } from '../../../shared/bridge/okno-bridge';
import { fakeElectron as electron, startMainProcess } from './fake-electron';

// main/main.ts with Electron and electron-updater mocked: the window's reports reach the updater
// through the bridge, the state goes back to the window, and the app's quit installs — or not.
vi.mock('electron', async () => (await import('./fake-electron')).fakeElectronModule());
vi.mock('electron-updater', () => {
  const updater = Object.assign(new EventEmitter(), {
    autoDownload: false,
    autoInstallOnAppQuit: true,
    allowDowngrade: false,
    requestHeaders: null,
    installs: [] as unknown[][],
    setFeedURL() {},
    async checkForUpdates() {
      updater.emit('update-available', { version: '0.2.0' });
      updater.emit('update-downloaded', { version: '0.2.0' });
    },
    isUpdaterActive: () => true,
    quitAndInstall(...args: unknown[]) {
      updater.installs.push(args);
    },
  });
  return { autoUpdater: updater };
});

const appFrame = { url: 'app://okno/index.html', parent: null } as unknown as WebFrameMain;
async function call<T>(channel: string, ...args: unknown[]): Promise<T> {
  const listener = electron.handlers.get(channel) as (event: unknown, ...args: unknown[]) => Promise<T>;
  return listener({ senderFrame: appFrame, sender: {} }, ...args);
}

describe('updates in the main process', () => {
  beforeAll(async () => {
    vi.stubEnv('OKNO_SERVER_URL', 'https://okno.city.example');
    electron.netFetch = async (input) =>
      input.includes('/api/v1/updates/status')
        ? Response.json({ current: '0.1.0', offered: { version: '0.2.0' }, downgrade: false })
        : Response.json({ status: 'ok', service: 'okno', version: '0.1.0', api: 1 });
    await startMainProcess();
  });
  afterAll(() => {
    vi.unstubAllEnvs();
  });

  it('checks once the window reports a session, tells the window, and installs at quit only when nothing waits', async () => {
    const updater = (await import('electron-updater')).autoUpdater as unknown as { installs: unknown[][] };
    await call('okno:updates.report', { accessToken: 'token', unsyncedChanges: 2 });
    const state = await call<UpdateState>('okno:updates.state');
    expect(state).toMatchObject({ phase: 'ready', offeredVersion: '0.2.0', waitingForSync: true });
    const sent = electron.windows[0]!.webContents.send.mock.calls;
    expect(sent.at(-1)).toEqual(['okno-event:onUpdateState', expect.objectContaining({ phase: 'ready' })]);

    electron.appListeners.get('quit')!();
    expect(updater.installs).toEqual([]);
    await call('okno:updates.report', { accessToken: 'token', unsyncedChanges: 0 });
    electron.appListeners.get('quit')!();
    expect(updater.installs).toEqual([[true, false]]);
  });
});
