/**
 * The citizen's «Помог ли ответ?» page had no rate limit: anyone could post to it as fast as they
 * liked. Its POSTs now spend a per-address budget in the login throttle's buckets
 * (server/src/quality/verdict-page.ts, `verdictPostBudget`). Real HTTP from distinct loopback
 * addresses (127.0.0.x), behind a load balancer (OKNO_TRUSTED_PROXIES: 127.0.0.1) whose
 * X-Forwarded-For names the citizen, and over the real mail flow for the token of a real question.
 */
import { verdictPostBudget } from '../../../server/src/quality/verdict-page';
import { requestFrom } from '../setup/client-address';
import { startVerdictMailDesk, type VerdictMailDesk, verdictRow } from './support';

let desk: VerdictMailDesk;

beforeAll(async () => {
  desk = await startVerdictMailDesk({ trustedProxies: ['127.0.0.1'] });
});
afterAll(async () => {
  await desk?.close();
});

interface Reply {
  status: number;
  retryAfter: string | undefined;
  text: string;
}

/**
 * A request to the page (`link`, as in the letter) from the socket address `from`, with the
 * balancer's X-Forwarded-For when given; a POST sends the form `fields`.
 */
async function request(
  link: string,
  options: { from: string; forwardedFor?: string; fields?: Record<string, string>; language?: string },
): Promise<Reply> {
  const reply = await requestFrom(options.from, link, {
    method: options.fields ? 'POST' : 'GET',
    headers: {
      ...(options.fields ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      ...(options.forwardedFor ? { 'x-forwarded-for': options.forwardedFor } : {}),
      ...(options.language ? { 'accept-language': options.language } : {}),
    },
    ...(options.fields ? { body: new URLSearchParams(options.fields).toString() } : {}),
  });
  return { status: reply.status, retryAfter: reply.headers['retry-after'], text: reply.text };
}

/** A link of the page whose token is no question's: what a script trying tokens posts. */
const guessedLink = () => `${desk.env.server.url}/verdict?t=${'x'.repeat(20)}.${'y'.repeat(43)}&v=yes`;

/**
 * `count` POSTs at once from one client; how many the page answered (any status but 429), the 429s,
 * and how many tokens refilled while they ran (each may let one more through).
 */
async function burst(count: number, from: { from: string; forwardedFor?: string | ((i: number) => string) }) {
  const started = Date.now();
  const replies = await Promise.all(
    Array.from({ length: count }, (_, i) =>
      request(guessedLink(), {
        from: from.from,
        ...(from.forwardedFor
          ? { forwardedFor: typeof from.forwardedFor === 'string' ? from.forwardedFor : from.forwardedFor(i) }
          : {}),
        fields: { value: 'yes', comment: '' },
      }),
    ),
  );
  const refilled = Math.floor((Date.now() - started) / 1000 / verdictPostBudget.refillSeconds);
  const refused = replies.filter((r) => r.status === 429);
  return { answered: replies.filter((r) => r.status !== 429), refused, refilled };
}

it('answers a burst of POSTs from one address 429 with Retry-After and a clear page (ru, en); another address still records its verdict once', async () => {
  const { appeal, links } = await desk.answeredByMail(
    '"Анна Смирнова" <anna.limit@mail.example.ru>',
    'Скамейка во дворе',
    '01-15/777',
  );
  const flooder = { from: '127.0.0.1', forwardedFor: '198.51.100.7' };
  const { capacity, refillSeconds } = verdictPostBudget;

  const { answered, refused, refilled } = await burst(capacity + 5, flooder);
  // Within the budget the page read each token and found none (404); beyond it, 429.
  expect(answered.length).toBeGreaterThanOrEqual(capacity);
  expect(answered.length).toBeLessThanOrEqual(capacity + refilled);
  for (const reply of answered) expect(reply.status).toBe(404);
  expect(refused.length).toBeGreaterThan(0);
  const [tooMany] = refused;
  expect(Number(tooMany!.retryAfter)).toBeGreaterThanOrEqual(1);
  expect(Number(tooMany!.retryAfter)).toBeLessThanOrEqual(refillSeconds);
  expect(tooMany!.text).toContain(`Попробуйте ещё раз через ${tooMany!.retryAfter} с`);
  expect(tooMany!.text).toContain('ссылка из письма продолжает действовать');

  // The citizen behind that address: the page says when, in their language; nothing is recorded.
  const english = await request(links.yes, {
    ...flooder,
    fields: { value: 'yes', comment: '' },
    language: 'en-GB,en;q=0.9',
  });
  expect(english.status).toBe(429);
  expect(english.retryAfter).toMatch(/^\d+$/);
  expect(english.text).toContain('<html lang="en">');
  expect(english.text).toContain(`Please try again in ${english.retryAfter} s`);
  expect((await verdictRow(desk.env, appeal.id)).value).toBeNull();
  // Opening the link is not limited: the form still shows.
  const page = await request(links.yes, flooder);
  expect(page.status).toBe(200);
  expect(page.text).toContain('Обращение № 01-15/777');

  // Another citizen behind the same balancer: one use records the verdict.
  const other = await request(links.no, {
    from: '127.0.0.1',
    forwardedFor: '198.51.100.8',
    fields: { value: 'no', comment: 'Скамейку не починили.' },
  });
  expect(other.status).toBe(200);
  expect(other.text).toContain('Руководитель рассмотрит ваше обращение ещё раз');
  expect(await verdictRow(desk.env, appeal.id)).toMatchObject({
    value: 'no',
    comment: 'Скамейку не починили.',
  });
});

it('believes X-Forwarded-For only from OKNO_TRUSTED_PROXIES: a client elsewhere writing a new one each time spends its own budget', async () => {
  const { capacity } = verdictPostBudget;
  const { answered, refused, refilled } = await burst(capacity + 5, {
    from: '127.0.0.2',
    forwardedFor: (i) => `203.0.113.${i + 1}`,
  });
  expect(answered.length).toBeGreaterThanOrEqual(capacity);
  expect(answered.length).toBeLessThanOrEqual(capacity + refilled);
  expect(refused.length).toBeGreaterThan(0);
  // The addresses it named were never spent: a request really from the balancer for one of them passes.
  const named = await request(guessedLink(), {
    from: '127.0.0.1',
    forwardedFor: '203.0.113.1',
    fields: { value: 'yes', comment: '' },
  });
  expect(named.status).toBe(404);
});
