import { isAppUrl } from '../../../../main/security/app-origin';
import { lockNavigation } from '../../../../main/security/navigation';
import { FakeWebContents, navigationEvent } from '../fakes';

describe('navigation lock', () => {
  function lockedContents() {
    const contents = new FakeWebContents();
    lockNavigation(contents.asWebContents(), isAppUrl);
    return contents;
  }

  it.each([
    'https://evil.example/phish',
    'http://127.0.0.1:8787/api/v1/me',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'app://other-host/index.html',
    'app://okno@evil.example/',
    'not a url',
  ])('refuses to navigate the window to %s', (url) => {
    const contents = lockedContents();
    for (const name of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      const event = navigationEvent(url);
      contents.emit(name, event);
      expect(event.preventDefault, name).toHaveBeenCalled();
    }
  });

  it('lets the app move within its own content (app://okno/…)', () => {
    const contents = lockedContents();
    const event = navigationEvent('app://okno/index.html#/inbox');
    contents.emit('will-navigate', event);
    expect(event.preventDefault).not.toHaveBeenCalled();
  });

  it('denies every new window, whatever the URL', () => {
    const contents = lockedContents();
    expect(contents.windowOpenHandler?.({ url: 'https://vk.com/id1' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'app://okno/index.html' })).toEqual({ action: 'deny' });
  });

  it('refuses to attach a <webview>', () => {
    const contents = lockedContents();
    const event = navigationEvent('app://okno/');
    contents.emit('will-attach-webview', event);
    expect(event.preventDefault).toHaveBeenCalled();
  });
});
