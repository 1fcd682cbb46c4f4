import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig, parsePersonalDataKeys } from '../../../../server/src/config';

const key = (byte: number) => Buffer.alloc(32, byte).toString('base64');
const external = {
  DATABASE_URL: 'postgres://okno:secret@db.example:5432/okno',
  OKNO_TOKEN_SECRET: 't'.repeat(40),
  OKNO_PD_KEYS: `k2:${key(2)},k1:${key(1)}`,
  OKNO_PD_HASH_KEY: key(9),
};

describe('server configuration', () => {
  it('reads an external-database configuration with defaults for the rest', () => {
    const config = loadConfig(external);
    expect(config).toMatchObject({
      databaseUrl: external.DATABASE_URL,
      host: '127.0.0.1',
      port: 8787,
      accessTtlSeconds: 900,
      logLevel: 'info',
      bodyLimitBytes: 1024 * 1024,
      demo: false,
    });
    expect(config.personalDataKeys.map((k) => k.id)).toEqual(['k2', 'k1']);
  });

  it('demands explicit secrets with an external database, listing every problem at once', () => {
    let error: unknown;
    try {
      loadConfig({ DATABASE_URL: external.DATABASE_URL, PORT: 'eighty', OKNO_LOG_LEVEL: 'loud' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of ['OKNO_TOKEN_SECRET', 'OKNO_PD_KEYS', 'OKNO_PD_HASH_KEY', 'PORT', 'OKNO_LOG_LEVEL']) {
      expect(problems).toContain(name);
    }
  });

  it.each([
    ['k1', /keyId:base64key/],
    [`k1:${Buffer.alloc(16).toString('base64')}`, /exactly 32 bytes/],
    [`k1:${key(1)},k1:${key(2)}`, /listed twice/],
    [`bad id:${key(1)}`, /keyId/],
  ])('refuses OKNO_PD_KEYS=%s', (text, message) => {
    expect(parsePersonalDataKeys(text)).toMatch(message);
  });

  it('reads the load balancers whose X-Forwarded-For is believed, and refuses what is not an address', () => {
    expect(loadConfig(external).trustedProxies).toEqual([]);
    expect(
      loadConfig({ ...external, OKNO_TRUSTED_PROXIES: ' 10.0.0.5, 10.1.0.0/16 ,::1,fd00::/8' })
        .trustedProxies,
    ).toEqual(['10.0.0.5', '10.1.0.0/16', '::1', 'fd00::/8']);
    for (const bad of ['nginx.local', '10.0.0.0/33', '10.0.0.0/', '10.0.0.0/8/8', '::1/129'])
      expect(() => loadConfig({ ...external, OKNO_TRUSTED_PROXIES: bad })).toThrow(/OKNO_TRUSTED_PROXIES/);
  });

  it('refuses a DATABASE_URL that is not PostgreSQL, and --demo turns on the demo', () => {
    expect(() => loadConfig({ ...external, DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(loadConfig({ ...external }, ['--demo']).demo).toBe(true);
    expect(loadConfig({ ...external, OKNO_DEMO: '1' }).demo).toBe(true);
  });

  describe('with the embedded database', () => {
    let dataDir: string;
    beforeEach(() => {
      dataDir = mkdtempSync(path.join(tmpdir(), 'okno-config-'));
    });
    afterEach(() => {
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('generates missing secrets once, keeps them in DATA_DIR (0600) and reuses them', () => {
      const first = loadConfig({ DATA_DIR: dataDir });
      const file = path.join(dataDir, 'secrets.json');
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(first.databaseUrl).toBeNull();
      expect(first.tokenSecret.length).toBeGreaterThanOrEqual(32);
      expect(first.personalDataKeys).toHaveLength(1);
      expect(first.personalDataKeys[0]!.key).toHaveLength(32);

      const second = loadConfig({ DATA_DIR: dataDir });
      expect(second.tokenSecret.equals(first.tokenSecret)).toBe(true);
      expect(second.personalDataKeys[0]!.key.equals(first.personalDataKeys[0]!.key)).toBe(true);
      expect(second.embeddedPgPassword).toBe(first.embeddedPgPassword);
      expect(readFileSync(file, 'utf8')).toContain(first.embeddedPgPassword);
    });

    it('prefers secrets given in the environment', () => {
      const config = loadConfig({ DATA_DIR: dataDir, OKNO_TOKEN_SECRET: external.OKNO_TOKEN_SECRET });
      expect(config.tokenSecret.toString()).toBe(external.OKNO_TOKEN_SECRET);
    });
  });
});
