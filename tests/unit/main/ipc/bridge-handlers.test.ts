import type { IpcMain, IpcMainInvokeEvent, WebFrameMain } from 'electron';
import { type BridgeHandlers, registerBridgeHandlers } from '../../../../main/ipc/bridge-handlers';
import { isTrustedSender } from '../../../../main/ipc/sender';
import { isAppUrl } from '../../../../main/security/app-origin';
import { bridgeChannel, bridgeMethodPaths } from '../../../../shared/bridge/channels';

type Listener = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown;

function fakeIpcMain() {
  const listeners = new Map<string, Listener>();
  const ipcMain = {
    handle: (channel: string, listener: Listener) => {
      listeners.set(channel, listener);
    },
    removeHandler: (channel: string) => {
      listeners.delete(channel);
    },
  };
  return { ipcMain: ipcMain as unknown as IpcMain, listeners };
}

const frame = (url: string, parent: unknown = null) => ({ url, parent }) as unknown as WebFrameMain;
const invokeEvent = (senderFrame: WebFrameMain | null) =>
  ({ senderFrame, sender: {} }) as unknown as IpcMainInvokeEvent;

function handlers(): BridgeHandlers {
  return {
    getAppInfo: vi.fn(() => ({ name: 'Okno', version: '0.1.0', platform: 'electron' as const, os: 'linux' })),
    'secureStore.isAvailable': vi.fn(() => ({ available: true as const })),
    'secureStore.setRefreshToken': vi.fn(() => ({ available: true as const })),
    'secureStore.getRefreshToken': vi.fn(() => null),
    'server.current': vi.fn(() => ({ address: null, chosen: false })),
    'server.choose': vi.fn((_context, address: string) => ({ ok: true as const, address, version: '0.1.0' })),
    'server.forget': vi.fn(),
    notify: vi.fn(),
    setDueCount: vi.fn(),
    printAppeal: vi.fn(() => ({ status: 'done' as const })),
    saveAsPdf: vi.fn(() => ({ status: 'cancelled' as const })),
    'updates.state': vi.fn(() => updateState),
    'updates.check': vi.fn(() => updateState),
    'updates.report': vi.fn(),
  };
}

const updateState = {
  phase: 'idle' as const,
  currentVersion: '0.1.0',
  offeredVersion: null,
  percent: null,
  downgrade: false,
  failure: null,
  waitingForSync: false,
  checkedAt: null,
};

function registered() {
  const { ipcMain, listeners } = fakeIpcMain();
  const implementation = handlers();
  const dispose = registerBridgeHandlers(ipcMain, implementation, (senderFrame) =>
    isTrustedSender(senderFrame, isAppUrl),
  );
  const call = (
    path: (typeof bridgeMethodPaths)[number],
    senderFrame: WebFrameMain | null,
    ...args: unknown[]
  ) => listeners.get(bridgeChannel(path))!(invokeEvent(senderFrame), ...args);
  return { listeners, implementation, call, dispose };
}

describe('bridge IPC handlers', () => {
  it('registers exactly one channel per bridge method, named from the interface', () => {
    const { listeners, dispose } = registered();
    expect([...listeners.keys()].sort()).toEqual(bridgeMethodPaths.map((path) => `okno:${path}`).sort());
    dispose();
    expect(listeners.size).toBe(0);
  });

  it("answers the app's own top frame", async () => {
    const { call, implementation } = registered();
    expect(await call('setDueCount', frame('app://okno/index.html'), 3)).toBeUndefined();
    expect(implementation.setDueCount).toHaveBeenCalledWith(expect.anything(), 3);
  });

  it.each([
    ['a foreign page', frame('https://evil.example/')],
    ['the server origin', frame('http://127.0.0.1:8787/')],
    ['a file URL', frame('file:///tmp/index.html')],
    ['an iframe inside the app', frame('app://okno/embedded.html', frame('app://okno/index.html'))],
    ['a destroyed frame', null],
  ])('refuses a message from %s, before the handler runs', async (_name, senderFrame) => {
    const { call, implementation } = registered();
    await expect(async () => call('secureStore.getRefreshToken', senderFrame)).rejects.toThrow(
      /untrusted-sender/,
    );
    expect(implementation['secureStore.getRefreshToken']).not.toHaveBeenCalled();
  });

  it.each([
    ['setDueCount', ['3']],
    ['setDueCount', [-1]],
    ['setDueCount', []],
    ['secureStore.setRefreshToken', [{ token: 'x' }]],
    ['notify', [{ kind: 'party', appealId: 'a1', title: 't', body: 'b' }]],
    ['printAppeal', [{ html: 42, title: 't' }]],
    ['saveAsPdf', [{ html: '<p>x</p>', title: 't' }]],
    ['getAppInfo', ['extra']],
    ['server.choose', []],
    ['server.choose', [42]],
    ['server.choose', [{ address: 'https://okno.city.example' }]],
    ['server.choose', ['https://okno.city.example', 'extra']],
    ['server.choose', [`https://okno.city.example/${'x'.repeat(2_100)}`]],
    ['server.current', ['https://okno.city.example']],
    ['server.forget', [true]],
    ['updates.report', [{ accessToken: 'x' }]],
    ['updates.report', [{ accessToken: 42, unsyncedChanges: 0 }]],
    ['updates.report', [{ accessToken: null, unsyncedChanges: -1 }]],
    ['updates.report', [{ accessToken: null, unsyncedChanges: 1.5 }]],
    ['updates.check', [true]],
  ] as const)('refuses %s with malformed arguments %j', async (path, args) => {
    const { call, implementation } = registered();
    await expect(async () => call(path, frame('app://okno/index.html'), ...args)).rejects.toThrow(
      /invalid-arguments/,
    );
    expect(implementation[path]).not.toHaveBeenCalled();
  });

  it('passes a typed server address on to main, which checks it itself before any request', async () => {
    const { call, implementation } = registered();
    await call('server.choose', frame('app://okno/index.html'), 'https://okno.city.example');
    expect(implementation['server.choose']).toHaveBeenCalledWith(
      expect.anything(),
      'https://okno.city.example',
    );
    await expect(async () =>
      call('server.choose', frame('https://evil.example/'), 'https://evil.example'),
    ).rejects.toThrow(/untrusted-sender/);
    expect(implementation['server.choose']).toHaveBeenCalledTimes(1);
  });

  it("passes the window's session and unsynced count to the updater, nothing else", async () => {
    const { call, implementation } = registered();
    await call('updates.report', frame('app://okno/index.html'), {
      accessToken: 'token',
      unsyncedChanges: 2,
      refreshToken: 'never-passed',
    });
    expect(implementation['updates.report']).toHaveBeenCalledWith(expect.anything(), {
      accessToken: 'token',
      unsyncedChanges: 2,
    });
  });

  it('passes only the checked arguments on, stripping unknown fields', async () => {
    const { call, implementation } = registered();
    const notification = {
      kind: 'overdue',
      appealId: 'A-1',
      title: 'Просрочено',
      body: 'ОГ-2026-000123',
      extra: 'x',
    };
    await call('notify', frame('app://okno/index.html'), notification);
    expect(implementation.notify).toHaveBeenCalledWith(expect.anything(), {
      kind: 'overdue',
      appealId: 'A-1',
      title: 'Просрочено',
      body: 'ОГ-2026-000123',
    });
  });
});
