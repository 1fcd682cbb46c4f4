import type { Session } from 'electron';

type PermissionName = Parameters<Parameters<Session['setPermissionCheckHandler']>[0] & object>[1];

/**
 * Permissions the app's own content may use. Everything else — camera, microphone, geolocation,
 * notifications (main/ shows them), USB, HID, serial… — is denied, as is any permission for any other
 * origin. Copying text (e.g. a refused change) needs the sanitised clipboard write.
 */
const allowedForApp: ReadonlySet<PermissionName> = new Set<PermissionName>(['clipboard-sanitized-write']);

function isPermissionAllowed(
  permission: string,
  requestingUrl: string,
  isAppUrl: (url: string) => boolean,
): boolean {
  return allowedForApp.has(permission as PermissionName) && isAppUrl(requestingUrl);
}

export function denyPermissionsByDefault(session: Session, isAppUrl: (url: string) => boolean): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isPermissionAllowed(permission, details.requestingUrl, isAppUrl));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    isPermissionAllowed(permission, requestingOrigin, isAppUrl),
  );
  session.setDevicePermissionHandler(() => false);
}
