import { fakeElectron as electron, startMainProcess } from './fake-electron';

// main/main.ts started against a server on another host over plain http (OKNO_SERVER_URL).
vi.mock('electron', async () => (await import('./fake-electron')).fakeElectronModule());

describe('the main process with an http:// server on another host', () => {
  beforeAll(async () => {
    vi.stubEnv('OKNO_SERVER_URL', 'http://10.20.30.40:8787');
    await startMainProcess();
  });
  afterAll(() => {
    vi.unstubAllEnvs();
  });

  it('finding 12: refuses to start with a clear Russian error, before any token could travel in clear text', () => {
    expect(electron.errorBoxes).toHaveLength(1);
    const [box] = electron.errorBoxes;
    expect(box!.title).toMatch(/адрес сервера/i);
    expect(box!.content).toContain('http://10.20.30.40:8787');
    expect(box!.content).toContain('https://');
    expect(electron.windows).toHaveLength(0);
    expect(electron.loaded).toEqual([]);
    expect(electron.protocolHandlers).toEqual([]);
    expect(electron.quits).toBe(1);
  });
});
