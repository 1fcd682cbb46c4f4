import type { WebFrameMain } from 'electron';

/**
 * Every IPC message is checked for who sent it (VS Code does the same): only the top frame of a window
 * showing the app's own content may use the bridge. A frame of any other origin — an iframe, a page
 * reached by a navigation that slipped through, a destroyed frame (`null`) — is refused.
 */
export function isTrustedSender(
  frame: Pick<WebFrameMain, 'url' | 'parent'> | null,
  isAppUrl: (url: string) => boolean,
): boolean {
  return frame !== null && frame.parent === null && isAppUrl(frame.url);
}
