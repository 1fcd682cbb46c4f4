/**
 * The citizen's side of the end-to-end world, started by scripts/e2e-server.mjs before the server:
 * the project's Telegram fake (tests/fakes/telegram: real HTTP, every request and update checked
 * against the vendored Bot API schema) and a Telegram channel account of the demo organisation
 * pointing at it, written into the e2e server's database (demo organisation seeded here first, as
 * the server's OKNO_DEMO=1 would; that seed is idempotent). Then it serves a small control API on
 * a fixed port for the journeys (tests/e2e/support/citizen.ts):
 *
 *   POST /messages {userId, firstName, lastName?, text, photoBase64?}
 *                                                         → the citizen writes (a webhook `message`;
 *                                                           with a JPEG photo, the text is its caption)
 *   POST /edits    {messageId, text}                      → the citizen edits a message sent above
 *   POST /presses  {userId, data}                         → the citizen presses an inline button
 *   GET  /sent?chat=<userId>                              → what the bot sent to that chat, in order
 *   GET  /buttons?chat=<userId>                           → the inline buttons under its latest message with some
 *   GET  /violations                                      → contract violations the fake recorded
 *   GET  /bot                                             → {apiRoot, token}: the fake's API address and
 *                                                           bot token, for a journey that types them in
 *   POST /organisations {name}                            → a fresh organisation with one administrator
 *                                                           (the admin console's functions): {login, password}
 *
 * A message with `webhookPath` goes to that channel account's webhook (an account an administrator
 * added in «Каналы» against this fake, without a webhook secret) instead of the demo organisation's.
 *
 * Prints `telegram-world ready` once the account exists; the fake and the control API run until
 * SIGTERM/SIGINT. Nothing leaves 127.0.0.1.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createOrganisation } from '../../../server/src/accounts/organisations';
import { seedDemo } from '../../../server/src/accounts/seed-demo';
import { createUser } from '../../../server/src/accounts/users';
import { createChannelAccount } from '../../../server/src/channels/accounts';
import { loadConfig } from '../../../server/src/config';
import { openDatabase } from '../../../server/src/db/database';
import {
  startTelegramFake,
  TelegramWebhookDriver,
  type TgUpdate,
  tgCallbackQueryUpdate,
  tgEditedMessageUpdate,
  tgMessageUpdate,
  tgUser,
} from '../../fakes';

const controlPort = Number(process.env.OKNO_E2E_TELEGRAM_PORT ?? 18789);
const serverPort = Number(process.env.PORT ?? 18787);
const secret = 'okno-e2e-telegram-secret';

const tg = await startTelegramFake();
const database = await openDatabase(loadConfig(process.env), { migrate: true });
let pathToken: string;
try {
  // OKNO_DEMO_YEAR=1: the year of «Аналитика» too (the dashboard's screenshot, tests/e2e/control/dashboard.spec.ts).
  const demo = await seedDemo(database.pool, { appeals: false, year: process.env.OKNO_DEMO_YEAR === '1' });
  const departments = await database.pool.query<{ id: string }>(
    'SELECT id FROM departments WHERE org_id = $1 AND code = $2',
    [demo.organisation.id, 'ДТ'],
  );
  const account = await createChannelAccount(database.pool, {
    orgId: demo.organisation.id,
    network: 'telegram',
    accountId: String(tg.bot.id),
    apiBaseUrl: tg.apiRoot,
    apiToken: tg.token,
    webhookSecret: secret,
    // Citizens' chat appeals land in «Дороги и транспорт», the demo operator's department.
    defaultDepartmentId: departments.rows[0]!.id,
    title: 'Telegram-бот (e2e)',
  });
  pathToken = account.pathToken;
} finally {
  await database.close();
}

const driver = new TelegramWebhookDriver({
  url: `http://127.0.0.1:${serverPort}/api/v1/channels/telegram/${pathToken}`,
  secretToken: secret,
  callbacks: tg,
});
/** Updates the citizens sent, by message id, so that an edit names the message it changes. */
const sentUpdates = new Map<number, TgUpdate>();

/** A photo as Telegram delivers one: the file the bot fetches with getFile, in one size. */
function photoSizes(jpeg: Buffer) {
  const file = tg.addFile(jpeg, { mimeType: 'image/jpeg' });
  return [
    {
      file_id: file.file_id,
      file_unique_id: file.file_unique_id,
      width: 120,
      height: 80,
      file_size: jpeg.length,
    },
  ];
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return chunks.length > 0
    ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>)
    : {};
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

/** Drivers of the accounts administrators added in journeys, by webhook path (no secret set there). */
const otherDrivers = new Map<string, TelegramWebhookDriver>();
function driverFor(webhookPath: unknown): TelegramWebhookDriver {
  if (typeof webhookPath !== 'string' || !webhookPath.startsWith('/api/v1/channels/telegram/')) return driver;
  let found = otherDrivers.get(webhookPath);
  if (!found) {
    found = new TelegramWebhookDriver({ url: `http://127.0.0.1:${serverPort}${webhookPath}`, callbacks: tg });
    otherDrivers.set(webhookPath, found);
  }
  return found;
}

/** A fresh organisation and its administrator, written as the admin console writes them. */
async function freshOrganisation(name: string): Promise<{ login: string; password: string }> {
  const db = await openDatabase(loadConfig(process.env), { migrate: false });
  try {
    const organisation = await createOrganisation(db.pool, { name, timeZone: 'Europe/Moscow' });
    const login = `admin-${organisation.id.slice(0, 8)}`.toLowerCase();
    const password = `первый-день-${organisation.id.slice(0, 8)}`;
    await createUser(db.pool, {
      orgId: organisation.id,
      login,
      displayName: 'Администратор Новикова Т. А.',
      role: 'admin',
      departments: [],
      password,
    });
    return { login, password };
  } finally {
    await db.close();
  }
}

async function deliver(
  update: TgUpdate,
  webhookPath?: unknown,
): Promise<{ accepted: boolean; status: number | undefined }> {
  const report = await driverFor(webhookPath).send(update);
  return { accepted: report.accepted, status: report.last?.status };
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (req.method === 'GET' && url.pathname === '/health') return reply(res, 200, { ok: true });
  if (req.method === 'GET' && url.pathname === '/bot')
    return reply(res, 200, { apiRoot: tg.apiRoot, token: tg.token });
  if (req.method === 'GET' && url.pathname === '/sent') {
    const chat = url.searchParams.get('chat');
    const sent = tg.sent
      .filter((m) => chat === null || String(m.chatId) === chat)
      .map((m) => ({
        messageId: m.messageId,
        method: m.method,
        chatId: m.chatId,
        text: m.text ?? null,
        caption: m.caption ?? null,
        document:
          m.document && 'bytes' in m.document
            ? {
                filename: m.document.filename,
                contentType: m.document.contentType,
                size: m.document.bytes.length,
                head: m.document.bytes.subarray(0, 5).toString('latin1'),
                sha256: createHash('sha256').update(m.document.bytes).digest('hex'),
              }
            : (m.document ?? null),
        at: m.at,
      }));
    return reply(res, 200, sent);
  }
  if (req.method === 'GET' && url.pathname === '/buttons') {
    // The inline buttons (label and callback data) under the latest bot message of a chat that has them.
    const chat = url.searchParams.get('chat');
    const markup = tg.sent
      .filter((m) => String(m.chatId) === chat)
      .map(
        (m) =>
          m.replyMarkup as { inline_keyboard?: { text: string; callback_data?: string }[][] } | undefined,
      )
      .filter((m) => Array.isArray(m?.inline_keyboard))
      .at(-1);
    const buttons = (markup?.inline_keyboard ?? [])
      .flat()
      .map((b) => ({ label: b.text, data: b.callback_data ?? '' }));
    return reply(res, 200, buttons);
  }
  if (req.method === 'GET' && url.pathname === '/violations') return reply(res, 200, tg.violations);
  if (req.method !== 'POST') return reply(res, 404, { error: 'not found' });
  const body = await readJson(req);
  if (url.pathname === '/organisations') return reply(res, 200, await freshOrganisation(String(body.name)));
  if (url.pathname === '/messages') {
    const from = tgUser({
      id: Number(body.userId),
      first_name: String(body.firstName ?? 'Гражданин'),
      ...(body.lastName ? { last_name: String(body.lastName) } : {}),
      language_code: 'ru',
    });
    const photo =
      typeof body.photoBase64 === 'string' ? photoSizes(Buffer.from(body.photoBase64, 'base64')) : null;
    const update = tgMessageUpdate({ from, text: String(body.text), ...(photo ? { photo } : {}) });
    const messageId = update.message!.message_id;
    sentUpdates.set(messageId, update);
    return reply(res, 200, { messageId, ...(await deliver(update, body.webhookPath)) });
  }
  if (url.pathname === '/edits') {
    const original = sentUpdates.get(Number(body.messageId));
    if (!original) return reply(res, 404, { error: `no message ${String(body.messageId)} was sent` });
    return reply(res, 200, await deliver(tgEditedMessageUpdate(original, String(body.text))));
  }
  if (url.pathname === '/presses') {
    const from = tgUser({ id: Number(body.userId), first_name: String(body.firstName ?? 'Гражданин') });
    return reply(res, 200, await deliver(tgCallbackQueryUpdate(from, String(body.data))));
  }
  return reply(res, 404, { error: 'not found' });
}

const control = createServer((req, res) => {
  handle(req, res).catch((error: unknown) => reply(res, 500, { error: String(error) }));
});
await new Promise<void>((resolve) => control.listen(controlPort, '127.0.0.1', resolve));
console.log('telegram-world ready');

async function stop(): Promise<void> {
  control.close();
  await tg.close();
  process.exit(0);
}
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
