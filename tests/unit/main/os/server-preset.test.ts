import { readServerPreset } from '../../../../main/os/server-preset';

function preset(argv: string[], files: Record<string, string>) {
  const logged: string[] = [];
  const result = readServerPreset({
    argv,
    files: Object.keys(files).length ? Object.keys(files) : ['/opt/Okno/resources/okno-server.json'],
    readFile: async (path) => {
      const text = files[path];
      if (text === undefined) throw new Error('ENOENT');
      return text;
    },
    log: (message) => logged.push(message),
  });
  return { result, logged };
}

describe('the server address preset at installation', () => {
  it('takes --server= from the command line first', async () => {
    const { result } = preset(['/opt/Okno/okno', '--server=https://okno.city.example/'], {
      '/opt/Okno/resources/okno-server.json': '{"serverAddress":"https://other.example"}',
    });
    expect(await result).toBe('https://okno.city.example');
  });

  it('reads okno-server.json beside the app (the installer wrote it), then the system folder', async () => {
    expect(
      await preset(['/opt/Okno/okno'], {
        '/opt/Okno/resources/okno-server.json': '{"serverAddress":"https://okno.city.example"}',
        '/etc/okno/okno-server.json': '{"serverAddress":"https://other.example"}',
      }).result,
    ).toBe('https://okno.city.example');
    expect(
      await preset(['/opt/Okno/okno'], {
        '/missing/okno-server.json': '',
        '/etc/okno/okno-server.json': '{"serverAddress":"https://okno.region.example"}',
      }).result,
    ).toBe('https://okno.region.example');
  });

  it('ignores and logs an address the desktop refuses, or a file of another shape: the address screen asks', async () => {
    const insecure = preset(['okno', '--server=http://okno.city.example'], {});
    expect(await insecure.result).toBeNull();
    expect(insecure.logged).toEqual([expect.stringContaining('--server')]);
    const broken = preset(['okno'], { '/opt/Okno/resources/okno-server.json': 'https://okno.city.example' });
    expect(await broken.result).toBeNull();
    expect(broken.logged).toEqual([expect.stringContaining('must be {"serverAddress"')]);
  });

  it('has no preset when nothing names one', async () => {
    expect(await preset(['okno'], {}).result).toBeNull();
  });
});
