/**
 * `npm run citizen -- --network telegram|vk|max|ok`: play a citizen against the bot from the terminal.
 * Starts everything in-process: an embedded PostgreSQL in a temporary folder, the server (with the
 * bot and the outbox), a fake of the network whose channel account points at it; every line you
 * type is delivered to the server's webhook as that network would, and the bot's replies (with their
 * buttons) are printed. Ctrl+D or Ctrl+C ends it and deletes the temporary data. OK gives the bot no
 * profile name, as the real OK does; there a line that is a label of the last keyboard is that
 * button's press (a MESSAGE_CALLBACK), any other line a message.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import { createOrganisation } from '../server/src/accounts/organisations';
import { buildApp } from '../server/src/app';
import { createChannelAccount } from '../server/src/channels/accounts';
import { loadConfig } from '../server/src/config';
import { openDatabase } from '../server/src/db/database';
import type { Keyboard } from '../server/src/outbox/types';
import {
  MaxWebhookDriver,
  maxMessageCreated,
  maxUser,
  OkWebhookDriver,
  okMessage,
  startMaxFake,
  startOkFake,
  startTelegramFake,
  startVkFake,
  TelegramWebhookDriver,
  tgMessageUpdate,
  tgUser,
  VkCallbackDriver,
  vkMessage,
  vkMessageNew,
} from '../tests/fakes';

const network = process.argv.includes('--network')
  ? process.argv[process.argv.indexOf('--network') + 1]
  : 'telegram';
if (!['telegram', 'vk', 'max', 'ok'].includes(String(network))) {
  console.error('usage: npm run citizen -- --network telegram|vk|max|ok');
  process.exit(2);
}
const name = { first: 'Иван', last: 'Петров' };
const secret = 'citizen-cli-secret';

process.env.OKNO_CHANNELS_POLLING = '0';
const dataDir = mkdtempSync(path.join(tmpdir(), 'okno-citizen-'));
const config = loadConfig({ DATA_DIR: dataDir, PORT: '0', OKNO_LOG_LEVEL: 'warn', OKNO_PG_PORT: '54391' });
console.log('Запускаю PostgreSQL, сервер и фейк сети…');
const database = await openDatabase(config, { migrate: true });
const org = await createOrganisation(database.pool, {
  name: 'Администрация г. Демо',
  timeZone: 'Europe/Moscow',
});
const app = await buildApp({ config, db: database.pool, log: false });
// A person types slower than Telegram's 1 message/s per chat would ever bite; keep replies instant.
app.citizenBot.outbox.setRates({
  telegram: { account: { perSecond: 30, burst: 5 }, chat: { perSecond: 5, burst: 5 } },
});
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
const serverUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

interface Outgoing {
  text: string;
  buttons: string[];
}
let sentCount: () => Outgoing[];
let deliver: (text: string) => Promise<void>;
let closeFake: () => Promise<void>;

function labels(keyboard: Keyboard | null | undefined, pick: (b: unknown) => string): string[] {
  return (keyboard?.buttons ?? []).flat().map(pick);
}

if (network === 'telegram') {
  const tg = await startTelegramFake();
  const account = await createChannelAccount(database.pool, {
    orgId: org.id,
    network: 'telegram',
    accountId: String(tg.bot.id),
    apiBaseUrl: tg.apiRoot,
    apiToken: tg.token,
    webhookSecret: secret,
  });
  const driver = new TelegramWebhookDriver({
    url: `${serverUrl}/api/v1/channels/telegram/${account.pathToken}`,
    secretToken: secret,
  });
  const user = tgUser({ id: 424242, first_name: name.first, last_name: name.last, language_code: 'ru' });
  sentCount = () =>
    tg.sent.map((m) => ({
      text:
        m.text ?? documentLines(m.caption, m.document && 'filename' in m.document ? m.document.filename : ''),
      buttons: ((m.replyMarkup as { keyboard?: { text: string }[][] } | undefined)?.keyboard ?? [])
        .flat()
        .map((b) => b.text),
    }));
  deliver = async (text) => {
    await driver.send(tgMessageUpdate({ from: user, text }));
  };
  closeFake = () => tg.close();
} else if (network === 'vk') {
  const groupId = 777;
  const vk = await startVkFake({
    groupId,
    users: { 1001: { first_name: name.first, last_name: name.last } },
  });
  const account = await createChannelAccount(database.pool, {
    orgId: org.id,
    network: 'vk',
    accountId: String(groupId),
    apiBaseUrl: vk.apiBaseUrl,
    apiToken: vk.token,
    webhookSecret: secret,
  });
  const driver = new VkCallbackDriver({
    url: `${serverUrl}/api/v1/channels/vk/${account.pathToken}`,
    groupId,
    secret,
  });
  sentCount = () =>
    vk.sent.map((m) => ({
      text: m.message ?? '',
      buttons: labels(m.keyboard as Keyboard, (b) =>
        String((b as { action?: { label?: string } }).action?.label),
      ),
    }));
  deliver = async (text) => {
    await driver.send(vkMessageNew(vkMessage({ from_id: 1001, text }), { groupId, secret }));
  };
  closeFake = () => vk.close();
} else if (network === 'ok') {
  const ok = await startOkFake();
  const account = await createChannelAccount(database.pool, {
    orgId: org.id,
    network: 'ok',
    accountId: '53038239',
    apiBaseUrl: ok.url,
    apiToken: ok.token,
    // OK signs nothing; its webhooks come from OK's networks, here from this computer.
    allowedSources: ['127.0.0.1/32'],
  });
  const driver = new OkWebhookDriver({ url: `${serverUrl}/api/v1/channels/ok/${account.pathToken}` });
  sentCount = () =>
    ok.sent.map((m) => ({
      text: m.text ?? m.files.map((f) => `📎 ${f.filename}`).join('\n'),
      buttons: m.buttons.flat(),
    }));
  deliver = async (text) => {
    const shown = ok.sent.findLast((m) => m.buttons.length > 0)?.buttons.flat() ?? [];
    await driver.send(
      shown.includes(text)
        ? ok.press('C3ecb9d02a600', '577000000001', text)
        : okMessage({ userId: '577000000001', chatId: 'C3ecb9d02a600', text }),
    );
  };
  closeFake = () => ok.close();
} else {
  const max = await startMaxFake();
  const account = await createChannelAccount(database.pool, {
    orgId: org.id,
    network: 'max',
    accountId: 'okno-bot',
    apiBaseUrl: max.url,
    apiToken: max.token,
    webhookSecret: secret,
  });
  const driver = new MaxWebhookDriver({
    url: `${serverUrl}/api/v1/channels/max/${account.pathToken}`,
    secret,
  });
  const sender = maxUser({ user_id: 5150, first_name: name.first, last_name: name.last });
  sentCount = () =>
    max.sent.map((m) => ({
      text: [m.text, ...m.files.map((f) => `📎 ${f.filename}`)].filter(Boolean).join('\n'),
      buttons: ((m.attachments ?? []) as { type: string; payload?: { buttons?: { text: string }[][] } }[])
        .filter((a) => a.type === 'inline_keyboard')
        .flatMap((a) => (a.payload?.buttons ?? []).flat().map((b) => b.text)),
    }));
  deliver = async (text) => {
    await driver.send(maxMessageCreated({ sender, text, chatId: 900_001 }));
  };
  closeFake = () => max.close();
}

let printed = 0;
const printer = setInterval(() => {
  const all = sentCount();
  for (; printed < all.length; printed++) {
    const message = all[printed]!;
    console.log(`\n🤖 ${message.text}`);
    if (message.buttons.length > 0) console.log(`   [${message.buttons.join('] [')}]`);
  }
}, 100);

let closing = false;
async function shutdown(): Promise<void> {
  if (closing) return;
  closing = true;
  clearInterval(printer);
  await app.close();
  await closeFake();
  await database.close();
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(0);
}
process.once('SIGINT', () => void shutdown());

console.log(
  network === 'ok'
    ? 'Вы — гражданин в OK (сеть не передаёт боту имя профиля). Пишите сообщения боту; «/start» — меню.'
    : `Вы — гражданин ${name.last} ${name.first} в ${network}. Пишите сообщения боту; «/start» — меню.`,
);
const input = createInterface({
  input: process.stdin,
  output: process.stdout,
  terminal: process.stdin.isTTY,
});
// Lines piped in (`printf '…' | npm run citizen`) arrive at once: each waits for the bot's answer, as
// a person reads before typing, and the per-chat flood limit is relaxed for a script's pace.
const scripted = !process.stdin.isTTY;
if (scripted) app.citizenBot.dispatcher.setFloodPolicy({ capacity: 100, refillPerSecond: 10 });
for await (const line of input) {
  if (!line.trim()) continue;
  const before = sentCount().length;
  if (scripted) console.log(`\n👤 ${line.trim()}`);
  await deliver(line.trim());
  for (let waited = 0; scripted && sentCount().length === before && waited < 5000; waited += 50)
    await new Promise((resolve) => setTimeout(resolve, 50));
  if (scripted) await new Promise((resolve) => setTimeout(resolve, 150));
}
await new Promise((resolve) => setTimeout(resolve, 1500));
await shutdown();

/** A Telegram document as printed: the caption (an answer that fits one, else the file's name) and the file. */
function documentLines(caption: string | undefined, filename: string): string {
  return [caption && caption !== filename ? caption : null, `📎 ${filename}`].filter(Boolean).join('\n');
}
