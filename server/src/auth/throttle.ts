/**
 * Sign-in attempt budgets (finding 10 of the security review). The former lockout checked the
 * lock before the password and counted failures after it, so of 60 concurrent guesses 24 were
 * evaluated; five anonymous guesses locked an administrator out for 15 minutes; a real account
 * answered 423 where an unknown one answered 401.
 *
 * Design — token buckets in PostgreSQL, spent BEFORE the password is checked:
 *
 * - Every attempt spends one token from the bucket of its client address and one from the bucket
 *   of its login name, each with ONE `INSERT … ON CONFLICT DO UPDATE … RETURNING` (the row lock
 *   orders concurrent attempts), so however many arrive at once, at most the tokens left are
 *   evaluated. An attempt without a token is answered 429 with `Retry-After`, and spends nothing
 *   more: hammering does not lengthen the wait.
 * - Buckets refill continuously, so there is no lockout: after a burst the next attempt is at most
 *   one refill interval away (a delay, never 15 minutes).
 * - The login name's budget is kept apart for each address the name has signed in from before
 *   (`login_known_addresses`): guesses from anywhere else spend the name's general bucket only,
 *   so the administrator at their usual address signs in at once while someone elsewhere guesses.
 *   From a new address the administrator waits at most `loginBudget`'s interval (60 s) — unless
 *   the guesser spends each token the moment it refills; then the usual address is the way in.
 *   Guessers at the same address as the administrator share that address's budget: a short delay.
 * - Unknown login names get the same buckets, the same answers and the same work (a dummy hash:
 *   passwords.ts), so neither status, body nor timing tells which names exist.
 * - The address budget limits guessing across many login names (password spraying). A successful
 *   sign-in gives its address token back and refills its name's bucket, so an office signing in
 *   at the start of a shift from one address is not slowed by its own logins. Behind a reverse
 *   proxy the address is the proxy's unless Fastify's `trustProxy` is set.
 */
import type pg from 'pg';

export interface Budget {
  /** Attempts in a burst. */
  capacity: number;
  /** One more attempt every this many seconds. */
  refillSeconds: number;
}

/** Any one client address, across all login names. */
export const addressBudget: Budget = { capacity: 20, refillSeconds: 5 };
/** A login name, from addresses it never signed in from. */
export const loginBudget: Budget = { capacity: 5, refillSeconds: 60 };
/** A login name, from an address it signed in from within `knownAddressDays`. */
export const knownAddressBudget: Budget = { capacity: 5, refillSeconds: 10 };
const knownAddressDays = 90;

export interface Attempt {
  login: string;
  address: string;
  /** Epoch milliseconds (the server's clock; tests inject one). */
  now: number;
}

export type ThrottleDecision =
  | { allowed: true /** The login name's bucket the attempt spent from. */; bucket: string }
  | { allowed: false; retryAfterSeconds: number };

interface BucketRow {
  allowed: boolean;
  tokens: number;
}

/** The row's tokens at this attempt (migration 005). */
const refilled =
  'okno_login_tokens(t.tokens, EXCLUDED.capacity, EXCLUDED.refill_per_second, t.updated_at, EXCLUDED.updated_at)';

/** Spends one token of a bucket, atomically; a bucket without a whole token is left as it is. */
async function spend(db: pg.Pool, bucket: string, budget: Budget, now: number): Promise<ThrottleDecision> {
  const result = await db.query<BucketRow>(
    `INSERT INTO login_throttle AS t (bucket, capacity, refill_per_second, tokens, updated_at, allowed)
     VALUES ($1, $2::float8, 1 / $3::float8, $2::float8 - 1, to_timestamp($4 / 1000.0), true)
     ON CONFLICT (bucket) DO UPDATE SET
       capacity = EXCLUDED.capacity,
       refill_per_second = EXCLUDED.refill_per_second,
       allowed = ${refilled} >= 1,
       tokens = ${refilled} - CASE WHEN ${refilled} >= 1 THEN 1 ELSE 0 END,
       updated_at = greatest(t.updated_at, EXCLUDED.updated_at)
     RETURNING allowed, tokens`,
    [bucket, budget.capacity, budget.refillSeconds, now],
  );
  const row = result.rows[0]!;
  if (row.allowed) return { allowed: true, bucket };
  return {
    allowed: false,
    retryAfterSeconds: Math.max(1, Math.ceil((1 - row.tokens) * budget.refillSeconds)),
  };
}

const addressBucket = (address: string) => `address:${address}`;

async function loginBucket(db: pg.Pool, attempt: Attempt): Promise<{ bucket: string; budget: Budget }> {
  const known = await db.query(
    `SELECT 1 FROM login_known_addresses
      WHERE login_key = lower($1) AND address = $2 AND last_login_at > to_timestamp($3 / 1000.0) - make_interval(days => $4)`,
    [attempt.login, attempt.address, attempt.now, knownAddressDays],
  );
  const key = attempt.login.toLowerCase();
  return (known.rowCount ?? 0) > 0
    ? { bucket: `login:${key}@${attempt.address}`, budget: knownAddressBudget }
    : { bucket: `login:${key}`, budget: loginBudget };
}

/**
 * Spends the attempt's tokens: first its address's (a refused address spends nothing of the login
 * name's budget), then its login name's. Call before anything about the account is looked up.
 */
export async function spendAttempt(db: pg.Pool, attempt: Attempt): Promise<ThrottleDecision> {
  await sweepOccasionally(db, attempt.now);
  const byAddress = await spend(db, addressBucket(attempt.address), addressBudget, attempt.now);
  if (!byAddress.allowed) return byAddress;
  const { bucket, budget } = await loginBucket(db, attempt);
  return spend(db, bucket, budget, attempt.now);
}

/**
 * One request of another per-address budget, kept in the same buckets and swept the same way: the
 * citizen's «Помог ли ответ?» page (quality/verdict-page.ts). `bucket` names the budget and the
 * client's address (`verdict:<address>`), never beginning with `address:` or `login:`.
 */
export async function spendRequest(
  db: pg.Pool,
  bucket: string,
  budget: Budget,
  now: number,
): Promise<ThrottleDecision> {
  await sweepOccasionally(db, now);
  return spend(db, bucket, budget, now);
}

/**
 * A wrong password (or an unknown login name): counted on the bucket, and audited for a real
 * account — in ONE statement that writes in both cases, so a real name costs no extra commit and
 * answers no slower than an unknown one.
 */
export async function recordFailure(db: pg.Pool, bucket: string, userId: string | null): Promise<void> {
  await db.query(
    `WITH counted AS (UPDATE login_throttle SET failures = failures + 1 WHERE bucket = $1)
     INSERT INTO audit_log (org_id, action, entity, entity_id)
     SELECT org_id, 'auth.login_failed', 'user', id FROM users WHERE id = $2`,
    [bucket, userId],
  );
}

/**
 * After a successful sign-in: the address is known for this login name from now on, its bucket
 * there is full again, and the address's token is given back.
 */
export async function recordSuccess(db: pg.Pool | pg.PoolClient, attempt: Attempt): Promise<void> {
  const key = attempt.login.toLowerCase();
  await db.query(
    `INSERT INTO login_known_addresses (login_key, address, last_login_at)
     VALUES (lower($1), $2, to_timestamp($3 / 1000.0))
     ON CONFLICT (login_key, address) DO UPDATE SET last_login_at = EXCLUDED.last_login_at`,
    [attempt.login, attempt.address, attempt.now],
  );
  await db.query(
    `UPDATE login_throttle SET tokens = CASE WHEN bucket = $1 THEN least(capacity, tokens + 1) ELSE capacity END
      WHERE bucket IN ($1, $2, $3)`,
    [addressBucket(attempt.address), `login:${key}@${attempt.address}`, `login:${key}`],
  );
}

/** Full buckets need no row; known addresses expire. Every 256th attempt of a process tidies up. */
let attemptsSinceSweep = 0;
async function sweepOccasionally(db: pg.Pool, now: number): Promise<void> {
  attemptsSinceSweep = (attemptsSinceSweep + 1) % 256;
  if (attemptsSinceSweep !== 0) return;
  await db.query(
    `DELETE FROM login_throttle
      WHERE updated_at + make_interval(secs => (capacity - tokens) / refill_per_second) < to_timestamp($1 / 1000.0)`,
    [now],
  );
  await db.query(
    `DELETE FROM login_known_addresses
      WHERE last_login_at < to_timestamp($1 / 1000.0) - make_interval(days => $2)`,
    [now, knownAddressDays],
  );
}
