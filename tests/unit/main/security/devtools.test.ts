import { isDevToolsShortcut, packagedMenuTemplate } from '../../../../main/security/devtools';

const labels = { file: 'Файл', edit: 'Правка', view: 'Вид', window: 'Окно' };
const none = { control: false, meta: false, shift: false, alt: false };

describe('DevTools in a packaged build', () => {
  it('finding 12: the packaged menu keeps editing and zoom but offers neither DevTools nor reload', () => {
    for (const platform of ['darwin', 'linux', 'win32'] as const) {
      const text = JSON.stringify(packagedMenuTemplate(platform, labels));
      expect(text, platform).not.toMatch(/toggleDevTools|"viewMenu"|"reload"|forceReload/);
      expect(text, platform).toContain('"editMenu"'); // copy and paste on macOS need it
      expect(text, platform).toContain('"zoomIn"');
    }
    expect(packagedMenuTemplate('darwin', labels)[0]).toEqual({ role: 'appMenu' });
  });

  it('tells DevTools shortcuts from ordinary ones', () => {
    expect(isDevToolsShortcut({ ...none, code: 'F12' })).toBe(true);
    expect(isDevToolsShortcut({ ...none, code: 'KeyJ', control: true, shift: true })).toBe(true);
    expect(isDevToolsShortcut({ ...none, code: 'KeyC', meta: true, alt: true })).toBe(true);
    expect(isDevToolsShortcut({ ...none, code: 'KeyC', control: true })).toBe(false);
    expect(isDevToolsShortcut({ ...none, code: 'KeyI', shift: true })).toBe(false);
    expect(isDevToolsShortcut({ ...none, code: 'KeyR', control: true, shift: true })).toBe(false);
  });
});
