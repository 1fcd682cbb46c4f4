import { createAppRequestHandler } from '../../../../main/os/app-protocol';

function handler(serverUrl: string | null = 'http://127.0.0.1:8787') {
  const files: Record<string, string> = {
    '/app/dist/renderer/index.html': '<!doctype html><title>Окно</title>',
    '/app/dist/renderer/assets/index-1.js': 'console.log(1)',
  };
  const fetch = vi.fn(
    async (_input: string, _init?: RequestInit) => new Response('{"status":"ok"}', { status: 200 }),
  );
  const readFile = vi.fn(async (path: string) => {
    const content = files[path];
    if (content === undefined) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
    return new TextEncoder().encode(content);
  });
  const handle = createAppRequestHandler({
    rendererDir: '/app/dist/renderer',
    serverUrl: () => serverUrl,
    fetch,
    readFile,
    appVersion: '1.2.0',
  });
  return { handle, fetch, readFile };
}

describe('app:// protocol', () => {
  it('serves the renderer build with the strict CSP header', async () => {
    const { handle } = handler();
    const response = await handle(new Request('app://okno/index.html'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(await response.text()).toContain('Окно');
  });

  it.each([
    'app://okno/../../etc/passwd',
    'app://okno/%2e%2e/%2e%2e/etc/passwd',
    'app://okno/assets/..%2f..%2f..%2fsecret',
  ])('never serves a file outside the renderer folder: %s', async (url) => {
    const { handle, readFile } = handler();
    const response = await handle(new Request(url));
    expect(response.status).toBe(404);
    for (const [path] of readFile.mock.calls) expect(path.startsWith('/app/dist/renderer/')).toBe(true);
  });

  it('forwards /api, /health and /ready to the server, method and body included', async () => {
    const { handle, fetch } = handler();
    await handle(new Request('app://okno/health'));
    expect(fetch).toHaveBeenLastCalledWith(
      'http://127.0.0.1:8787/health',
      expect.objectContaining({ method: 'GET' }),
    );
    await handle(
      new Request('app://okno/api/v1/auth/login?x=1', {
        method: 'POST',
        body: '{"login":"a"}',
        headers: { 'content-type': 'application/json' },
      }),
    );
    const [url, init] = fetch.mock.calls.at(-1)!;
    expect(url).toBe('http://127.0.0.1:8787/api/v1/auth/login?x=1');
    expect(init?.method).toBe('POST');
    expect(init?.body).toBeTruthy();
  });

  it("names the desktop's version to the server on every forwarded call (X-Okno-Version)", async () => {
    const { handle, fetch } = handler();
    await handle(
      new Request('app://okno/api/v1/sync/appeals/pull', {
        headers: { authorization: 'Bearer t', 'x-okno-version': '9.9.9' },
      }),
    );
    const headers = new Headers(fetch.mock.calls.at(-1)![1]?.headers);
    expect(headers.get('x-okno-version')).toBe('1.2.0');
    expect(headers.get('authorization')).toBe('Bearer t');
  });

  it('answers 502 when the server cannot be reached, so the window knows it is offline', async () => {
    const { handle, fetch } = handler();
    fetch.mockRejectedValueOnce(new Error('ECONNREFUSED'));
    expect((await handle(new Request('app://okno/api/v1/me'))).status).toBe(502);
  });

  it('does not forward look-alike paths to the server', async () => {
    const { handle, fetch } = handler();
    expect((await handle(new Request('app://okno/apiary.html'))).status).toBe(404);
    expect((await handle(new Request('app://okno/healthcheck'))).status).toBe(404);
    expect(fetch).not.toHaveBeenCalled();
  });

  it.each(['app://okno/%E0%A4%A', 'app://okno/%', 'app://okno/assets/%zz.js'])(
    'finding 12: answers 400 to a malformed percent-encoding instead of throwing: %s',
    async (url) => {
      const { handle, readFile } = handler();
      const response = await handle(new Request(url));
      expect(response.status).toBe(400);
      expect(readFile).not.toHaveBeenCalled();
    },
  );

  it("finding 12: never forwards the window's requests over http:// to a server on another host", async () => {
    for (const serverUrl of ['http://10.0.0.5:8787', 'http://okno.city.example', 'not a url']) {
      const { handle, fetch } = handler(serverUrl);
      const response = await handle(new Request('app://okno/api/v1/me'));
      expect(response.status, serverUrl).toBe(503);
      expect((await response.json()).error.code).toBe('server_address_refused');
      expect(fetch).not.toHaveBeenCalled();
    }
  });

  it('forwards nothing before a server address is chosen, and still serves the app (the address screen)', async () => {
    const { handle, fetch } = handler(null);
    const refused = await handle(new Request('app://okno/health'));
    expect(refused.status).toBe(503);
    expect((await refused.json()).error.code).toBe('server_not_chosen');
    expect(fetch).not.toHaveBeenCalled();
    expect((await handle(new Request('app://okno/index.html'))).status).toBe(200);
  });

  it('follows a changed server address from the next request on («Сменить сервер»)', async () => {
    let address = 'https://first.city.example';
    const fetch = vi.fn(async (_input: string, _init?: RequestInit) => new Response('{}'));
    const handle = createAppRequestHandler({
      rendererDir: '/app/dist/renderer',
      serverUrl: () => address,
      fetch,
      readFile: async () => new Uint8Array(),
    });
    await handle(new Request('app://okno/health'));
    address = 'https://second.city.example';
    await handle(new Request('app://okno/health'));
    expect(fetch.mock.calls.map(([url]) => url)).toEqual([
      'https://first.city.example/health',
      'https://second.city.example/health',
    ]);
  });

  it('finding 12: does not follow a redirect, which could lead the request to plain http', async () => {
    const { handle, fetch } = handler();
    await handle(new Request('app://okno/api/v1/auth/login', { method: 'POST', body: '{}' }));
    expect(fetch.mock.calls.at(-1)?.[1]?.redirect).toBe('error');
  });

  it('forwards to a remote server over https', async () => {
    const { handle, fetch } = handler('https://okno.city.example/');
    await handle(new Request('app://okno/api/v1/me'));
    expect(fetch).toHaveBeenLastCalledWith('https://okno.city.example/api/v1/me', expect.anything());
  });
});
