/**
 * «Ответить всем в группе» (issue 13) end to end: two citizens write about the same house, one in
 * Telegram and one in VK (the networks' fakes, real webhooks); a supervisor groups their incidents and
 * answers once; each citizen receives the answer once, in their own chat, and both appeals are answered.
 */
import {
  startVkFake,
  type TelegramFake,
  tgMessageUpdate,
  tgUser,
  VkCallbackDriver,
  type VkFake,
  vkMessage,
} from '../../fakes';
import {
  addAccount,
  addTelegramBot,
  type ChannelTestEnv,
  type Json,
  pullAll,
  startChannelServer,
  webhookUrl,
} from '../channels/support';
import { loginAs } from '../setup/db';
import { waitFor } from '../setup/wait';
import { callApi } from '../sync/client';
import { masterOf } from '../sync/fixtures';

const groupId = 778001;
const tgSecret = 'tg-problem-secret';
const vkSecret = 'vk-problem-secret';
const telegramCitizen = tgUser({ id: 313131313, first_name: 'Анна', last_name: 'Смирнова' });
const vkCitizen = 4242001;

let env: ChannelTestEnv;
let tg: TelegramFake;
let vk: VkFake;
let headers: Record<string, string>;

beforeAll(async () => {
  env = await startChannelServer();
  const bot = await addTelegramBot(env, { token: '313000:problem-bot', secretToken: tgSecret });
  tg = bot.tg;
  vk = await startVkFake({ groupId, users: { [vkCitizen]: { first_name: 'Петр', last_name: 'Орлов' } } });
  const community = await addAccount(env, {
    network: 'vk',
    accountId: String(groupId),
    apiBaseUrl: vk.apiBaseUrl,
    apiToken: vk.token,
    webhookSecret: vkSecret,
    confirmationCode: 'c0nf1rm',
  });
  await bot.driver.send(
    tgMessageUpdate({
      from: telegramCitizen,
      text: 'На Ленина 5 третий день нет горячей воды, маленький ребенок',
    }),
  );
  await new VkCallbackDriver({
    url: webhookUrl(env, community),
    groupId,
    secret: vkSecret,
    confirmationCode: 'c0nf1rm',
  }).messageNew(vkMessage({ from_id: vkCitizen, text: 'ул. Ленина, д. 5 — нет горячей воды уже три дня' }));
  headers = (await loginAs(env.server, env.org.users.supervisor)).headers;
});

afterAll(async () => {
  await tg?.close();
  await vk?.close();
  await env?.server.close();
});

const api = (method: string, path: string, body?: unknown) =>
  callApi({ url: env.server.url, headers }, method, path, body);

it('answers two citizens of one problem once each, in Telegram and in VK, and both appeals are answered', async () => {
  const appeals = await waitFor(async () => {
    const pulled = await pullAll(env, env.org.users.supervisor, 'appeals');
    const fromTelegram = pulled.find((a) => a.channel === 'telegram' && String(a.text).includes('Ленина 5'));
    const fromVk = pulled.find((a) => a.channel === 'vk' && String(a.text).includes('Ленина, д. 5'));
    return fromTelegram && fromVk ? { fromTelegram, fromVk } : undefined;
  });
  const { fromTelegram, fromVk } = appeals;

  const candidates = await api('GET', `/api/v1/appeals/${fromVk.id}/problem-candidates`);
  const candidate = candidates.body.candidates.find((c: Json) => c.id === fromTelegram.id);
  expect(candidate.evidence).toContainEqual({ kind: 'place', match: 'house', place: 'ул. Ленина, 5' });

  const grouped = await api('POST', '/api/v1/problems', { appealIds: [fromTelegram.id, fromVk.id] });
  expect(grouped.status).toBe(200);
  const problemId = grouped.body.problem.id;

  const text = `Горячую воду на Ленина, 5 дадут сегодня к 18:00 (${problemId.slice(0, 8)}).`;
  const answered = await api('POST', `/api/v1/problems/${problemId}/answer`, { text });
  expect(answered.status).toBe(200);
  expect([...answered.body.answered].sort()).toEqual([fromTelegram.id, fromVk.id].sort());
  expect(answered.body.skipped).toEqual([]);

  const inTelegram = await waitFor(async () => {
    const sent = tg.sent.filter((m) => (m.text ?? m.caption) === text);
    return sent.length > 0 ? sent : undefined;
  });
  const inVk = await waitFor(async () => {
    const sent = vk.sent.filter((m) => m.message === text);
    return sent.length > 0 ? sent : undefined;
  });
  // Nothing more arrives later: once each, each in the citizen's own chat.
  await new Promise((resolve) => setTimeout(resolve, 700));
  expect(tg.sent.filter((m) => (m.text ?? m.caption) === text)).toHaveLength(1);
  expect(vk.sent.filter((m) => m.message === text)).toHaveLength(1);
  expect(String(inTelegram[0]?.chatId)).toBe(String(telegramCitizen.id));
  expect(String(inVk[0]?.peerId)).toBe(String(vkCitizen));

  for (const appeal of [fromTelegram, fromVk]) {
    const stored = await masterOf(env.server.pool, 'sync_appeals', appeal.id);
    expect(stored.status).toBe('answered');
    expect(stored.problemId).toBe(problemId);
  }
  const audit = await env.server.pool.query(
    `SELECT entity_id, fields FROM audit_log WHERE action = 'problem.answer' AND details->>'problemId' = $1`,
    [problemId],
  );
  expect(audit.rows).toHaveLength(2);
  expect(audit.rows[0].fields.status.new).toBe('answered');

  // A second answer-all finds nothing left to answer and sends nothing.
  const again = await api('POST', `/api/v1/problems/${problemId}/answer`, { text: `${text} Повтор.` });
  expect(again.status).toBe(409);
  expect(again.body.error.code).toBe('nothing_to_answer');
});
