import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, vi } from 'vitest';
import { FakeWebContents } from './fakes';

/**
 * A stand-in for the `electron` module, recording what main/main.ts does with it. Each test file
 * gets its own instance (Vitest isolates files); a file mocks `electron` with `fakeElectronModule()`
 * and sets `fakeElectron.state` before importing main/main.ts.
 * Plain arrays, not vi.fn(): Vitest clears mock call records between tests, and main runs once.
 */
export const fakeElectron = {
  schemes: [] as unknown[],
  protocolHandlers: [] as string[],
  /** The app:// handler main/ registered (the forwarding to the server is checked through it). */
  protocolHandlerFns: [] as ((request: Request) => Promise<Response>)[],
  /** Electron's net.fetch: a test that needs the network sets its own. */
  netFetch: (async () => {
    throw new Error('net::ERR_CONNECTION_REFUSED');
  }) as (input: string, init?: RequestInit) => Promise<Response>,
  loaded: [] as string[],
  handlers: new Map<string, unknown>(),
  windows: [] as FakeBrowserWindow[],
  appListeners: new Map<string, (...args: unknown[]) => void>(),
  errorBoxes: [] as { title: string; content: string }[],
  applicationMenus: [] as (unknown[] | null)[],
  quits: 0,
  state: { singleInstance: true, userData: '', isPackaged: false },
  onHeadersReceived: null as ((details: unknown, callback: (response: unknown) => void) => void) | null,
};

export class FakeBrowserWindow {
  readonly webContents = new FakeWebContents();
  constructor(readonly options: Record<string, unknown>) {
    fakeElectron.windows.push(this);
  }
  readonly loadURL = async (url: string) => {
    fakeElectron.loaded.push(url);
  };
  once() {}
  on() {}
  show() {}
  maximize() {}
  static fromWebContents() {
    return null;
  }
}

class FakeTray {
  setContextMenu() {}
  on() {}
  setToolTip() {}
  setTitle() {}
}

export function fakeElectronModule() {
  const e = fakeElectron;
  return {
    app: {
      on: (event: string, listener: (...args: unknown[]) => void) => e.appListeners.set(event, listener),
      requestSingleInstanceLock: () => e.state.singleInstance,
      quit: () => {
        e.quits += 1;
      },
      whenReady: () => Promise.resolve(),
      getPath: () => e.state.userData,
      getLocale: () => 'ru-RU',
      getName: () => 'Okno',
      getVersion: () => '0.1.0',
      get isPackaged() {
        return e.state.isPackaged;
      },
      setBadgeCount: vi.fn(),
    },
    BrowserWindow: FakeBrowserWindow,
    Tray: FakeTray,
    dialog: {
      showErrorBox: (title: string, content: string) => e.errorBoxes.push({ title, content }),
      showSaveDialog: vi.fn(),
    },
    ipcMain: {
      handle: (channel: string, listener: unknown) => e.handlers.set(channel, listener),
      removeHandler: vi.fn(),
    },
    Menu: {
      buildFromTemplate: (template: unknown[]) => template,
      setApplicationMenu: (menu: unknown[] | null) => e.applicationMenus.push(menu),
    },
    Notification: Object.assign(class {}, { isSupported: () => false }),
    nativeImage: { createFromPath: () => ({}) },
    net: { fetch: (input: string, init?: RequestInit) => e.netFetch(input, init) },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => e.schemes.push(...schemes),
      handle: (scheme: string, handler: (request: Request) => Promise<Response>) => {
        e.protocolHandlers.push(scheme);
        e.protocolHandlerFns.push(handler);
      },
    },
    safeStorage: { isEncryptionAvailable: () => false, getSelectedStorageBackend: () => 'basic_text' },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    session: {
      defaultSession: {
        webRequest: {
          onHeadersReceived: (listener: typeof e.onHeadersReceived) => {
            e.onHeadersReceived = listener;
          },
        },
        setPermissionRequestHandler: vi.fn(),
        setPermissionCheckHandler: vi.fn(),
        setDevicePermissionHandler: vi.fn(),
      },
    },
  };
}

/** Runs main/main.ts once against the fake and waits until it has either loaded the window or given up. */
export async function startMainProcess(): Promise<void> {
  fakeElectron.state.userData = mkdtempSync(join(tmpdir(), 'okno-main-test-'));
  await import('../../../main/main');
  await vi.waitFor(() => expect(fakeElectron.loaded.length + fakeElectron.errorBoxes.length).toBe(1));
}
