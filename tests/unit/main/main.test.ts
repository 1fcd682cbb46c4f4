import { bridgeChannel, bridgeMethodPaths } from '../../../shared/bridge/channels';
import { fakeElectron as electron, startMainProcess } from './fake-electron';
import { FakeWebContents, navigationEvent } from './fakes';

// The whole main process, composed by main/main.ts, against a mocked `electron` (a development build).
vi.mock('electron', async () => (await import('./fake-electron')).fakeElectronModule());

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

  it("keeps DevTools and Electron's default menu in a development build", () => {
    expect(electron.windows[0]!.options.webPreferences).not.toHaveProperty('devTools', false);
    expect(electron.applicationMenus).toEqual([]);
  });

  it('registers a handler for every bridge method', () => {
    for (const path of bridgeMethodPaths) expect(electron.handlers.has(bridgeChannel(path)), path).toBe(true);
  });

  it('sends the strict CSP header with the app content only', () => {
    const listener = electron.onHeadersReceived!;
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
