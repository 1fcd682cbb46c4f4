import { checkServerUrl, isLoopbackHost } from '../../../../shared/bridge/server-address';

describe('finding 12: the server address', () => {
  it.each([
    ['http://127.0.0.1:8787', 'http://127.0.0.1:8787'],
    ['http://127.1:8787/', 'http://127.0.0.1:8787'],
    ['http://127.45.6.7', 'http://127.45.6.7'],
    ['http://localhost:8787', 'http://localhost:8787'],
    ['http://LOCALHOST:8787', 'http://localhost:8787'],
    ['http://[::1]:8787', 'http://[::1]:8787'],
    ['https://okno.city.example', 'https://okno.city.example'],
    ['https://10.0.0.5:8443/okno/', 'https://10.0.0.5:8443/okno'],
  ])('accepts %s (plain http only on this computer)', (raw, url) => {
    expect(checkServerUrl(raw)).toEqual({ ok: true, url });
  });

  it.each([
    'http://10.0.0.5:8787',
    'http://192.168.1.20:8787',
    'http://okno.city.example',
    'http://127.0.0.1.evil.example',
    'http://localhost.evil.example',
    'http://128.0.0.1',
    'http://[::2]',
    'http://0.0.0.0:8787',
  ])('refuses http to another host: %s', (raw) => {
    expect(checkServerUrl(raw)).toEqual({ ok: false, problem: 'insecure-remote' });
  });

  it.each([
    '',
    'okno.city.example',
    'ftp://okno.city.example',
    'file:///etc/passwd',
    'https://admin:secret@okno.city.example',
  ])('refuses what is not a server address: %j', (raw) => {
    expect(checkServerUrl(raw)).toEqual({ ok: false, problem: 'invalid' });
  });

  it('counts exactly 127.0.0.0/8, ::1 and localhost as loopback', () => {
    expect(['127.0.0.1', '127.255.255.254', '[::1]', 'localhost'].map(isLoopbackHost)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(['126.0.0.1', '::1', 'example.localhost', '1.127.0.0'].map(isLoopbackHost)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });
});
