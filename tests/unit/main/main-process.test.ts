import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bridgeChannel, bridgeMethodPaths } from '../../../shared/bridge/channels';
import { FakeWebContents, navigationEvent } from './fakes';

// The whole main process, composed by main/main.ts, against a mocked `electron`.
const electron = vi.hoisted(() => {
  const handlers = new Map<string, unknown>();
  const windows: { options: Record<string, unknown> }[] = [];
  const appListeners = new Map<string, (...args: unknown[]) => void>();
  let onHeadersReceived: ((details: unknown, callback: (response: unknown) => void) => void) | null = null;
  const state = { singleInstance: true, userData: '' };
  // Plain arrays, not vi.fn(): Vitest clears mock call records between tests, and main runs once.
  const schemes: unknown[] = [];
  const protocolHandlers: string[] = [];
  const loaded: string[] = [];
  return {
    schemes,
    protocolHandlers,
    loaded,
    handlers,
    windows,
    appListeners,
    state,
    onHeaders: () => onHeadersReceived,
    setOnHeaders: (fn: typeof onHeadersReceived) => {
      onHeadersReceived = fn;
    },
  };
});

vi.mock('electron', async () => {
  const { FakeWebContents: Contents } = await import('./fakes');
  class BrowserWindow {
    readonly webContents = new Contents();
    readonly loadURL = async (url: string) => {
      electron.loaded.push(url);
    };
    constructor(readonly options: Record<string, unknown>) {
      electron.windows.push(this);
    }
    once() {}
    on() {}
    show() {}
    maximize() {}
    static fromWebContents() {
      return null;
    }
  }
  class Tray {
    setContextMenu() {}
    on() {}
    setToolTip() {}
    setTitle() {}
  }
  return {
    app: {
      on: (event: string, listener: (...args: unknown[]) => void) =>
        electron.appListeners.set(event, listener),
      requestSingleInstanceLock: () => electron.state.singleInstance,
      quit: vi.fn(),
      whenReady: () => Promise.resolve(),
      getPath: () => electron.state.userData,
      getLocale: () => 'ru-RU',
      getName: () => 'Okno',
      getVersion: () => '0.1.0',
      isPackaged: false,
      setBadgeCount: vi.fn(),
    },
    BrowserWindow,
    Tray,
    dialog: { showErrorBox: vi.fn(), showSaveDialog: vi.fn() },
    ipcMain: {
      handle: (channel: string, listener: unknown) => electron.handlers.set(channel, listener),
      removeHandler: vi.fn(),
    },
    Menu: { buildFromTemplate: () => ({}) },
    Notification: Object.assign(class {}, { isSupported: () => false }),
    nativeImage: { createFromPath: () => ({}) },
    net: { fetch: vi.fn() },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => electron.schemes.push(...schemes),
      handle: (scheme: string) => electron.protocolHandlers.push(scheme),
    },
    safeStorage: { isEncryptionAvailable: () => false, getSelectedStorageBackend: () => 'basic_text' },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    session: {
      defaultSession: {
        webRequest: { onHeadersReceived: (listener: never) => electron.setOnHeaders(listener) },
        setPermissionRequestHandler: vi.fn(),
        setPermissionCheckHandler: vi.fn(),
        setDevicePermissionHandler: vi.fn(),
      },
    },
  };
});

async function startMainProcess() {
  electron.state.userData = mkdtempSync(join(tmpdir(), 'okno-main-test-'));
  await import('../../../main/main');
  await vi.waitFor(() => expect(electron.loaded).toHaveLength(1));
}

describe('the main process', () => {
  beforeAll(startMainProcess);

  it('registers app:// as a standard, secure scheme before the app is ready', async () => {
    expect(electron.schemes).toEqual([
      expect.objectContaining({
        scheme: 'app',
        privileges: expect.objectContaining({ standard: true, secure: true }),
      }),
    ]);
    expect(electron.protocolHandlers).toEqual(['app']);
  });

  it('opens one isolated, sandboxed window without Node integration, loading the app from app://okno', () => {
    expect(electron.windows).toHaveLength(1);
    const [window] = electron.windows;
    expect(window!.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
      webSecurity: true,
    });
    expect(String((window!.options.webPreferences as { preload: string }).preload)).toMatch(/preload\.cjs$/);
    expect(electron.loaded).toEqual(['app://okno/index.html']);
  });

  it('registers a handler for every bridge method', () => {
    for (const path of bridgeMethodPaths) expect(electron.handlers.has(bridgeChannel(path)), path).toBe(true);
  });

  it('sends the strict CSP header with the app content only', () => {
    const listener = electron.onHeaders()!;
    let response: unknown;
    listener(
      { url: 'app://okno/index.html', responseHeaders: { 'Content-Security-Policy': ['default-src *'] } },
      (r) => {
        response = r;
      },
    );
    expect(response).toEqual({
      responseHeaders: { 'Content-Security-Policy': [expect.stringContaining("default-src 'none'")] },
    });
    listener({ url: 'https://example.org/', responseHeaders: {} }, (r) => {
      response = r;
    });
    expect(response).toEqual({});
  });

  it('locks navigation of every web contents the app creates', () => {
    const contents = new FakeWebContents();
    electron.appListeners.get('web-contents-created')!({}, contents);
    const event = navigationEvent('https://evil.example/');
    contents.emit('will-navigate', event);
    expect(event.preventDefault).toHaveBeenCalled();
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });

  it('refuses a bridge call from a foreign frame', async () => {
    const handler = electron.handlers.get(bridgeChannel('getAppInfo')) as (event: unknown) => unknown;
    expect(() =>
      handler({ senderFrame: { url: 'https://evil.example/', parent: null }, sender: {} }),
    ).toThrow(/untrusted-sender/);
    expect(
      await handler({ senderFrame: { url: 'app://okno/index.html', parent: null }, sender: {} }),
    ).toEqual({
      name: 'Okno',
      version: '0.1.0',
      platform: 'electron',
      os: process.platform,
    });
  });

  it('reports that the refresh token is not stored on a Linux without a keyring', async () => {
    const handler = electron.handlers.get(bridgeChannel('secureStore.setRefreshToken')) as (
      event: unknown,
      token: string,
    ) => unknown;
    const result = await handler(
      { senderFrame: { url: 'app://okno/index.html', parent: null }, sender: {} },
      'refresh',
    );
    expect(result).toEqual(
      process.platform === 'linux'
        ? { available: false, reason: 'basic-text-backend' }
        : { available: false, reason: 'encryption-unavailable' },
    );
  });
});
