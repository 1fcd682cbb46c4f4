import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WebFrameMain } from 'electron';
import type { ServerAddressState } from '../../../shared/bridge/okno-bridge';
import type { ServerCheck } from '../../../shared/bridge/server-address';
import { fakeElectron as electron, startMainProcess } from './fake-electron';

// An installed desktop on its first start: no OKNO_SERVER_URL, no settings file (electron mocked).
vi.mock('electron', async () => (await import('./fake-electron')).fakeElectronModule());

const appFrame = { url: 'app://okno/index.html', parent: null } as unknown as WebFrameMain;
async function call<T>(channel: string, ...args: unknown[]): Promise<T> {
  const listener = electron.handlers.get(channel) as (event: unknown, ...args: unknown[]) => Promise<T>;
  return listener({ senderFrame: appFrame, sender: {} }, ...args);
}

const requested: string[] = [];
const healthy = { status: 'ok', service: 'okno', version: '0.1.0', api: 1 };

describe('the first start of an installed desktop', () => {
  beforeAll(async () => {
    vi.stubEnv('OKNO_SERVER_URL', '');
    electron.netFetch = async (input) => {
      requested.push(input);
      if (input.startsWith('https://okno.city.example/')) return Response.json(healthy);
      if (input.startsWith('https://shop.example/')) return new Response('<html>shop</html>');
      if (input.startsWith('https://old.city.example/')) return Response.json({ status: 'ok' });
      if (input.startsWith('https://self-signed.example/'))
        throw new Error('net::ERR_CERT_AUTHORITY_INVALID');
      throw new Error('net::ERR_NAME_NOT_RESOLVED');
    };
    await startMainProcess();
  });
  afterAll(() => {
    vi.unstubAllEnvs();
  });

  it('opens the window without a server address (the «Адрес сервера» screen asks) and forwards nothing', async () => {
    expect(electron.errorBoxes).toEqual([]);
    expect(electron.loaded).toEqual(['app://okno/index.html']);
    expect(await call<ServerAddressState>('okno:server.current')).toEqual({ address: null, chosen: false });
    const forwarded = await electron.protocolHandlerFns[0]!(new Request('app://okno/api/v1/me'));
    expect(forwarded.status).toBe(503);
    expect(requested).toEqual([]);
  });

  it.each([
    ['http://example.org', 'insecure-remote'],
    ['okno.city.example', 'invalid'],
    ['https://no-such-host.example', 'unreachable'],
    ['https://self-signed.example', 'tls'],
    ['https://shop.example', 'not-okno'],
    ['https://old.city.example', 'incompatible'],
  ])('refuses %s (%s) and remembers nothing', async (address, problem) => {
    const checked = await call<ServerCheck>('okno:server.choose', address);
    expect(checked).toMatchObject({ ok: false, problem });
    expect(await call<ServerAddressState>('okno:server.current')).toEqual({ address: null, chosen: false });
    if (problem === 'insecure-remote' || problem === 'invalid')
      expect(requested.some((url) => url.includes(address.replace(/^\w+:\/\//, '')))).toBe(false);
  });

  it('checks /health, remembers the address in settings.json in userData, and forwards there from then on', async () => {
    const checked = await call<ServerCheck>('okno:server.choose', ' https://okno.city.example/ ');
    expect(checked).toEqual({ ok: true, address: 'https://okno.city.example', version: '0.1.0' });
    expect(requested).toContain('https://okno.city.example/health');
    const settings = JSON.parse(readFileSync(join(electron.state.userData, 'settings.json'), 'utf8'));
    expect(settings).toEqual({ serverAddress: 'https://okno.city.example' });
    expect(await call<ServerAddressState>('okno:server.current')).toEqual({
      address: 'https://okno.city.example',
      chosen: true,
    });
    await electron.protocolHandlerFns[0]!(new Request('app://okno/api/v1/me'));
    expect(requested.at(-1)).toBe('https://okno.city.example/api/v1/me');
  });

  it('forgets the address on «Сменить сервер»: nothing is forwarded until a new one is chosen', async () => {
    await call('okno:server.forget');
    const settings = JSON.parse(readFileSync(join(electron.state.userData, 'settings.json'), 'utf8'));
    expect(settings).toEqual({ serverAddress: null });
    expect(await call<ServerAddressState>('okno:server.current')).toEqual({ address: null, chosen: false });
    expect((await electron.protocolHandlerFns[0]!(new Request('app://okno/health'))).status).toBe(503);
  });
});
