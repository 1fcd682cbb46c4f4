import { startRecordingReceiver } from '../../fakes/common/receiver';
import { maxContract } from '../../fakes/max/contract';
import {
  maxBotStarted,
  maxFileAttachment,
  maxMessageCallback,
  maxMessageCreated,
  maxMessageEdited,
  maxUser,
} from '../../fakes/max/events';
import { type MaxFake, startMaxFake } from '../../fakes/max/server';
import { MAX_RETRY_DELAYS_MS, MaxWebhookDriver } from '../../fakes/max/webhook';

let max: MaxFake;
const citizen = maxUser({ user_id: 12345678, first_name: 'Иван', last_name: 'Петров' });

beforeAll(async () => {
  max = await startMaxFake({ token: 'max-token' });
});
afterAll(() => max.close());
afterEach(() => max.reset());

async function callMax(
  method: string,
  path: string,
  body?: unknown,
  authorization: string | null = 'max-token',
) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (authorization !== null) headers.authorization = authorization;
  const response = await fetch(`${max.url}${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return {
    status: response.status,
    headers: response.headers,
    json: (await response.json()) as Record<string, unknown>,
  };
}

const message = (text: string) => ({ text, attachments: null, link: null });

describe('MAX fake: sending', () => {
  it('accepts POST /messages?user_id with the token in Authorization and records it', async () => {
    const keyboard = {
      type: 'inline_keyboard',
      payload: { buttons: [[{ type: 'callback', text: 'Статус', payload: 'status' }]] },
    };
    const { status, json } = await callMax('POST', '/messages?user_id=12345678', {
      text: 'Обращение зарегистрировано',
      attachments: [keyboard],
      link: null,
      format: 'markdown',
    });
    expect(status).toBe(200);
    expect(json).toMatchObject({
      message: { body: { text: 'Обращение зарегистрировано' }, recipient: { user_id: 12345678 } },
    });
    expect(max.sent[0]).toMatchObject({
      userId: 12345678,
      text: 'Обращение зарегистрировано',
      format: 'markdown',
      attachments: [keyboard],
    });
    expect(max.violations).toEqual([]);
  });

  it('rejects a body that breaks NewMessageBody with 400 and records the violation', async () => {
    const { status, json } = await callMax('POST', '/messages?chat_id=1', {
      text: 'я'.repeat(4001),
      attachments: null,
      link: null,
    });
    expect(status).toBe(400);
    expect(json).toEqual({
      code: 'proto.payload',
      message: 'body /text must NOT have more than 4000 characters',
    });
    expect(max.violationsOf('schema')).toHaveLength(1);
    expect(max.sent).toEqual([]);
  });

  it('insists on the published schema: text-only bodies lack the required attachments and link', async () => {
    expect((await callMax('POST', '/messages?chat_id=1', { text: 'x' })).status).toBe(400);
    expect(max.violations[0]?.errors).toEqual([
      "body / must have required property 'attachments'",
      "body / must have required property 'link'",
    ]);
  });

  it('requires exactly one of user_id and chat_id', async () => {
    expect((await callMax('POST', '/messages?user_id=1&chat_id=2', message('x'))).status).toBe(400);
    expect((await callMax('POST', '/messages', message('x'))).status).toBe(400);
    expect(max.violationsOf('protocol')).toHaveLength(2);
  });

  it('answers 401 verify.token to a missing, "Bearer" or query-string token', async () => {
    const expected = { status: 401, json: { code: 'verify.token', message: 'Invalid access_token' } };
    expect(await callMax('GET', '/me', undefined, null)).toMatchObject(expected);
    expect(await callMax('GET', '/me', undefined, 'Bearer max-token')).toMatchObject(expected);
    expect(await callMax('GET', '/me?access_token=max-token', undefined, null)).toMatchObject(expected);
    expect(max.violationsOf('protocol')).toHaveLength(2);
  });

  it('answers attachment.not.ready until an uploaded file is processed', async () => {
    await max.close();
    max = await startMaxFake({ token: 'max-token', attachmentReadyAfterMs: 60_000 });
    const { json: slot } = await callMax('POST', '/uploads?type=file');
    const form = new FormData();
    form.set('data', new Blob([Buffer.from('%PDF')], { type: 'application/pdf' }), 'answer.pdf');
    const { token } = (await (await fetch(String(slot.url), { method: 'POST', body: form })).json()) as {
      token: string;
    };
    const send = await callMax('POST', '/messages?chat_id=5', {
      text: null,
      attachments: [{ type: 'file', payload: { token } }],
      link: null,
    });
    expect(send).toMatchObject({ status: 400, json: { code: 'attachment.not.ready' } });
  });
});

describe('MAX fake: injected errors', () => {
  it('answers an injected 429 with the error body and Retry-After', async () => {
    max.injectErrors([{ code: 429, retryAfter: 3, method: 'POST /messages' }]);
    const { status, headers, json } = await callMax('POST', '/messages?user_id=1', message('x'));
    expect(status).toBe(429);
    expect(headers.get('retry-after')).toBe('3');
    expect(json).toEqual({ code: 'too.many.requests', message: 'Too many requests' });
  });

  it('answers 403 for an injected error and for a user who blocked the bot', async () => {
    max.injectErrors([{ code: { status: 403, code: 'chat.denied' }, message: 'dialog.suspended' }]);
    expect((await callMax('POST', '/messages?user_id=1', message('x'))).json).toEqual({
      code: 'chat.denied',
      message: 'dialog.suspended',
    });
    max.blocked.add(2);
    expect((await callMax('POST', '/messages?user_id=2', message('x'))).status).toBe(403);
  });
});

describe('MAX fake: long polling and subscriptions', () => {
  it('returns queued updates by marker and acknowledges what precedes it', async () => {
    const first = max.queueUpdate(maxMessageCreated({ sender: citizen, text: 'Первое', chatId: 987654321 }));
    max.queueUpdate(maxBotStarted(citizen, 987654321, 'appeal'));
    const latest = await callMax('GET', '/updates?timeout=0');
    expect((latest.json.updates as unknown[]).length).toBe(1); // no marker → only the latest update
    const all = await callMax('GET', '/updates?marker=0&timeout=0');
    expect(all.json.updates).toHaveLength(2);
    expect((all.json.updates as unknown[])[0]).toEqual(first);
    const typed = await callMax('GET', '/updates?marker=0&types=bot_started&timeout=0');
    expect((typed.json.updates as Array<{ update_type: string }>).map((u) => u.update_type)).toEqual([
      'bot_started',
    ]);
    const pending = callMax('GET', `/updates?marker=${all.json.marker}&timeout=5`);
    setTimeout(
      () => max.queueUpdate(maxMessageCreated({ sender: citizen, text: 'Третье', chatId: 987654321 })),
      50,
    );
    expect((await pending).json.updates).toHaveLength(1);
  });

  it('subscribes with a schema-checked secret and then refuses long polling', async () => {
    expect(
      (await callMax('POST', '/subscriptions', { url: 'https://okno.example/max', secret: 'bad secret' }))
        .status,
    ).toBe(400);
    expect(
      (
        await callMax('POST', '/subscriptions', {
          url: 'https://okno.example/max',
          update_types: ['message_created'],
          secret: 'max_secret-1',
        })
      ).json,
    ).toEqual({ success: true });
    expect(max.subscriptions[0]).toMatchObject({ url: 'https://okno.example/max', secret: 'max_secret-1' });
    expect((await callMax('GET', '/subscriptions')).json.subscriptions).toEqual([
      {
        url: 'https://okno.example/max',
        time: max.subscriptions[0]?.time,
        update_types: ['message_created'],
      },
    ]);
    expect((await callMax('GET', '/updates?timeout=0')).status).toBe(405);
    await callMax('DELETE', '/subscriptions?url=https://okno.example/max');
    expect(max.subscriptions).toEqual([]);
  });
});

describe('MAX webhook driver', () => {
  it('sends X-Max-Bot-Api-Secret, wrong or none, duplicates and retries until 200', async () => {
    const receiver = await startRecordingReceiver({ status: 200 }, [{ status: 204 }, { status: 500 }]);
    const driver = new MaxWebhookDriver({ url: receiver.url, secret: 'max_secret' });
    const update = maxMessageCreated({ sender: citizen, text: 'Текст', chatId: 1 });
    const report = await driver.send(update, { retry: { attempts: 4 } });
    expect(report.replies.map((r) => r.status)).toEqual([204, 500, 200]); // 204 is not 200: MAX retries
    await driver.send(update, { copies: 2, secret: 'wrong' });
    await driver.send(update, { secret: null });
    expect(receiver.received.map((r) => r.headers['x-max-bot-api-secret'])).toEqual([
      'max_secret',
      'max_secret',
      'max_secret',
      'wrong',
      'wrong',
      undefined,
    ]);
    expect(new Set(receiver.received.map((r) => JSON.parse(r.body).message.body.mid)).size).toBe(1);
    await receiver.close();
  });

  it('documents the retry schedule of 10 attempts growing ×2.5 from 60 s', () => {
    expect(MAX_RETRY_DELAYS_MS.slice(0, 3)).toEqual([60_000, 150_000, 375_000]);
    expect(MAX_RETRY_DELAYS_MS).toHaveLength(10);
  });

  it('generates forwards with attachments that validate against the OpenAPI Update', () => {
    const administrator = maxUser({ user_id: 999, first_name: 'Мария' });
    const forward = maxMessageCreated({
      sender: administrator,
      text: null,
      chatId: 5,
      forwardOf: {
        sender: citizen,
        text: 'Прошу убрать снег',
        attachments: [maxFileAttachment({ filename: 'фото.pdf', size: 1000 })],
      },
    });
    expect(maxContract().validateUpdate(forward)).toEqual([]);
    expect(maxContract().validateUpdate(maxBotStarted(citizen, 5))).toEqual([]);
  });

  it('refuses to send an update that breaks the schema', async () => {
    const broken = { ...maxMessageCreated({ sender: citizen, text: 'x', chatId: 1 }), timestamp: 'now' };
    await expect(new MaxWebhookDriver({ url: 'http://127.0.0.1:9' }).send(broken as never)).rejects.toThrow(
      /timestamp must be integer/,
    );
  });
});

describe('MAX fake: button presses must be answered (issue 12)', () => {
  it('records a violation for a message_callback left without POST /answers', async () => {
    const press = max.queueUpdate(maxMessageCallback(citizen, 4444, 'status'));
    const id = (press.callback as { callback_id: string }).callback_id;
    expect(await max.settleCallbacks(20)).toEqual([id]);
    expect(max.violationsOf('protocol')).toMatchObject([{ operation: 'callback answer' }]);
  });

  it('POST /answers settles it', async () => {
    const press = max.queueUpdate(maxMessageCallback(citizen, 4444, 'status'));
    const id = (press.callback as { callback_id: string }).callback_id;
    expect((await callMax('POST', `/answers?callback_id=${id}`, { notification: null })).status).toBe(200);
    expect(await max.settleCallbacks(20)).toEqual([]);
    expect(max.violations).toEqual([]);
  });

  it('never delivers a message over 4000 characters, nor an edit to one', () => {
    const long = maxMessageCreated({ sender: citizen, chatId: 4444, text: 'я'.repeat(4001) });
    expect(maxContract().validateUpdate(long)).toContainEqual(expect.stringMatching(/longer than 4000/));
    const fits = maxMessageCreated({ sender: citizen, chatId: 4444, text: 'я'.repeat(4000) });
    expect(maxContract().validateUpdate(fits)).toEqual([]);
    expect(maxContract().validateUpdate(maxMessageEdited(fits, 'я'.repeat(4001)))).not.toEqual([]);
  });
});
