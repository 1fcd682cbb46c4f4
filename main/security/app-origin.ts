/**
 * The window's content is served from a privileged custom scheme, `app://okno/…` (see app-protocol.ts),
 * never from `file://`: a real origin gives the CSP, the IPC sender check and the server proxy one
 * unambiguous thing to compare against.
 */
export const appScheme = 'app';
const appHost = 'okno';
const appOrigin = `${appScheme}://${appHost}`;
export const appEntryUrl = `${appOrigin}/index.html`;

/** True only for URLs of the app's own content; any other scheme, host or malformed URL is foreign. */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return (
      parsed.protocol === `${appScheme}:` &&
      parsed.host === appHost &&
      parsed.username === '' &&
      parsed.password === ''
    );
  } catch {
    return false;
  }
}
