import { detectBridge } from '../../../renderer/platform/bridge';
import { createElectronBridge } from '../../../renderer/platform/electron-bridge';
import { createWebBridge } from '../../../renderer/platform/web-bridge';
import type { OknoBridge } from '../../../shared/bridge/okno-bridge';

function fakeWindow(notificationPermission?: NotificationPermission) {
  const shown: unknown[] = [];
  const Notification = notificationPermission
    ? Object.assign(
        class {
          constructor(title: string, options: unknown) {
            shown.push({ title, options });
          }
          addEventListener() {}
        },
        { permission: notificationPermission },
      )
    : undefined;
  return { window: { Notification, focus: () => {} } as unknown as Window, shown };
}

describe('web platform adapter', () => {
  it('has no secure store, says why, and never keeps the refresh token', async () => {
    const bridge = createWebBridge({ window: fakeWindow().window, version: '1.0.0' });
    expect(await bridge.secureStore.isAvailable()).toEqual({ available: false, reason: 'web-shell' });
    expect(await bridge.secureStore.setRefreshToken('r')).toEqual({ available: false, reason: 'web-shell' });
    expect(await bridge.secureStore.getRefreshToken()).toBeNull();
  });

  it('shows a notification only where the user allowed them, and otherwise does nothing', async () => {
    const notification = {
      kind: 'overdue' as const,
      appealId: 'a1',
      title: 'Просрочено',
      body: 'ОГ-2026-000001',
    };
    const denied = fakeWindow('denied');
    await createWebBridge({ window: denied.window, version: '1' }).notify(notification);
    expect(denied.shown).toEqual([]);
    const absent = fakeWindow();
    await expect(
      createWebBridge({ window: absent.window, version: '1' }).notify(notification),
    ).resolves.toBeUndefined();
    const granted = fakeWindow('granted');
    await createWebBridge({ window: granted.window, version: '1' }).notify(notification);
    expect(granted.shown).toHaveLength(1);
  });

  it('is chosen in a browser tab; the preload bridge is used in Electron', () => {
    expect(detectBridge(fakeWindow().window, '1').platform).toBe('web');
    const exposed = { platform: 'electron' } as OknoBridge;
    const electronWindow = { okno: exposed } as unknown as Window;
    expect(detectBridge(electronWindow, '1').platform).toBe('electron');
  });
});

describe('Electron platform adapter', () => {
  it('turns a failed print into an outcome and swallows a failed tray update', async () => {
    const failing = vi.fn(async () => {
      throw new Error('refused');
    });
    const exposed = {
      platform: 'electron',
      printAppeal: failing,
      setDueCount: failing,
    } as unknown as OknoBridge;
    const bridge = createElectronBridge(exposed);
    expect(await bridge.printAppeal({ html: '<p/>', title: 't' })).toEqual({
      status: 'failed',
      message: 'Error: refused',
    });
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    await expect(bridge.setDueCount(3)).resolves.toBeUndefined();
  });
});

describe('the web shell server address (localStorage, mirrored into the forwarder cookie)', () => {
  const healthy = { status: 'ok', service: 'okno', version: '0.1.0', api: 1 };

  function tab(answer: (address: string) => Response, stored: Record<string, string> = {}) {
    const items = new Map(Object.entries(stored));
    const cookies: string[] = [];
    const probed: { path: string; address: string | null }[] = [];
    const window = {
      localStorage: {
        getItem: (key: string) => items.get(key) ?? null,
        setItem: (key: string, value: string) => items.set(key, value),
      },
      document: {
        set cookie(value: string) {
          cookies.push(value);
        },
      },
      fetch: async (path: string, init: { headers: Record<string, string> }) => {
        const address = init.headers['x-okno-server'] ?? null;
        probed.push({ path, address });
        return answer(address ?? '');
      },
    } as unknown as Window;
    return { window, items, cookies, probed };
  }

  it("offers a demo build's default until an address is chosen, and sets no cookie for it", async () => {
    const { window, cookies } = tab(() => Response.json(healthy));
    const bridge = createWebBridge({ window, version: '1', defaultServer: 'http://127.0.0.1:8787' });
    expect(await bridge.server.current()).toEqual({ address: 'http://127.0.0.1:8787', chosen: false });
    expect(cookies.at(-1)).toMatch(/^okno-server=; .*Max-Age=0/);
  });

  it('has no address in a tab marked as an installed build (okno.serverDefault = none)', async () => {
    const { window } = tab(() => Response.json(healthy), { 'okno.serverDefault': 'none' });
    const bridge = createWebBridge({ window, version: '1', defaultServer: 'http://127.0.0.1:8787' });
    expect(await bridge.server.current()).toEqual({ address: null, chosen: false });
  });

  it('checks /health of the typed address through the forwarder, then remembers it in localStorage and the cookie', async () => {
    const { window, items, cookies, probed } = tab(() => Response.json(healthy));
    const bridge = createWebBridge({ window, version: '1' });
    expect(await bridge.server.choose('http://127.0.0.1:18787/')).toEqual({
      ok: true,
      address: 'http://127.0.0.1:18787',
      version: '0.1.0',
    });
    expect(probed).toEqual([{ path: '/health', address: 'http://127.0.0.1:18787' }]);
    expect(items.get('okno.serverAddress')).toBe('http://127.0.0.1:18787');
    expect(cookies.at(-1)).toBe('okno-server=http%3A%2F%2F127.0.0.1%3A18787; Path=/; SameSite=Strict');
    expect(await bridge.server.current()).toEqual({ address: 'http://127.0.0.1:18787', chosen: true });
  });

  it('refuses plain http to another host without any request, and remembers nothing', async () => {
    const { window, items, probed } = tab(() => Response.json(healthy));
    const bridge = createWebBridge({ window, version: '1' });
    expect(await bridge.server.choose('http://example.org')).toEqual({
      ok: false,
      problem: 'insecure-remote',
    });
    expect(probed).toEqual([]);
    expect(items.has('okno.serverAddress')).toBe(false);
  });

  it("tells a TLS failure the forwarder met from the server's own answer", async () => {
    const { window } = tab(() =>
      Response.json(
        { error: { code: 'server_unreachable' } },
        {
          status: 502,
          headers: { 'x-okno-forwarder': 'fetch failed self-signed certificate DEPTH_ZERO_SELF_SIGNED_CERT' },
        },
      ),
    );
    const bridge = createWebBridge({ window, version: '1' });
    expect(await bridge.server.choose('https://okno.city.example')).toEqual({ ok: false, problem: 'tls' });
  });

  it('after «Сменить сервер» asks again even where a default exists, and drops the cookie', async () => {
    const { window, items, cookies } = tab(() => Response.json(healthy), {
      'okno.serverAddress': 'https://okno.city.example',
    });
    const bridge = createWebBridge({ window, version: '1', defaultServer: 'http://127.0.0.1:8787' });
    await bridge.server.forget();
    expect(items.get('okno.serverAddress')).toBe('');
    expect(cookies.at(-1)).toMatch(/Max-Age=0/);
    expect(await bridge.server.current()).toEqual({ address: null, chosen: false });
  });
});
