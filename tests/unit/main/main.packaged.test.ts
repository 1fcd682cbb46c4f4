import { fakeElectron as electron, startMainProcess } from './fake-electron';
import { FakeWebContents } from './fakes';

// main/main.ts as shipped (app.isPackaged): nothing may open DevTools on a citizen's data.
vi.mock('electron', async () => (await import('./fake-electron')).fakeElectronModule());

function keyDown(
  code: string,
  key: string,
  modifiers: { control?: boolean; meta?: boolean; shift?: boolean; alt?: boolean } = {},
) {
  return { type: 'keyDown', code, key, control: false, meta: false, shift: false, alt: false, ...modifiers };
}

/** Every role in a menu template, submenus included. */
function rolesOf(items: readonly unknown[]): string[] {
  return items.flatMap((item) => {
    const { role, submenu } = item as { role?: string; submenu?: unknown[] };
    return [...(role ? [role] : []), ...(Array.isArray(submenu) ? rolesOf(submenu) : [])];
  });
}

describe('the packaged main process', () => {
  beforeAll(async () => {
    electron.state.isPackaged = true;
    Object.defineProperty(process, 'resourcesPath', { value: '/opt/Okno/resources', configurable: true });
    await startMainProcess();
  });

  it('finding 12: opens the window with DevTools disabled', () => {
    expect(electron.loaded).toEqual(['app://okno/index.html']);
    expect(electron.windows[0]!.options.webPreferences).toMatchObject({ devTools: false, sandbox: true });
  });

  it('finding 12: has no menu item that opens DevTools or reloads past the app', () => {
    // Not setting one would keep Electron's default menu, whose View menu toggles DevTools.
    expect(electron.applicationMenus).toHaveLength(1);
    const [menu] = electron.applicationMenus;
    const roles = menu ? rolesOf(menu) : [];
    expect(roles).not.toContain('toggleDevTools');
    expect(roles).not.toContain('viewMenu'); // Electron's View menu carries Toggle Developer Tools
    expect(roles).not.toContain('forceReload');
  });

  it('finding 12: swallows the DevTools shortcuts (any keyboard layout) and closes DevTools opened anyway', () => {
    const contents = new FakeWebContents();
    electron.appListeners.get('web-contents-created')!({}, contents);
    const shortcuts = [
      keyDown('F12', 'F12'),
      keyDown('KeyI', 'I', { control: true, shift: true }),
      keyDown('KeyI', 'Ш', { control: true, shift: true }), // Russian layout
      keyDown('KeyJ', 'J', { control: true, shift: true }),
      keyDown('KeyC', 'C', { control: true, shift: true }),
      keyDown('KeyI', 'i', { meta: true, alt: true }),
    ];
    for (const input of shortcuts) {
      const event = { preventDefault: vi.fn() };
      contents.emit('before-input-event', event, input);
      expect(event.preventDefault, JSON.stringify(input)).toHaveBeenCalled();
    }
    const copy = { preventDefault: vi.fn() };
    contents.emit('before-input-event', copy, keyDown('KeyC', 'c', { control: true }));
    expect(copy.preventDefault).not.toHaveBeenCalled();

    contents.emit('devtools-opened');
    expect(contents.closeDevTools).toHaveBeenCalled();
  });
});
