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
