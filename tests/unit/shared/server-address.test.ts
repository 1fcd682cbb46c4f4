import { forwardableAddress } from '../../../scripts/server-forwarder';
import {
  checkServerUrl,
  connectionProblemOf,
  judgeHealth,
  probeServer,
} from '../../../shared/bridge/server-address';

const okno = { status: 'ok', service: 'okno', version: '0.1.0', api: 1 };
const answer = (status: number, body: unknown) => async () => ({ status, json: async () => body });

describe('the «Адрес сервера» check (shared/bridge/server-address.ts)', () => {
  describe('the form of the address', () => {
    it.each([
      ['https://okno.city.example', 'https://okno.city.example'],
      ['  https://Okno.City.Example/  ', 'https://okno.city.example'],
      ['https://[2001:db8::5]:8443', 'https://[2001:db8::5]:8443'],
      ['http://[::1]:18787/', 'http://[::1]:18787'],
      ['http://[0:0:0:0:0:0:0:1]:8787', 'http://[::1]:8787'],
      ['http://127.0.0.1:18787', 'http://127.0.0.1:18787'],
      ['http://127.200.3.4', 'http://127.200.3.4'],
      ['http://localhost', 'http://localhost'],
      ['https://okno.city.example/okno/', 'https://okno.city.example/okno'],
    ])('accepts %j as %s', (raw, url) => {
      expect(checkServerUrl(raw)).toEqual({ ok: true, url });
    });

    it.each([
      'http://example.org',
      'http://[2001:db8::5]:8787',
      'http://[::2]',
      'http://[::ffff:127.0.0.1]',
      'http://0x7f000001.example',
      'http://localhost.example.org',
      'http://10.0.0.1',
    ])('refuses plain http to a host that is not this computer: %s', (raw) => {
      expect(checkServerUrl(raw)).toEqual({ ok: false, problem: 'insecure-remote' });
    });

    it.each([
      '',
      '   ',
      'okno',
      'okno.city.example',
      'ws://okno.city.example',
      'javascript:alert(1)',
      'https://okno.city.example/?x=1',
      'https://okno.city.example/#a',
      'https://user:pass@okno.city.example',
      `https://okno.city.example/${'a'.repeat(2_100)}`,
      'https://[::1',
    ])('refuses what is not a server address: %j', (raw) => {
      expect(checkServerUrl(raw)).toEqual({ ok: false, problem: 'invalid' });
    });

    it('is the same rule in the web shell forwarder, which restates it (scripts/server-forwarder.ts)', () => {
      const corpus = [
        'https://okno.city.example/',
        'http://127.0.0.1:18787',
        'http://[::1]:8787',
        'http://localhost:1',
        'http://example.org',
        'http://[::2]',
        'http://127.0.0.1.evil.example',
        'okno',
        'ftp://okno.city.example',
        'https://a:b@okno.city.example',
        'https://okno.city.example?x',
        `https://okno.city.example/${'a'.repeat(2_100)}`,
      ];
      for (const raw of corpus) {
        const shared = checkServerUrl(raw);
        expect(forwardableAddress(raw), raw).toBe(shared.ok ? shared.url : null);
      }
    });
  });

  describe('what /health says', () => {
    it('accepts an Okno server of this API generation', () => {
      expect(judgeHealth('https://x', 200, okno)).toEqual({
        ok: true,
        address: 'https://x',
        version: '0.1.0',
      });
      expect(judgeHealth('https://x', 200, { ...okno, demo: {} })).toMatchObject({ ok: true });
    });

    it.each([
      ['an HTML page', 200, null],
      ['another service', 200, { status: 'ok', service: 'grafana', version: '1', api: 1 }],
      ['an error page', 404, okno],
      ['a health of another shape', 200, { healthy: true }],
    ])('calls %s not an Okno server', (_name, status, body) => {
      expect(judgeHealth('https://x', status, body)).toEqual({ ok: false, problem: 'not-okno' });
    });

    it('calls a server of another API generation incompatible, naming its version', () => {
      expect(judgeHealth('https://x', 200, { ...okno, version: '2.0.0', api: 2 })).toEqual({
        ok: false,
        problem: 'incompatible',
        serverVersion: '2.0.0',
      });
    });

    it('calls an Okno server from before /health named its version incompatible (too old)', () => {
      expect(judgeHealth('https://x', 200, { status: 'ok' })).toEqual({ ok: false, problem: 'incompatible' });
    });
  });

  describe('connection failures', () => {
    it.each([
      [new Error('net::ERR_CERT_AUTHORITY_INVALID'), 'tls'],
      [new Error('net::ERR_CERT_DATE_INVALID'), 'tls'],
      [new Error('net::ERR_SSL_PROTOCOL_ERROR'), 'tls'],
      [
        new TypeError('fetch failed', {
          cause: Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }),
        }),
        'tls',
      ],
      [
        new TypeError('fetch failed', {
          cause: Object.assign(new Error('x'), { code: 'ERR_TLS_CERT_ALTNAME_INVALID' }),
        }),
        'tls',
      ],
      [new Error('net::ERR_CONNECTION_REFUSED'), 'unreachable'],
      [new Error('net::ERR_NAME_NOT_RESOLVED'), 'unreachable'],
      [
        new TypeError('fetch failed', {
          cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
        }),
        'unreachable',
      ],
      [new DOMException('The operation timed out.', 'TimeoutError'), 'unreachable'],
    ])('tells %s as %s', (error, problem) => {
      expect(connectionProblemOf(error)).toBe(problem);
    });
  });

  describe('the probe', () => {
    it('refuses the form before any request', async () => {
      const get = vi.fn(answer(200, okno));
      expect(await probeServer('http://example.org', get)).toEqual({ ok: false, problem: 'insecure-remote' });
      expect(get).not.toHaveBeenCalled();
    });

    it("asks the address's /health and answers with the address as it will be used", async () => {
      const get = vi.fn(answer(200, okno));
      expect(await probeServer('https://okno.city.example/okno/', get)).toEqual({
        ok: true,
        address: 'https://okno.city.example/okno',
        version: '0.1.0',
      });
      expect(get).toHaveBeenCalledWith('https://okno.city.example/okno/health');
    });

    it('reports a TLS failure and an unreachable server', async () => {
      const tls = async () => {
        throw new Error('net::ERR_CERT_COMMON_NAME_INVALID');
      };
      const down = async () => {
        throw new Error('net::ERR_CONNECTION_TIMED_OUT');
      };
      expect(await probeServer('https://okno.city.example', tls)).toEqual({ ok: false, problem: 'tls' });
      expect(await probeServer('https://okno.city.example', down)).toEqual({
        ok: false,
        problem: 'unreachable',
      });
    });

    it('calls an answer that is not JSON not an Okno server', async () => {
      const html = async () => ({
        status: 200,
        json: async () => {
          throw new SyntaxError('Unexpected token <');
        },
      });
      expect(await probeServer('https://shop.example', html)).toEqual({ ok: false, problem: 'not-okno' });
    });
  });
});
