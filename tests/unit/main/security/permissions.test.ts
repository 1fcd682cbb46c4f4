import type { Session } from 'electron';
import { isAppUrl } from '../../../../main/security/app-origin';
import { denyPermissionsByDefault } from '../../../../main/security/permissions';

type RequestHandler = (
  contents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
  details: { requestingUrl: string },
) => void;
type CheckHandler = (contents: unknown, permission: string, origin: string) => boolean;

function installedHandlers() {
  const handlers: { request?: RequestHandler; check?: CheckHandler; device?: () => boolean } = {};
  const session = {
    setPermissionRequestHandler: (handler: RequestHandler) => {
      handlers.request = handler;
    },
    setPermissionCheckHandler: (handler: CheckHandler) => {
      handlers.check = handler;
    },
    setDevicePermissionHandler: (handler: () => boolean) => {
      handlers.device = handler;
    },
  };
  denyPermissionsByDefault(session as unknown as Session, isAppUrl);
  const request = (permission: string, requestingUrl: string) => {
    let granted: boolean | undefined;
    handlers.request?.(
      null,
      permission,
      (value) => {
        granted = value;
      },
      { requestingUrl },
    );
    return granted;
  };
  return { request, check: handlers.check!, device: handlers.device! };
}

describe('permission requests', () => {
  it.each([
    'media',
    'geolocation',
    'notifications',
    'midiSysex',
    'hid',
    'serial',
    'usb',
    'openExternal',
    'display-capture',
  ])('denies %s even to the app itself', (permission) => {
    const { request, check } = installedHandlers();
    expect(request(permission, 'app://okno/index.html')).toBe(false);
    expect(check(null, permission, 'app://okno')).toBe(false);
  });

  it('denies everything to any other origin, the clipboard included', () => {
    const { request, check } = installedHandlers();
    expect(request('clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
    expect(check(null, 'clipboard-sanitized-write', 'https://evil.example')).toBe(false);
  });

  it('lets the app copy text to the clipboard (sanitised write only)', () => {
    const { request, check } = installedHandlers();
    expect(request('clipboard-sanitized-write', 'app://okno/index.html')).toBe(true);
    expect(check(null, 'clipboard-sanitized-write', 'app://okno')).toBe(true);
    expect(request('clipboard-read', 'app://okno/index.html')).toBe(false);
  });

  it('grants no device (USB, HID, serial) access', () => {
    expect(installedHandlers().device()).toBe(false);
  });
});
