import { startRecordingReceiver } from '../../fakes/common/receiver';
import { vkContract } from '../../fakes/vk/contract';
import {
  vkDocAttachment,
  vkForwarded,
  vkMessage,
  vkMessageEdit,
  vkMessageEvent,
  vkMessageNew,
  vkPhotoAttachment,
} from '../../fakes/vk/events';
import { startVkFake, type VkFake } from '../../fakes/vk/server';
import { VkCallbackDriver } from '../../fakes/vk/webhook';

let vk: VkFake;

beforeAll(async () => {
  vk = await startVkFake({
    token: 'group-token',
    groupId: 777,
    users: {
      1001: {
        first_name: 'Иван',
        last_name: 'Петров',
        cases: { gen: { first_name: 'Ивана', last_name: 'Петрова' } },
      },
    },
  });
});
afterAll(() => vk.close());
afterEach(() => vk.reset());

async function callVk(method: string, params: Record<string, string | number>, token = 'group-token') {
  const body = new URLSearchParams({ access_token: token, v: '5.199' });
  for (const [key, value] of Object.entries(params)) body.set(key, String(value));
  const response = await fetch(`${vk.apiBaseUrl}/${method}`, { method: 'POST', body });
  expect(response.status).toBe(200); // VK answers errors with HTTP 200 too
  return (await response.json()) as {
    response?: unknown;
    error?: { error_code: number; error_msg: string; request_params: unknown[] };
  };
}

describe('VK fake: messages.send', () => {
  it('accepts a valid send, answers the message id and records peer, text, random_id and keyboard', async () => {
    const keyboard = {
      one_time: false,
      inline: false,
      buttons: [[{ action: { type: 'text', label: 'Статус обращения' }, color: 'primary' }]],
    };
    const answer = await callVk('messages.send', {
      peer_id: 1001,
      random_id: 42,
      message: 'Ваше обращение зарегистрировано',
      keyboard: JSON.stringify(keyboard),
    });
    expect(answer).toEqual({ response: 1 });
    expect(vk.sent).toHaveLength(1);
    expect(vk.sent[0]).toMatchObject({
      peerId: 1001,
      message: 'Ваше обращение зарегистрировано',
      randomId: 42,
      keyboard,
      messageId: 1,
    });
    expect(vk.violations).toEqual([]);
  });

  it('returns the same message id for a repeated random_id and does not record it twice', async () => {
    const first = await callVk('messages.send', { peer_id: 1001, random_id: 9001, message: 'Ответ' });
    const second = await callVk('messages.send', { peer_id: 1001, random_id: 9001, message: 'Ответ' });
    expect(second.response).toBe(first.response);
    expect(vk.sent).toHaveLength(1);
  });

  it('rejects a schema-violating request with error 100 and records the violation', async () => {
    const answer = await callVk('messages.send', { peer_id: 'not-a-number', random_id: 1, message: 'x' });
    expect(answer.error?.error_code).toBe(100);
    expect(answer.error?.error_msg).toBe(
      'One of the parameters specified was missing or invalid: peer_id not integer',
    );
    expect(answer.error?.request_params).toContainEqual({ key: 'method', value: 'messages.send' });
    expect(vk.violationsOf('schema')).toHaveLength(1);
    expect(vk.sent).toEqual([]);
  });

  it('rejects a keyboard that breaks messages_keyboard (missing one_time) and an unknown intent', async () => {
    const answer = await callVk('messages.send', {
      peer_id: 1001,
      random_id: 2,
      message: 'x',
      intent: 'spam',
      keyboard: JSON.stringify({ buttons: [] }),
    });
    expect(answer.error?.error_code).toBe(100);
    const errors = vk.violations[0]?.errors ?? [];
    expect(errors).toContain("keyboard must have required property 'one_time'");
    expect(errors).toContain('intent must be equal to one of the allowed values');
  });

  it('records unknown parameters without rejecting, as VK ignores them', async () => {
    const answer = await callVk('messages.send', {
      peer_id: 1001,
      random_id: 3,
      message: 'x',
      mesage: 'typo',
    });
    expect(answer.response).toBe(1);
    expect(vk.violationsOf('unknown-parameter')[0]?.errors).toEqual(['unknown parameter mesage']);
  });

  it('requires random_id and v, and a valid token', async () => {
    expect((await callVk('messages.send', { peer_id: 1001, message: 'x' })).error?.error_code).toBe(100);
    expect(
      (await callVk('messages.send', { peer_id: 1001, random_id: 1, message: 'x' }, 'wrong')).error
        ?.error_code,
    ).toBe(5);
    const noVersion = await fetch(`${vk.apiBaseUrl}/users.get?access_token=group-token&user_ids=1001`);
    expect(((await noVersion.json()) as { error: { error_code: number } }).error.error_code).toBe(8);
    expect(vk.violationsOf('protocol')).toHaveLength(2);
  });

  it('answers 914 for text over the practical 4096-character limit', async () => {
    const answer = await callVk('messages.send', { peer_id: 1001, random_id: 5, message: 'я'.repeat(4097) });
    expect(answer.error).toMatchObject({ error_code: 914, error_msg: 'Message is too long' });
  });
});

describe('VK fake: injected errors and reachability', () => {
  it('fails the next call with 901 in the exact VK error format', async () => {
    vk.injectErrors([{ code: 901, method: 'messages.send' }]);
    const answer = await callVk('messages.send', { peer_id: 1001, random_id: 7, message: 'x' });
    expect(answer).toEqual({
      error: {
        error_code: 901,
        error_msg: "Can't send messages for users without permission",
        request_params: [
          { key: 'method', value: 'messages.send' },
          { key: 'oauth', value: '1' },
          { key: 'v', value: '5.199' },
          { key: 'peer_id', value: '1001' },
          { key: 'random_id', value: '7' },
          { key: 'message', value: 'x' },
        ],
      },
    });
    expect(vk.sent).toEqual([]);
    expect((await callVk('messages.send', { peer_id: 1001, random_id: 7, message: 'x' })).response).toBe(1);
  });

  it('injects 6, 9 and 902 in order, only for the filtered method', async () => {
    vk.injectErrors([
      { code: 6, method: 'messages.send' },
      { code: 9, method: 'messages.send' },
      { code: 902, method: 'messages.send' },
    ]);
    expect((await callVk('users.get', { user_ids: 1001 })).response).toBeDefined();
    const codes = [];
    for (let i = 0; i < 3; i++)
      codes.push(
        (await callVk('messages.send', { peer_id: 1, random_id: 10 + i, message: 'x' })).error?.error_code,
      );
    expect(codes).toEqual([6, 9, 902]);
    expect(vk.callsTo('messages.send').map((c) => c.outcome)).toEqual(['error', 'error', 'error']);
  });

  it('keeps an unreachable peer failing and reports it through isMessagesFromGroupAllowed', async () => {
    vk.unreachable.set(2002, 901);
    expect(
      (await callVk('messages.send', { peer_id: 2002, random_id: 1, message: 'x' })).error?.error_code,
    ).toBe(901);
    expect(await callVk('messages.isMessagesFromGroupAllowed', { group_id: 777, user_id: 2002 })).toEqual({
      response: { is_allowed: 0 },
    });
  });

  it('counts calls with timestamps for rate-limit assertions', async () => {
    await Promise.all(
      [1, 2, 3].map((i) => callVk('messages.send', { peer_id: 1001, random_id: 100 + i, message: 'x' })),
    );
    expect(vk.peakCallsPerWindow(1000, 'messages.send')).toBe(3);
  });
});

describe('VK fake: users.get and document upload', () => {
  it('answers profile names from the directory, declined by name_case', async () => {
    expect(await callVk('users.get', { user_ids: '1001,5', name_case: 'gen' })).toEqual({
      response: [
        { id: 1001, first_name: 'Ивана', last_name: 'Петрова', can_access_closed: true, is_closed: false },
        { id: 5, first_name: 'DELETED', last_name: '', deactivated: 'deleted' },
      ],
    });
  });

  it('uploads a PDF, saves it as a doc and resolves it in a send', async () => {
    const server = (await callVk('docs.getMessagesUploadServer', { type: 'doc', peer_id: 1001 }))
      .response as { upload_url: string };
    const form = new FormData();
    form.set('file', new Blob([Buffer.from('%PDF-1.7 ответ')], { type: 'application/pdf' }), 'answer.pdf');
    const { file } = (await (await fetch(server.upload_url, { method: 'POST', body: form })).json()) as {
      file: string;
    };
    const saved = (await callVk('docs.save', { file, title: 'Ответ на обращение.pdf' })).response as {
      doc: { id: number; owner_id: number };
    };
    await callVk('messages.send', {
      peer_id: 1001,
      random_id: 77,
      attachment: `doc${saved.doc.owner_id}_${saved.doc.id}`,
    });
    const attachment = vk.sent[0]?.attachments[0];
    expect(attachment).toMatchObject({
      type: 'doc',
      ownerId: -777,
      doc: { title: 'Ответ на обращение.pdf', ext: 'pdf' },
    });
    expect(attachment?.doc?.bytes.toString()).toBe('%PDF-1.7 ответ');
  });
});

describe('VK fake: Bots Long Poll', () => {
  async function server() {
    return (await callVk('groups.getLongPollServer', { group_id: 777 })).response as {
      key: string;
      server: string;
      ts: string;
    };
  }
  const poll = async (s: { key: string; server: string }, ts: string, wait = 1) =>
    (await (await fetch(`${s.server}?act=a_check&key=${s.key}&ts=${ts}&wait=${wait}`)).json()) as {
      ts?: string;
      updates?: Array<{ type: string; event_id: string }>;
      failed?: number;
    };

  it('returns queued events after ts and the next ts, without the secret', async () => {
    const lp = await server();
    const queued = vk.queueUpdate(
      vkMessageNew(vkMessage({ from_id: 1001, text: 'Не вывозят мусор' }), { groupId: 777, secret: 'x' }),
    );
    const first = await poll(lp, lp.ts);
    expect(first.updates).toHaveLength(1);
    expect(first.updates?.[0]).toMatchObject({ type: 'message_new', event_id: queued.event_id });
    expect(first.updates?.[0]).not.toHaveProperty('secret');
    expect(Number(first.ts)).toBe(Number(lp.ts) + 1);
    expect(await poll(lp, first.ts ?? '', 0)).toEqual({ ts: first.ts, updates: [] });
  });

  it('holds the request until an event arrives', async () => {
    const lp = await server();
    const pending = poll(lp, lp.ts, 5);
    setTimeout(
      () => vk.queueUpdate(vkMessageNew(vkMessage({ from_id: 1001, text: 'Привет' }), { groupId: 777 })),
      50,
    );
    expect((await pending).updates).toHaveLength(1);
  });

  it('answers failed 1, 2 and 3 as documented', async () => {
    const lp = await server();
    vk.queueUpdate(vkMessageNew(vkMessage({ from_id: 1001, text: 'a' }), { groupId: 777 }));
    vk.truncateLongPollHistory();
    expect(await poll(lp, lp.ts, 0)).toEqual({ failed: 1, ts: String(Number(lp.ts) + 1) });
    vk.expireLongPollKey();
    expect(await poll(lp, lp.ts, 0)).toEqual({ failed: 2 });
    const renewed = await server();
    vk.loseLongPollInformation();
    expect(await poll(renewed, renewed.ts, 0)).toEqual({ failed: 3 });
  });

  it('refuses to queue an event that breaks the callback schema', () => {
    expect(() => vk.queueUpdate({ type: 'message_new', object: { message: { text: 'no ids' } } })).toThrow(
      /published schema/,
    );
    expect(vk.violationsOf('schema')[0]?.direction).toBe('event');
  });
});

describe('VK Callback driver', () => {
  it('performs the confirmation handshake in both shapes', async () => {
    const receiver = await startRecordingReceiver({ status: 200, body: 'a1b2c3' });
    const driver = new VkCallbackDriver({
      url: receiver.url,
      groupId: 777,
      secret: 's3cr3t',
      confirmationCode: 'a1b2c3',
    });
    expect((await driver.confirm()).confirmed).toBe(true);
    expect((await driver.confirm('full')).confirmed).toBe(true);
    expect(JSON.parse(receiver.received[0]?.body ?? '')).toEqual({ type: 'confirmation', group_id: 777 });
    expect(JSON.parse(receiver.received[1]?.body ?? '')).toMatchObject({
      type: 'confirmation',
      group_id: 777,
      secret: 's3cr3t',
      v: '5.199',
    });
    await receiver.close();
  });

  it('sends the secret, a wrong secret or none, and retries the same event_id until ok', async () => {
    const receiver = await startRecordingReceiver({ status: 200, body: 'ok' }, [
      { status: 500 },
      { status: 200, body: 'OK ' },
    ]);
    const driver = new VkCallbackDriver({ url: receiver.url, groupId: 777, secret: 's3cr3t' });
    const message = vkMessage({
      from_id: 1001,
      text: 'Пересылаю обращение жителя',
      fwd_messages: [
        vkForwarded({ from_id: 3003, text: 'Прошу починить фонарь', attachments: [vkPhotoAttachment(3003)] }),
      ],
      attachments: [vkDocAttachment(1001, { title: 'акт.pdf', ext: 'pdf', size: 12345 })],
    });
    const report = await driver.messageNew(message, { retry: { attempts: 5 } });
    expect(report.replies.map((r) => r.status)).toEqual([500, 200, 200]);
    expect(report.accepted).toBe(true);
    const bodies = receiver.received.map((r) => JSON.parse(r.body) as { event_id: string; secret: string });
    expect(new Set(bodies.map((b) => b.event_id)).size).toBe(1);
    expect(bodies[0]?.secret).toBe('s3cr3t');

    await driver.messageNew(message, { secret: 'wrong' });
    await driver.messageNew(message, { secret: null });
    expect(JSON.parse(receiver.received[3]?.body ?? '').secret).toBe('wrong');
    expect(JSON.parse(receiver.received[4]?.body ?? '')).not.toHaveProperty('secret');
    await receiver.close();
  });

  it('duplicates, malforms and oversizes deliveries on request', async () => {
    const receiver = await startRecordingReceiver({ status: 200, body: 'ok' });
    const driver = new VkCallbackDriver({ url: receiver.url, groupId: 777 });
    const event = vkMessageNew(vkMessage({ from_id: 1001, text: 'Дубль' }), { groupId: 777 });
    expect((await driver.send(event, { copies: 3 })).replies).toHaveLength(3);
    await driver.send(event, { malformedJson: true });
    await driver.send(event, { oversizeBytes: 2 * 1024 * 1024 });
    const [a, b, c, malformed, oversized] = receiver.received;
    expect(a?.body).toBe(b?.body);
    expect(b?.body).toBe(c?.body);
    expect(() => JSON.parse(malformed?.body ?? '')).toThrow();
    expect(Buffer.byteLength(oversized?.body ?? '')).toBeGreaterThanOrEqual(2 * 1024 * 1024);
    expect(JSON.parse(oversized?.body ?? '')).toEqual(JSON.parse(a?.body ?? ''));
    await receiver.close();
  });

  it('generates message_new events that validate against callback/objects.json', () => {
    const event = vkMessageNew(
      vkMessage({
        from_id: 1001,
        text: 'Текст',
        fwd_messages: [vkForwarded({ from_id: 3003, text: 'Исходное' })],
        payload: '{"command":"start"}',
      }),
      { groupId: 777, secret: 's' },
    );
    expect(vkContract().validateEvent(event)).toEqual([]);
  });

  it('refuses to send an event that breaks the schema unless unchecked', async () => {
    const driver = new VkCallbackDriver({ url: 'http://127.0.0.1:9', groupId: 777 });
    const broken = {
      ...vkMessageNew(vkMessage({ from_id: 1, text: 'x' }), { groupId: 777 }),
      event_id: 5 as unknown as string,
    };
    await expect(driver.send(broken)).rejects.toThrow(/event_id must be string/);
  });
});

describe('VK fake: callback button presses must be answered (issue 12)', () => {
  it('records a violation for a message_event left without messages.sendMessageEventAnswer', async () => {
    const press = vk.queueUpdate(vkMessageEvent(1001, '{"command":"status"}', { groupId: 777 }));
    const eventId = (press.object as { event_id: string }).event_id;
    expect(await vk.settleCallbacks(20)).toEqual([eventId]);
    expect(vk.violationsOf('protocol')).toMatchObject([{ operation: 'callback answer' }]);
  });

  it('messages.sendMessageEventAnswer settles it; the same event_id twice is refused', async () => {
    const press = vk.queueUpdate(vkMessageEvent(1001, '{"command":"status"}', { groupId: 777 }));
    const eventId = (press.object as { event_id: string }).event_id;
    const answer = { event_id: eventId, user_id: 1001, peer_id: 1001 };
    expect((await callVk('messages.sendMessageEventAnswer', answer)).response).toBe(1);
    expect(await vk.settleCallbacks(20)).toEqual([]);
    expect((await callVk('messages.sendMessageEventAnswer', answer)).error?.error_code).toBe(100);
  });

  it('never delivers a message or an edit over 4096 characters', () => {
    const long = vkMessage({ from_id: 1001, text: 'я'.repeat(4097) });
    expect(vkContract().validateEvent(vkMessageNew(long, { groupId: 777 }))).toContainEqual(
      expect.stringMatching(/longer than 4096/),
    );
    const fits = vkMessage({ from_id: 1001, text: 'я'.repeat(4096) });
    expect(vkContract().validateEvent(vkMessageNew(fits, { groupId: 777 }))).toEqual([]);
    expect(vkContract().validateEvent(vkMessageEdit(fits, 'я'.repeat(4097), { groupId: 777 }))).not.toEqual(
      [],
    );
  });
});
