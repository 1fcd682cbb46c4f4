import type { Session } from 'electron';

/**
 * The policy of the app's own content; the same as the meta tag in renderer/index.html, sent as a
 * header so that it also covers responses the meta tag cannot (and frame-ancestors, which only a
 * header can set). style-src needs 'unsafe-inline' for MUI's Emotion <style> elements.
 */
export const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  // An appeal's PDF in the browser's PDF viewer (web shell; the desktop window navigates no frame outside the app).
  'frame-src blob:',
  "font-src 'self' data:",
  "connect-src 'self'",
  "manifest-src 'self'",
  "worker-src 'self' blob:",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The policy of a printed document: inline styles and embedded images only, nothing else. */
export const printContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

type HeaderMap = Record<string, string | string[]>;

/** Response headers with our CSP in place of any the response brought (case-insensitively). */
function withContentSecurityPolicy(headers: HeaderMap | undefined): HeaderMap {
  const kept = Object.entries(headers ?? {}).filter(
    ([name]) => name.toLowerCase() !== 'content-security-policy',
  );
  return { ...Object.fromEntries(kept), 'Content-Security-Policy': [contentSecurityPolicy] };
}

export function installContentSecurityPolicy(session: Session, isAppUrl: (url: string) => boolean): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    if (!isAppUrl(details.url)) {
      callback({});
      return;
    }
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders) });
  });
}
