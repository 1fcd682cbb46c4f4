/**
 * Finding 10 (security review): the lockout was checked before the password, so of 60 concurrent
 * guesses 24 were evaluated and a right password inside a burst signed in; five anonymous guesses
 * locked an administrator out for 15 minutes; a real account answered 423 (and faster) where an
 * unknown one answered 401; nothing limited one address. Sign-in attempts now spend budgets
 * (server/src/auth/throttle.ts). Real HTTP from distinct loopback addresses (127.0.0.x), the
 * server's clock injected: delays are stepped through, never slept.
 */
import { addressBudget, knownAddressBudget, loginBudget } from '../../../server/src/auth/throttle';
import { requestFrom } from '../setup/client-address';
import { seedTestOrg, startTestServer, type TestOrg, type TestServer, testPassword } from '../setup/db';

let server: TestServer;
let org: TestOrg;
let clock = Date.UTC(2027, 0, 11, 9, 0);
let lastAddress = 10;
/** A loopback address no other test of this file used. */
const freshAddress = () => `127.0.0.${++lastAddress}`;
const advance = (seconds: number) => {
  clock += seconds * 1000;
};

beforeAll(async () => {
  server = await startTestServer({ now: () => clock });
  org = await seedTestOrg(server.pool);
});
afterAll(async () => {
  await server?.close();
});

interface Reply {
  status: number;
  retryAfter: string | undefined;
  // biome-ignore lint/suspicious/noExplicitAny: the error body is compared as a whole
  body: any;
  ms: number;
}

/** POST /api/v1/auth/login from `address` (the socket's local address; request.ip on the server). */
async function attempt(address: string, login: string, password: string): Promise<Reply> {
  const reply = await requestFrom(address, new URL('/api/v1/auth/login', server.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password }),
  });
  const retryAfter = reply.headers['retry-after'];
  return { status: reply.status, retryAfter, body: JSON.parse(reply.text), ms: reply.ms };
}

const failedLogins = async (userId: string) =>
  Number(
    (
      await server.pool.query(
        "SELECT count(*) FROM audit_log WHERE entity_id = $1 AND action = 'auth.login_failed'",
        [userId],
      )
    ).rows[0].count,
  );

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

describe('finding 10: sign-in attempt budgets', () => {
  it('finding 10: of 60 concurrent wrong attempts at most the budget are evaluated', async () => {
    const target = org.users.operator1;
    const address = freshAddress();
    const replies = await Promise.all(
      Array.from({ length: 60 }, (_, i) => attempt(address, target.login, `wrong-${i}`)),
    );
    const evaluated = replies.filter((r) => r.status === 401).length;
    expect(evaluated).toBeGreaterThan(0);
    expect(evaluated).toBeLessThanOrEqual(loginBudget.capacity);
    expect(replies.filter((r) => r.status === 429)).toHaveLength(60 - evaluated);
    expect(await failedLogins(target.id)).toBe(evaluated);
  });

  it('finding 10: a right password inside a burst does not sign in while over budget', async () => {
    const target = org.users.head1;
    const address = freshAddress();
    await Promise.all(Array.from({ length: 10 }, (_, i) => attempt(address, target.login, `burst-${i}`)));
    const refused = await attempt(address, target.login, testPassword);
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({
      error: {
        code: 'too_many_attempts',
        message: expect.any(String),
        details: { retryAfterSeconds: Number(refused.retryAfter) },
      },
    });
    const wait = Number(refused.retryAfter);
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(loginBudget.refillSeconds);
    // Hammering while refused spends nothing more: the wait does not grow.
    for (let i = 0; i < 5; i++)
      expect((await attempt(address, target.login, 'again')).retryAfter).toBe(String(wait));
    advance(wait);
    expect((await attempt(address, target.login, testPassword)).status).toBe(200);
  });

  it('finding 10: five anonymous wrong attempts do not lock the administrator out beyond a short delay', async () => {
    const admin = org.users.admin;
    const usual = freshAddress();
    expect((await attempt(usual, admin.login, testPassword)).status).toBe(200);

    const anonymous = freshAddress();
    const guess = async () => {
      const replies = [];
      for (let i = 0; i < 2 * loginBudget.capacity; i++)
        replies.push(await attempt(anonymous, admin.login, `guess-${i}`));
      return replies;
    };
    const guesses = await guess();
    expect(guesses.slice(0, loginBudget.capacity).every((r) => r.status === 401)).toBe(true);
    expect(guesses.slice(loginBudget.capacity).every((r) => r.status === 429)).toBe(true);

    // From a new address after at most one refill interval…
    const elsewhere = freshAddress();
    const delayed = await attempt(elsewhere, admin.login, testPassword);
    expect(delayed.status).toBe(429);
    expect(Number(delayed.retryAfter)).toBeLessThanOrEqual(loginBudget.refillSeconds);
    advance(Number(delayed.retryAfter));
    expect((await attempt(elsewhere, admin.login, testPassword)).status).toBe(200);
    // …and from the usual address at once, however many guesses came from elsewhere.
    await guess();
    expect((await attempt(usual, admin.login, testPassword)).status).toBe(200);
  });

  it('finding 10: guesses from the usual address itself only delay its owner', async () => {
    const supervisor = org.users.supervisor;
    const usual = freshAddress();
    expect((await attempt(usual, supervisor.login, testPassword)).status).toBe(200);
    for (let i = 0; i < knownAddressBudget.capacity; i++) await attempt(usual, supervisor.login, `same-${i}`);
    const refused = await attempt(usual, supervisor.login, testPassword);
    expect(refused.status).toBe(429);
    expect(Number(refused.retryAfter)).toBeLessThanOrEqual(knownAddressBudget.refillSeconds);
    advance(Number(refused.retryAfter));
    expect((await attempt(usual, supervisor.login, testPassword)).status).toBe(200);
  });

  it('finding 10: an unknown and a known login get identical answers — status, body and Retry-After', async () => {
    const known = org.users.operator2.login;
    const unknown = `nobody-${known}`;
    const address = freshAddress();
    for (let i = 0; i < loginBudget.capacity + 3; i++) {
      const a = await attempt(address, known, `wrong-${i}`);
      const b = await attempt(address, unknown, `wrong-${i}`);
      expect([b.status, b.retryAfter, b.body], `attempt ${i + 1}`).toEqual([a.status, a.retryAfter, a.body]);
    }
  });

  it('finding 10: an unknown and a known login take the same time (ratio of medians)', async () => {
    const known = org.users.head2.login;
    const unknown = `nobody-${known}`;
    const address = freshAddress();
    const times = { known: [] as number[], unknown: [] as number[] };
    for (let round = 0; round < 21; round++) {
      advance(loginBudget.refillSeconds * loginBudget.capacity); // every bucket full again
      const order = round % 2 === 0 ? (['known', 'unknown'] as const) : (['unknown', 'known'] as const);
      for (const which of order) {
        const reply = await attempt(address, which === 'known' ? known : unknown, `timing-${round}`);
        expect(reply.status).toBe(401);
        times[which].push(reply.ms);
      }
    }
    const ratio = median(times.known) / median(times.unknown);
    console.log(
      `sign-in timing: known ${median(times.known).toFixed(1)} ms, unknown ${median(times.unknown).toFixed(1)} ms, ratio ${ratio.toFixed(2)}`,
    );
    expect(ratio).toBeGreaterThan(0.7);
    expect(ratio).toBeLessThan(1.4);
  });

  it('finding 10: the per-address budget holds across login names', async () => {
    const address = freshAddress();
    const names = Array.from({ length: addressBudget.capacity + 5 }, (_, i) =>
      i % 5 === 0 ? org.users.operator1.login : `spray-${i}`,
    );
    advance(loginBudget.refillSeconds * loginBudget.capacity);
    const replies = [];
    for (const [i, name] of names.entries()) replies.push(await attempt(address, name, `spray-${i}`));
    expect(replies.filter((r) => r.status === 401)).toHaveLength(addressBudget.capacity);
    expect(replies.slice(addressBudget.capacity).every((r) => r.status === 429)).toBe(true);
    expect((await attempt(freshAddress(), 'spray-elsewhere', 'x')).status).toBe(401);
    advance(addressBudget.refillSeconds);
    expect((await attempt(address, 'spray-later', 'x')).status).toBe(401);
  });

  it('an office signing in from one address is not slowed by its own sign-ins', async () => {
    const office = freshAddress();
    for (let i = 0; i < 2 * addressBudget.capacity; i++) {
      const user = Object.values(org.users)[i % 6]!;
      expect((await attempt(office, user.login, testPassword)).status).toBe(200);
    }
  });
});
