import { startRecordingReceiver } from '../../fakes/common/receiver';
import { telegramContract } from '../../fakes/telegram/contract';
import {
  tgCallbackQueryUpdate,
  tgEditedMessageUpdate,
  tgForwardFromHiddenUser,
  tgForwardFromUser,
  tgMessageUpdate,
  tgUser,
} from '../../fakes/telegram/events';
import { startTelegramFake, type TelegramFake } from '../../fakes/telegram/server';
import { TelegramWebhookDriver } from '../../fakes/telegram/webhook';

let tg: TelegramFake;
const citizen = tgUser({ id: 111111111, first_name: 'Иван', last_name: 'Петров', username: 'ivan_p' });

beforeAll(async () => {
  tg = await startTelegramFake({ token: '7000000001:AAtest' });
});
afterAll(() => tg.close());
afterEach(() => tg.reset());

async function callTg(method: string, body: Record<string, unknown> | FormData, token = '7000000001:AAtest') {
  const init: RequestInit =
    body instanceof FormData
      ? { method: 'POST', body }
      : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
  const response = await fetch(`${tg.apiRoot}/bot${token}/${method}`, init);
  return {
    status: response.status,
    headers: response.headers,
    json: (await response.json()) as Record<string, unknown>,
  };
}

describe('Telegram fake: sending', () => {
  it('accepts sendMessage as JSON, answers a Message and records text and keyboard', async () => {
    const keyboard = { inline_keyboard: [[{ text: 'Статус обращения', callback_data: 'status' }]] };
    const { status, json } = await callTg('sendMessage', {
      chat_id: citizen.id,
      text: 'Обращение № 12-345 зарегистрировано',
      reply_markup: keyboard,
    });
    expect(status).toBe(200);
    expect(json).toMatchObject({
      ok: true,
      result: {
        message_id: 1,
        chat: { id: citizen.id },
        text: 'Обращение № 12-345 зарегистрировано',
        reply_markup: keyboard,
      },
    });
    expect(tg.sent[0]).toMatchObject({ method: 'sendMessage', chatId: citizen.id, replyMarkup: keyboard });
    expect(tg.violations).toEqual([]);
  });

  it('accepts form-encoded parameters with a JSON-encoded keyboard', async () => {
    const form = new FormData();
    form.set('chat_id', String(citizen.id));
    form.set('text', 'Привет');
    form.set(
      'reply_markup',
      JSON.stringify({ keyboard: [[{ text: 'Подать обращение' }]], resize_keyboard: true }),
    );
    expect((await callTg('sendMessage', form)).json.ok).toBe(true);
    expect(tg.sent[0]?.replyMarkup).toEqual({
      keyboard: [[{ text: 'Подать обращение' }]],
      resize_keyboard: true,
    });
  });

  it('accepts sendDocument as multipart and keeps the PDF bytes', async () => {
    const form = new FormData();
    form.set('chat_id', String(citizen.id));
    form.set('caption', 'Ответ на обращение');
    form.set('document', new Blob([Buffer.from('%PDF-1.7')], { type: 'application/pdf' }), 'answer.pdf');
    const { json } = await callTg('sendDocument', form);
    expect(json).toMatchObject({
      ok: true,
      result: { document: { file_name: 'answer.pdf', mime_type: 'application/pdf', file_size: 8 } },
    });
    expect(tg.sent[0]).toMatchObject({
      method: 'sendDocument',
      caption: 'Ответ на обращение',
      document: { filename: 'answer.pdf' },
    });
  });

  it('rejects a schema-violating request with 400 Bad Request and records the violation', async () => {
    const { status, json } = await callTg('sendMessage', {
      chat_id: citizen.id,
      reply_markup: { inline_keyboard: [[{ label: 'x' }]] },
    });
    expect(status).toBe(400);
    expect(json).toEqual({ ok: false, error_code: 400, description: 'Bad Request: text is empty' });
    expect(tg.violationsOf('schema')[0]?.errors).toEqual([
      'Bad Request: text is empty',
      "Bad Request: can't parse reply_markup: matches none of its allowed types",
    ]);
    expect(tg.sent).toEqual([]);
  });

  it('answers 401 for a wrong token and 404 for an unknown method', async () => {
    expect((await callTg('getMe', {}, '1:wrong')).json).toEqual({
      ok: false,
      error_code: 401,
      description: 'Unauthorized',
    });
    expect((await callTg('sendMesage', { chat_id: 1, text: 'x' })).status).toBe(404);
  });

  it('records unknown parameters without rejecting', async () => {
    expect((await callTg('sendMessage', { chat_id: 1, text: 'x', parse_mod: 'HTML' })).json.ok).toBe(true);
    expect(tg.violationsOf('unknown-parameter')[0]?.errors).toEqual(['unknown parameter parse_mod']);
  });
});

describe('Telegram fake: injected errors', () => {
  it('answers an injected 429 with retry_after in body and header', async () => {
    tg.injectErrors([{ code: 429, retryAfter: 17, method: 'sendMessage' }]);
    const { status, headers, json } = await callTg('sendMessage', { chat_id: 1, text: 'x' });
    expect(status).toBe(429);
    expect(headers.get('retry-after')).toBe('17');
    expect(json).toEqual({
      ok: false,
      error_code: 429,
      description: 'Too Many Requests: retry after 17',
      parameters: { retry_after: 17 },
    });
    expect(tg.sent).toEqual([]);
  });

  it('answers 403 for an injected error and for a chat that blocked the bot', async () => {
    tg.injectErrors([{ code: 403 }]);
    expect((await callTg('sendMessage', { chat_id: 1, text: 'x' })).json).toEqual({
      ok: false,
      error_code: 403,
      description: 'Forbidden: bot was blocked by the user',
    });
    tg.blockedChats.set(2, 'Forbidden: user is deactivated');
    expect((await callTg('sendMessage', { chat_id: 2, text: 'x' })).json.description).toBe(
      'Forbidden: user is deactivated',
    );
  });
});

describe('Telegram fake: getUpdates and webhooks', () => {
  it('long-polls queued updates and confirms them by offset', async () => {
    const first = tg.queueUpdate(tgMessageUpdate({ from: citizen, text: 'Прошу отремонтировать освещение' }));
    const { json } = await callTg('getUpdates', { timeout: 1 });
    expect(json.result).toEqual([first]);
    const pending = callTg('getUpdates', { offset: first.update_id + 1, timeout: 5 });
    setTimeout(() => tg.queueUpdate(tgMessageUpdate({ from: citizen, text: 'Второе' })), 50);
    const second = (await pending).json.result as Array<{ update_id: number }>;
    expect(second).toHaveLength(1);
    expect(second[0]?.update_id).toBe(first.update_id + 1);
  });

  it('refuses getUpdates with 409 while a webhook is set', async () => {
    await callTg('setWebhook', { url: 'https://okno.example/tg', secret_token: 'abc_DEF-1' });
    expect(tg.webhook).toEqual({
      url: 'https://okno.example/tg',
      secretToken: 'abc_DEF-1',
      maxConnections: 40,
    });
    expect((await callTg('getUpdates', {})).status).toBe(409);
    expect(
      (await callTg('setWebhook', { url: 'https://x', secret_token: 'bad token!' })).json.description,
    ).toBe('Bad Request: secret token contains unallowed characters');
    await callTg('deleteWebhook', {});
    expect((await callTg('getUpdates', {})).json).toEqual({ ok: true, result: [] });
  });

  it('serves registered files through getFile and /file/bot<token>/<path>', async () => {
    const document = tg.addFile(Buffer.from('скан'), { fileName: 'скан.pdf', mimeType: 'application/pdf' });
    const { json } = await callTg('getFile', { file_id: document.file_id });
    const path = (json.result as { file_path: string }).file_path;
    const file = await fetch(`${tg.apiRoot}/file/bot7000000001:AAtest/${path}`);
    expect(Buffer.from(await file.arrayBuffer()).toString()).toBe('скан');
  });
});

describe('Telegram webhook driver', () => {
  it('sends the secret header, a wrong one or none, and repeats the same update_id', async () => {
    const receiver = await startRecordingReceiver({ status: 200 });
    const driver = new TelegramWebhookDriver({ url: receiver.url, secretToken: 'tg_secret' });
    const update = tgMessageUpdate({ from: citizen, text: 'Текст' });
    expect((await driver.send(update, { copies: 3 })).replies.map((r) => r.status)).toEqual([200, 200, 200]);
    await driver.send(update, { secretToken: 'wrong' });
    await driver.send(update, { secretToken: null });
    const secrets = receiver.received.map((r) => r.headers['x-telegram-bot-api-secret-token']);
    expect(secrets).toEqual(['tg_secret', 'tg_secret', 'tg_secret', 'wrong', undefined]);
    expect(new Set(receiver.received.map((r) => JSON.parse(r.body).update_id)).size).toBe(1);
    await receiver.close();
  });

  it('retries on non-2xx until accepted', async () => {
    const receiver = await startRecordingReceiver({ status: 200 }, [{ status: 503 }, { status: 401 }]);
    const report = await new TelegramWebhookDriver({ url: receiver.url }).send(
      tgMessageUpdate({ from: citizen, text: 'x' }),
      { retry: { attempts: 5 } },
    );
    expect(report.replies.map((r) => r.status)).toEqual([503, 401, 200]);
    expect(report.accepted).toBe(true);
    await receiver.close();
  });

  it('generates forwarded messages and documents that validate against api.json Update', () => {
    const administrator = tgUser({ id: 222, first_name: 'Мария' });
    const forwarded = tgMessageUpdate({
      from: administrator,
      text: 'Жалоба на ЖКХ',
      forwardOrigin: tgForwardFromUser(citizen),
    });
    const hidden = tgMessageUpdate({
      from: administrator,
      text: 'Жалоба',
      forwardOrigin: tgForwardFromHiddenUser('Иван П.'),
    });
    const withDocument = tgMessageUpdate({
      from: citizen,
      text: 'Акт во вложении',
      document: {
        file_id: 'BQAC',
        file_unique_id: 'AgAD',
        file_name: 'акт.pdf',
        mime_type: 'application/pdf',
        file_size: 12345,
      },
    });
    for (const update of [forwarded, hidden, withDocument])
      expect(telegramContract().validateUpdate(update)).toEqual([]);
    expect(withDocument.message?.caption).toBe('Акт во вложении');
  });

  it('refuses to send an Update that breaks the schema unless unchecked', async () => {
    const broken = tgMessageUpdate({
      from: citizen,
      text: 'x',
      forwardOrigin: { type: 'user', date: 1 } as never,
    });
    await expect(new TelegramWebhookDriver({ url: 'http://127.0.0.1:9' }).send(broken)).rejects.toThrow(
      /sender_user/,
    );
    expect(() =>
      tg.queueUpdate({
        message: { message_id: 1, date: 1, chat: { id: 1, type: 'private' } },
        edited_message: {} as never,
      }),
    ).toThrow(/exactly one payload/);
  });
});

describe('Telegram fake: button presses must be answered (issue 12)', () => {
  it('records a violation for a callback_query the bot leaves unanswered: the client keeps a spinner', async () => {
    const press = tg.queueUpdate(tgCallbackQueryUpdate(citizen, 'status'));
    expect(tg.unansweredCallbacks).toEqual([(press.callback_query as { id: string }).id]);
    expect(await tg.settleCallbacks(20)).toEqual([(press.callback_query as { id: string }).id]);
    expect(tg.violationsOf('protocol')).toMatchObject([{ operation: 'callback answer' }]);
  });

  it('answerCallbackQuery settles the press; an id it never delivered is refused as Telegram does', async () => {
    const press = tg.queueUpdate(tgCallbackQueryUpdate(citizen, 'status'));
    const id = (press.callback_query as { id: string }).id;
    expect((await callTg('answerCallbackQuery', { callback_query_id: id })).json.ok).toBe(true);
    expect(await tg.settleCallbacks(20)).toEqual([]);
    expect(tg.violations).toEqual([]);
    const again = await callTg('answerCallbackQuery', { callback_query_id: id });
    expect(again.status).toBe(400);
  });

  it('never delivers a message over 4096 characters (its apps split it), nor an edit to one', () => {
    expect(() => tg.queueUpdate(tgMessageUpdate({ from: citizen, text: 'я'.repeat(4097) }))).toThrow(
      /longer than 4096/,
    );
    const fits = tgMessageUpdate({ from: citizen, text: 'я'.repeat(4096) });
    expect(telegramContract().validateUpdate(fits)).toEqual([]);
    expect(telegramContract().validateUpdate(tgEditedMessageUpdate(fits, 'я'.repeat(4097)))).not.toEqual([]);
  });
});
