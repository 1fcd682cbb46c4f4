/**
 * The integration-test harness shared by every server test (accounts, auth, sync, …). Real
 * PostgreSQL only: the cluster comes from ./global-setup.ts.
 *
 *   const db = await createTestDatabase();          // fresh database, all migrations applied
 *   const server = await startTestServer();         // app on a random port over a fresh database
 *   const org = await seedTestOrg(server.pool);     // org, 2 departments, a user of every role
 *   const session = await loginAs(server, org.users.operator1);
 *   await server.close();                           // app, pool and database gone
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { inject } from 'vitest';
import { createDepartment } from '../../../server/src/accounts/departments';
import { createOrganisation, type Organisation } from '../../../server/src/accounts/organisations';
import { createUser } from '../../../server/src/accounts/users';
import { type AppDeps, buildApp } from '../../../server/src/app';
import type { Role } from '../../../server/src/auth/roles';
import { setChannelSecretKeys } from '../../../server/src/channels/secrets';
import type { ServerConfig } from '../../../server/src/config';
import { migrate } from '../../../server/src/db/migrate';
import { createPool } from '../../../server/src/db/pool';

export interface TestDatabase {
  name: string;
  url: string;
  pool: pg.Pool;
  drop(): Promise<void>;
}

function adminUrl(): string {
  return process.env.TEST_DATABASE_URL ?? inject('pgAdminUrl');
}

function urlOfDatabase(base: string, database: string): string {
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
}

let admin: pg.Pool | undefined;
function adminPool(): pg.Pool {
  admin ??= createPool(adminUrl(), 2);
  return admin;
}

/** A new, empty database with every migration applied. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `okno_test_${randomBytes(6).toString('hex')}`;
  await adminPool().query(`CREATE DATABASE ${name}`);
  const url = urlOfDatabase(adminUrl(), name);
  await migrate(url);
  const pool = createPool(url);
  let dropped = false;
  return {
    name,
    url,
    pool,
    async drop() {
      if (dropped) return;
      dropped = true;
      await pool.end().catch(() => {});
      await adminPool().query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/**
 * The personal-data keys of every test server of this process (random per run): two servers on one
 * database, or a channel account made on a bare database before its server starts, share them.
 */
const testPersonalDataKeys = [{ id: 'test1', key: randomBytes(32) }];
setChannelSecretKeys(testPersonalDataKeys);

/** A complete configuration with fresh random secrets (personal-data keys: the process's); no environment. */
export function testConfig(overrides: Partial<ServerConfig> = {}): ServerConfig {
  return {
    host: '127.0.0.1',
    port: 0,
    dataDir: '/nonexistent-okno-test-data-dir',
    databaseUrl: null,
    embeddedPgPort: 0,
    embeddedPgPassword: '',
    tokenSecret: randomBytes(32),
    accessTtlSeconds: 900,
    refreshTtlSeconds: 30 * 24 * 3600,
    personalDataKeys: testPersonalDataKeys,
    personalDataHashKey: randomBytes(32),
    logLevel: 'silent',
    bodyLimitBytes: 1024 * 1024,
    shutdownGraceMs: 5_000,
    wizardIdleHours: 24,
    verdictDelaySeconds: 60,
    demo: false,
    demoAppeals: true,
    ...overrides,
  };
}

export interface TestServer {
  /** base URL, e.g. http://127.0.0.1:41234 */
  url: string;
  app: FastifyInstance;
  pool: pg.Pool;
  config: ServerConfig;
  database: TestDatabase;
  /** Closes the app (drains), then drops the database (unless it was given in opts). */
  close(): Promise<void>;
}

export interface TestServerOptions {
  config?: Partial<ServerConfig>;
  /** Logger override; default silent. Pass `{ level: 'info', stream }` to capture log lines. */
  log?: AppDeps['log'];
  /** Reuse a database (e.g. two servers on one database); it is then not dropped by close(). */
  database?: TestDatabase;
  /** The server's clock (`app.okno.now`), e.g. to step through sign-in delays without sleeping. */
  now?: () => number;
  /** Registers extra (test-only) routes or plugins before the server starts listening. */
  setup?: (app: FastifyInstance) => void | Promise<void>;
}

export async function startTestServer(opts: TestServerOptions = {}): Promise<TestServer> {
  const database = opts.database ?? (await createTestDatabase());
  const config = testConfig({ ...opts.config, databaseUrl: database.url });
  const app = await buildApp({
    config,
    db: database.pool,
    log: opts.log ?? false,
    ...(opts.now ? { now: opts.now } : {}),
  });
  await opts.setup?.(app);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  let closed = false;
  return {
    url: `http://127.0.0.1:${port}`,
    app,
    pool: database.pool,
    config,
    database,
    async close() {
      if (closed) return;
      closed = true;
      await app.close();
      if (!opts.database) await database.drop();
    },
  };
}

export const testPassword = 'correct horse battery staple';

export interface TestUser {
  id: string;
  login: string;
  password: string;
  role: Role;
  displayName: string;
  departmentIds: string[];
}

export interface TestOrg {
  organisation: Organisation;
  departments: { d1: { id: string; code: string }; d2: { id: string; code: string } };
  users: {
    operator1: TestUser;
    operator2: TestUser;
    head1: TestUser;
    head2: TestUser;
    supervisor: TestUser;
    admin: TestUser;
  };
}

/**
 * An organisation with departments d1 and d2 and one user per role: operator1/head1 in d1,
 * operator2/head2 in d2, supervisor and admin with no department. Logins get a random suffix, so
 * several orgs can live in one database; all passwords are `testPassword`.
 */
export async function seedTestOrg(pool: pg.Pool, opts: { timeZone?: string } = {}): Promise<TestOrg> {
  const tag = randomBytes(3).toString('hex');
  const organisation = await createOrganisation(pool, {
    name: `Тестовая администрация ${tag}`,
    timeZone: opts.timeZone ?? 'Europe/Moscow',
  });
  const d1 = await createDepartment(pool, { orgId: organisation.id, code: 'D1', name: 'Отдел 1' });
  const d2 = await createDepartment(pool, { orgId: organisation.id, code: 'D2', name: 'Отдел 2' });
  const make = async (key: string, role: Role, departments: string[]): Promise<TestUser> => {
    const login = `${key}-${tag}`;
    const { user } = await createUser(pool, {
      orgId: organisation.id,
      login,
      displayName: `${key} ${tag}`,
      role,
      departments,
      password: testPassword,
    });
    return {
      id: user.id,
      login,
      password: testPassword,
      role,
      displayName: user.displayName,
      departmentIds: user.departmentIds,
    };
  };
  const [operator1, operator2, head1, head2, supervisor, admin] = await Promise.all([
    make('operator1', 'operator', [d1.id]),
    make('operator2', 'operator', [d2.id]),
    make('head1', 'head', [d1.id]),
    make('head2', 'head', [d2.id]),
    make('supervisor', 'supervisor', []),
    make('admin', 'admin', []),
  ]);
  return {
    organisation,
    departments: { d1: { id: d1.id, code: d1.code }, d2: { id: d2.id, code: d2.code } },
    users: { operator1, operator2, head1, head2, supervisor, admin },
  };
}

export interface TestSession {
  accessToken: string;
  accessExpiresAt: string;
  refreshToken: string;
  user: { id: string; orgId: string; displayName: string; role: Role; departmentIds: string[] };
  /** `{ authorization: 'Bearer …' }` for fetch */
  headers: Record<string, string>;
}

/** Logs in through the real HTTP route. */
export async function loginAs(
  server: { url: string },
  user: { login: string; password: string },
  deviceId?: string,
): Promise<TestSession> {
  const response = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: user.login, password: user.password, ...(deviceId ? { deviceId } : {}) }),
  });
  if (response.status !== 200)
    throw new Error(`login as ${user.login} failed: ${response.status} ${await response.text()}`);
  const body = (await response.json()) as Omit<TestSession, 'headers'>;
  return { ...body, headers: { authorization: `Bearer ${body.accessToken}` } };
}
