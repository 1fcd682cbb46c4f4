import { createApiClient, type TokenSource } from '../../../../renderer/api/client';

type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;
const filesApi = (fetchImpl: FetchLike, tokens: TokenSource = { accessToken: 't' }) =>
  createApiClient(fetchImpl).authorised(tokens);

const headersOf = (init: RequestInit | undefined) => (init?.headers ?? {}) as Record<string, string>;

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const meta = { id: 'f1', name: 'план.pdf', mimeType: 'application/pdf', size: 9, sha256: 'a'.repeat(64) };

describe("the client's calls for an appeal's files", () => {
  it('downloads a file as a blob of the type the server sent, refreshing a stale token once', async () => {
    const tokens = {
      accessToken: 'old',
      refresh: vi.fn(async () => {
        tokens.accessToken = 'new';
      }),
    };
    const seen: string[] = [];
    const api = filesApi(async (url, init) => {
      seen.push(`${url} ${headersOf(init).authorization}`);
      return headersOf(init).authorization === 'Bearer new'
        ? new Response(new Uint8Array([0xff, 0xd8, 0xff]), { headers: { 'content-type': 'image/jpeg' } })
        : json(401, {});
    }, tokens);
    const result = await api.appealFile('a 1', 'f/1');
    expect(result.ok && result.value.type).toBe('image/jpeg');
    expect(result.ok && result.value.size).toBe(3);
    expect(seen).toEqual([
      '/api/v1/appeals/a%201/files/f%2F1 Bearer old',
      '/api/v1/appeals/a%201/files/f%2F1 Bearer new',
    ]);
  });

  it('says why a file did not come: out of scope (403), gone (404), no server (network)', async () => {
    expect(
      await filesApi(async () => json(403, { error: { code: 'forbidden' } })).appealFile('a', 'f'),
    ).toEqual({
      ok: false,
      error: { kind: 'server', status: 403, code: 'forbidden' },
    });
    expect(await filesApi(async () => json(404, {})).appealFile('a', 'f')).toMatchObject({
      ok: false,
      error: { kind: 'server', status: 404 },
    });
    expect(
      await filesApi(async () => {
        throw new TypeError('fetch failed');
      }).appealFile('a', 'f'),
    ).toEqual({ ok: false, error: { kind: 'network' } });
  });

  it('uploads the bare bytes with the name and type in the query and reads back the metadata', async () => {
    let sent: { url: string; init: RequestInit | undefined } | null = null;
    const api = filesApi(async (url, init) => {
      sent = { url, init };
      return json(201, { file: meta });
    });
    const file = new File(['%PDF-1.7'], 'план.pdf', { type: 'application/pdf' });
    expect(await api.uploadAnswerFile('a1', file)).toEqual({ ok: true, value: meta });
    expect(sent!.url).toBe(
      `/api/v1/appeals/a1/files?name=${encodeURIComponent('план.pdf')}&type=application%2Fpdf`,
    );
    expect(sent!.init?.method).toBe('POST');
    expect(headersOf(sent!.init)['content-type']).toBe('application/octet-stream');
    expect(sent!.init?.body).toBe(file);
  });

  it("keeps the server's refusal code of an upload, and refuses an answer that is not file metadata", async () => {
    const refused = await filesApi(async () =>
      json(415, { error: { code: 'file_typeRefused', message: 'x' } }),
    );
    expect(await refused.uploadAnswerFile('a1', new File(['MZ'], 'x.pdf'))).toEqual({
      ok: false,
      error: { kind: 'server', status: 415, code: 'file_typeRefused' },
    });
    const odd = await filesApi(async () => json(201, { file: { id: 'f1' } }));
    expect(await odd.uploadAnswerFile('a1', new File(['%PDF'], 'x.pdf'))).toEqual({
      ok: false,
      error: { kind: 'server', status: 200 },
    });
  });
});
