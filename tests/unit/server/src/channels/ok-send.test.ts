/**
 * The OK sender's mapping (server/src/channels/ok/send.ts), over real HTTP to the OK fake: the
 * bot's keyboard as an INLINE_KEYBOARD of CALLBACK buttons on the last text part, and a document
 * uploaded through fileUploadUrl and sent as a FILE attachment with the token the fake issued.
 */
import { okSender } from '../../../../../server/src/channels/ok/send';
import type { ClaimedMessage, SendCredentials } from '../../../../../server/src/outbox/types';
import { type OkFake, startOkFake } from '../../../../fakes';

let fake: OkFake;
let account: SendCredentials;

beforeAll(async () => {
  fake = await startOkFake({ token: 'okSenderToken' });
  account = { orgId: 'org', network: 'ok', accountId: '53038239', token: fake.token, apiBaseUrl: fake.url };
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => fake.reset());

function claimed(fields: Partial<ClaimedMessage>): ClaimedMessage {
  return {
    id: 'row-1',
    orgId: 'org',
    network: 'ok',
    accountId: '53038239',
    peerId: 'chat:C3ecb9d02a600',
    kind: 'bot',
    text: 'Выберите действие',
    attachments: [],
    keyboard: null,
    idempotencyKey: 1,
    attempts: 0,
    partsSent: 0,
    messageId: null,
    appealId: null,
    ...fields,
  };
}

const pdf = Buffer.from('%PDF-1.7\n% ответ\n%%EOF\n');

describe('OK sender', () => {
  it('sends the keyboard as an INLINE_KEYBOARD of CALLBACK buttons whose payload is the label', async () => {
    const outcome = await okSender.send(
      account,
      claimed({
        keyboard: {
          buttons: [
            [
              { label: 'Подать обращение', command: 'file' },
              { label: 'Мои обращения', command: 'mine' },
            ],
            [{ label: 'ОГ-2026-000001', command: 'number' }],
          ],
        },
      }),
    );
    expect(outcome).toEqual({ kind: 'sent', networkMessageId: expect.stringMatching(/^mid:/) });
    expect(fake.violations).toEqual([]);
    expect(fake.sent).toHaveLength(1);
    expect(fake.sent[0]!.body).toEqual({
      recipient: { chat_id: 'chat:C3ecb9d02a600' },
      message: {
        text: 'Выберите действие',
        attachments: [
          {
            type: 'INLINE_KEYBOARD',
            payload: {
              buttons: [
                [
                  { type: 'CALLBACK', text: 'Подать обращение', payload: 'Подать обращение' },
                  { type: 'CALLBACK', text: 'Мои обращения', payload: 'Мои обращения' },
                ],
                [{ type: 'CALLBACK', text: 'ОГ-2026-000001', payload: 'ОГ-2026-000001' }],
              ],
            },
          },
        ],
      },
    });
    // What a press of it delivers: the fake makes it only for a button it showed.
    expect(fake.press('C3ecb9d02a600', '577000000001', 'Мои обращения')).toMatchObject({
      webhookType: 'MESSAGE_CALLBACK',
      payload: 'Мои обращения',
      recipient: { chat_id: 'chat:C3ecb9d02a600' },
    });
    expect(() => fake.press('C3ecb9d02a600', '577000000001', 'Отмена')).toThrow(/no button/);
  });

  it('puts the keyboard under the last part of a long text only', async () => {
    const text = `${'Первая часть ответа. '.repeat(150)}\n\n${'Вторая часть. '.repeat(100)}`;
    const outcome = await okSender.send(
      account,
      claimed({ text, keyboard: { buttons: [[{ label: 'Отмена', command: 'cancel' }]] } }),
    );
    expect(outcome.kind).toBe('sent');
    expect(fake.sent.map((m) => m.buttons)).toEqual([[], [['Отмена']]]);
    expect(fake.sent.every((m) => (m.text ?? '').length <= 4000)).toBe(true);
  });

  it('uploads a document through fileUploadUrl and sends it as a FILE attachment after the text', async () => {
    const outcome = await okSender.send(
      account,
      claimed({
        kind: 'answer',
        text: 'Ответ на ваше обращение',
        attachments: [
          {
            name: 'Ответ ОГ-2026-000001.pdf',
            mimeType: 'application/pdf',
            contentBase64: pdf.toString('base64'),
          },
        ],
      }),
    );
    expect(outcome.kind).toBe('sent');
    expect(fake.violations).toEqual([]);
    expect(fake.callsTo('GET /graph/me/fileUploadUrl')).toHaveLength(1);
    expect(fake.sent.map((m) => m.text ?? null)).toEqual(['Ответ на ваше обращение', null]);
    const [file] = fake.sent[1]!.files;
    expect(file).toMatchObject({ filename: 'Ответ ОГ-2026-000001.pdf', contentType: 'application/pdf' });
    expect(file!.bytes.equals(pdf)).toBe(true);
    expect(fake.sent[1]!.body.message).toEqual({
      attachment: { type: 'FILE', payload: { token: expect.stringMatching(/^ftok/) } },
    });
  });

  it('a retried row sends only the parts not sent yet; an upload refused for permission is unreachable', async () => {
    const letter = { name: 'Ответ.pdf', mimeType: 'application/pdf', contentBase64: pdf.toString('base64') };
    fake.injectErrors([{ code: 10, method: 'GET /graph/me/fileUploadUrl' }]);
    const refused = await okSender.send(account, claimed({ text: 'Ответ', attachments: [letter] }));
    expect(refused).toMatchObject({ kind: 'unreachable', partsSent: 1 });
    const retried = await okSender.send(
      account,
      claimed({ text: 'Ответ', attachments: [letter], partsSent: 1 }),
    );
    expect(retried.kind).toBe('sent');
    expect(fake.sent.map((m) => m.files.length)).toEqual([0, 1]);
  });

  it('the fake refuses a FILE token it never issued (it checks what it is sent)', async () => {
    const response = await fetch(`${fake.url}/graph/chat:C3ecb9d02a600/messages?access_token=${fake.token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json;charset=utf-8' },
      body: JSON.stringify({
        recipient: { chat_id: 'chat:C3ecb9d02a600' },
        message: { attachment: { type: 'FILE', payload: { token: 'invented' } } },
      }),
    });
    expect(await response.json()).toMatchObject({ error_code: 100 });
    expect(fake.violations.map((v) => v.errors[0])).toEqual([
      'FILE payload.token invented was not issued by fileUploadUrl',
    ]);
  });
});
