import { letterFileName, lettersApi, parseLetter } from '../../../../renderer/api/letters';

const letter = {
  id: 'l-1',
  appealId: 'a-1',
  kind: 'extension',
  messageId: 'm-1',
  outgoingNumber: 'Исх-3/2026',
  issuedAt: 1_765_000_000_000,
};

describe('the letters API of the desktop', () => {
  it('reads a letter and refuses anything else', () => {
    expect(parseLetter(letter)).toEqual(letter);
    expect(parseLetter({ ...letter, kind: 'memo' })).toBeNull();
    expect(parseLetter({ ...letter, issuedAt: '2026' })).toBeNull();
    expect(parseLetter(null)).toBeNull();
  });

  it('refreshes once on 401 and repeats with the new token', async () => {
    const tokens = {
      accessToken: 'old',
      refresh: vi.fn(async () => {
        tokens.accessToken = 'new';
      }),
    };
    const seen: string[] = [];
    const api = lettersApi(tokens, async (_path, init) => {
      const auth = new Headers(init?.headers).get('authorization') ?? '';
      seen.push(auth);
      return auth === 'Bearer new'
        ? new Response(JSON.stringify({ letters: [letter, { bad: true }] }), { status: 200 })
        : new Response('{}', { status: 401 });
    });
    expect(await api.list('a-1')).toEqual({ ok: true, value: [letter] });
    expect(seen).toEqual(['Bearer old', 'Bearer new']);
    expect(tokens.refresh).toHaveBeenCalledTimes(1);
  });

  it('says offline when the server cannot be reached, and passes the server’s refusal code on', async () => {
    const offline = lettersApi({ accessToken: 't' }, async () => {
      throw new TypeError('fetch failed');
    });
    expect(await offline.file('a-1', 'l-1', 'pdf')).toEqual({ ok: false, error: { kind: 'network' } });
    const refused = lettersApi(
      { accessToken: 't' },
      async () =>
        new Response(JSON.stringify({ error: { code: 'letter_not_applicable', message: 'no' } }), {
          status: 409,
        }),
    );
    expect(await refused.issue('a-1', 'forwarding')).toEqual({
      ok: false,
      error: { kind: 'server', status: 409, code: 'letter_not_applicable' },
    });
  });

  it('names the file after the outgoing number without path separators', () => {
    expect(letterFileName('Исх-17/2026', 'pdf')).toBe('Исх-17_2026.pdf');
    expect(letterFileName('01-26/0005', 'docx')).toBe('01-26_0005.docx');
  });
});
