import { startRecordingReceiver } from '../../fakes/common/receiver';
import { okEventProblems, okFileAttachment, okMessage } from '../../fakes/ok/events';
import { type OkFake, startOkFake } from '../../fakes/ok/server';
import { OkWebhookDriver } from '../../fakes/ok/webhook';

let ok: OkFake;

beforeAll(async () => {
  ok = await startOkFake({ token: 'ok-token' });
});
afterAll(() => ok.close());
afterEach(() => ok.reset());

async function callOk(
  method: string,
  path: string,
  body?: unknown,
  token: string | null = 'ok-token',
  contentType = 'application/json;charset=utf-8',
) {
  const url = `${ok.url}${path}${token === null ? '' : `${path.includes('?') ? '&' : '?'}access_token=${token}`}`;
  const response = await fetch(url, {
    method,
    headers: { 'content-type': contentType },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  return {
    status: response.status,
    headers: response.headers,
    json: (await response.json()) as Record<string, unknown>,
  };
}

describe('OK fake', () => {
  it('accepts a send to chat:ID with the token in the query and records it', async () => {
    const body = {
      recipient: { chat_id: 'chat:C3ecb9d02a600' },
      message: { text: 'Обращение зарегистрировано' },
    };
    const { status, json } = await callOk('POST', '/graph/chat:C3ecb9d02a600/messages', body);
    expect(status).toBe(200);
    expect(json).toEqual({ chat_id: 'chat:C3ecb9d02a600', message_id: 'mid:C3ecb9d02a600.000000000001' });
    expect(ok.sent[0]).toMatchObject({ chatId: 'chat:C3ecb9d02a600', text: 'Обращение зарегистрировано' });
  });

  it('rejects a request breaking the documented contract with PARAM and records it', async () => {
    const { status, headers, json } = await callOk('POST', '/graph/chat:C1/messages', {
      recipient: { chat_id: 'chat:C1' },
      message: {},
    });
    expect(status).toBe(200);
    expect(headers.get('invocation-error')).toBe('100');
    expect(json).toEqual({
      error_code: 100,
      error_msg: 'PARAM : message needs text or an attachment',
      error_data: null,
    });
    expect(
      (
        await callOk(
          'POST',
          '/graph/chat:C1/messages',
          'text=x',
          'ok-token',
          'application/x-www-form-urlencoded',
        )
      ).json.error_code,
    ).toBe(100);
    expect((await callOk('GET', '/graph/me/subscriptions', undefined, null)).json.error_code).toBe(100);
    expect(ok.violationsOf('protocol')).toHaveLength(3);
    expect(ok.sent).toEqual([]);
  });

  it('returns injected errors and refuses users who did not allow group messages', async () => {
    ok.injectErrors([{ code: 8, method: 'POST /graph/chat:ID/messages' }]);
    const flood = await callOk('POST', '/graph/chat:C1/messages', { message: { text: 'x' } });
    expect(flood.json).toMatchObject({ error_code: 8, error_msg: 'FLOOD_BLOCKED : Injected by the test' });
    ok.notAllowed.add('chat:C2');
    expect(
      (await callOk('POST', '/graph/chat:C2/messages', { message: { text: 'x' } })).json.error_code,
    ).toBe(10);
  });

  it('subscribes a webhook and long-polls queued events with seq as a 64-bit literal', async () => {
    expect(
      (await callOk('POST', '/graph/me/subscribe', { url: 'https://okno.example/ok/hook-token' })).json,
    ).toEqual({ success: true });
    expect(ok.subscriptions.map((s) => s.url)).toEqual(['https://okno.example/ok/hook-token']);
    await callOk('POST', '/graph/me/subscribe', { types: ['MESSAGE_CREATED'], longPolling: true });
    ok.queueUpdate(okMessage({ userId: '123456789012', chatId: 'C3ecb9d02a600', text: 'Яма на дороге' }));
    const response = await fetch(`${ok.url}/graph/me/updates?access_token=ok-token&marker=0`);
    const text = await response.text();
    expect(text).toMatch(/"seq":\d{17}/);
  });
});

describe('OK webhook driver', () => {
  it('posts documented payloads, duplicates and retries until 200', async () => {
    const receiver = await startRecordingReceiver({ status: 200 }, [{ status: 503 }]);
    const event = okMessage({
      userId: '123456789012',
      chatId: 'C3ecb9d02a600',
      text: 'Текст',
      attachments: [okFileAttachment('https://ok.ru/f/1')],
    });
    expect(okEventProblems(event)).toEqual([]);
    const driver = new OkWebhookDriver({ url: `${receiver.url}/ok/hook-token` });
    expect((await driver.send(event, { retry: { attempts: 3 } })).replies.map((r) => r.status)).toEqual([
      503, 200,
    ]);
    await driver.send(event, { copies: 2 });
    expect(receiver.received.map((r) => r.path)).toEqual(Array(4).fill('/ok/hook-token'));
    expect(new Set(receiver.received.map((r) => r.body)).size).toBe(1);
    expect(receiver.received[0]?.body).toContain(`"seq":${event.message.seq}`);
    await receiver.close();
  });

  it('refuses an event with unprefixed ids', async () => {
    const broken = { ...okMessage({ userId: '1', chatId: 'C1', text: 'x' }), sender: { user_id: '1' } };
    await expect(new OkWebhookDriver({ url: 'http://127.0.0.1:9' }).send(broken)).rejects.toThrow(
      /user:<digits>/,
    );
  });
});
