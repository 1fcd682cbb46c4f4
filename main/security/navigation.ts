import type { Event, WebContents } from 'electron';

/**
 * A window of Okno never leaves the app: navigating away (a link in a citizen's message, a dropped
 * file, a redirect) is refused, no new window is ever opened, and <webview> cannot be attached.
 * Applied to every WebContents the app creates (app.on('web-contents-created')).
 */
export function lockNavigation(contents: WebContents, isAppUrl: (url: string) => boolean): void {
  const denyForeign = (event: Event, url: string) => {
    if (!isAppUrl(url)) event.preventDefault();
  };
  contents.on('will-navigate', (event) => denyForeign(event, event.url));
  contents.on('will-frame-navigate', (event) => denyForeign(event, event.url));
  contents.on('will-redirect', (event) => denyForeign(event, event.url));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
