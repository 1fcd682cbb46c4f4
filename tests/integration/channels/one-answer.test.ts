/**
 * One answer per network, at its best (issue 12; docs/CHANNELS.md «One answer»): the senders over
 * real HTTP to the Telegram and MAX fakes, which check every request against the networks' schemas.
 * Telegram: an answer that fits a caption (1024 UTF-16 code units) is one sendDocument; a longer one
 * is the text, then the letter. MAX: the text and the letter in one message, `attachment.not.ready`
 * retried; with a menu (itself an attachment) the file follows, as it must be the only attachment.
 */
import { maxSender } from '../../../server/src/channels/max/send';
import { telegramSender } from '../../../server/src/channels/telegram/send';
import type { ClaimedMessage, OutboxAttachment, SendCredentials } from '../../../server/src/outbox/types';
import { type MaxFake, startMaxFake, startTelegramFake, type TelegramFake } from '../../fakes';

const letter: OutboxAttachment = {
  name: 'Ответ ОГ-2026-000042.pdf',
  mimeType: 'application/pdf',
  contentBase64: Buffer.from('%PDF-1.7 письмо').toString('base64'),
};

function answer(peerId: string, text: string, extra: Partial<ClaimedMessage> = {}): ClaimedMessage {
  return {
    id: 'row-1',
    orgId: 'org-1',
    network: 'telegram',
    accountId: 'bot1',
    peerId,
    kind: 'answer',
    text,
    attachments: [letter],
    keyboard: null,
    idempotencyKey: 1,
    attempts: 0,
    partsSent: 0,
    messageId: 'answer-1',
    appealId: 'appeal-1',
    ...extra,
  };
}

/** A text of exactly `units` UTF-16 code units, emoji (two units each) among Cyrillic. */
function textOf(units: number): string {
  const base = 'Ответ по существу 🙂 ';
  const text = base.repeat(Math.ceil(units / base.length) + 1).slice(0, units);
  // Never end inside a surrogate pair.
  return /[\uD800-\uDBFF]$/.test(text) ? `${text.slice(0, -1)}.` : text;
}

describe('Telegram: one answer as a captioned document', () => {
  let tg: TelegramFake;
  let account: SendCredentials;
  beforeEach(async () => {
    tg = await startTelegramFake();
    account = {
      orgId: 'org-1',
      network: 'telegram',
      accountId: 'bot1',
      token: tg.token,
      apiBaseUrl: tg.apiRoot,
    };
  });
  afterEach(() => tg.close());

  it('sends an answer of 1024 characters (counted in UTF-16, emoji as two) as one sendDocument captioned with it', async () => {
    const text = textOf(1024);
    expect(text.length).toBe(1024);
    expect([...text].length).toBeLessThan(1024);
    const outcome = await telegramSender.send(account, answer('70001', text));
    expect(outcome.kind).toBe('sent');
    const sent = tg.sent.filter((m) => String(m.chatId) === '70001');
    expect(sent.map((m) => m.method)).toEqual(['sendDocument']);
    expect(sent[0]!.caption).toBe(text);
    expect(sent[0]!.document && 'filename' in sent[0]!.document ? sent[0]!.document.filename : null).toBe(
      letter.name,
    );
    expect(tg.violations).toEqual([]);
  });

  it('sends an answer of 1025 UTF-16 units as the text, then the letter captioned with its name', async () => {
    const text = textOf(1025);
    expect(text.length).toBe(1025);
    const outcome = await telegramSender.send(account, answer('70002', text));
    expect(outcome.kind).toBe('sent');
    const sent = tg.sent.filter((m) => String(m.chatId) === '70002');
    expect(sent.map((m) => m.method)).toEqual(['sendMessage', 'sendDocument']);
    expect(sent[0]!.text).toBe(text);
    expect(sent[1]!.caption).toBe(letter.name);
    expect(tg.violations).toEqual([]);
  });

  it('a menu rides on the captioned document', async () => {
    const keyboard = { buttons: [[{ label: 'Мои обращения', command: 'mine' }]] };
    await telegramSender.send(account, answer('70003', 'Копия ответа — в приложенном PDF.', { keyboard }));
    const sent = tg.sent.filter((m) => String(m.chatId) === '70003');
    expect(sent.map((m) => m.method)).toEqual(['sendDocument']);
    expect(JSON.stringify(sent[0]!.replyMarkup)).toContain('Мои обращения');
    expect(tg.violations).toEqual([]);
  });

  it('a retry after the caption message went out sends nothing twice', async () => {
    const text = textOf(1500);
    tg.injectErrors([{ code: 429, method: 'sendDocument', retryAfter: 1 }]);
    const first = await telegramSender.send(account, answer('70004', text));
    expect(first).toMatchObject({ kind: 'retry', partsSent: 1 });
    const second = await telegramSender.send(account, answer('70004', text, { partsSent: 1 }));
    expect(second.kind).toBe('sent');
    const sent = tg.sent.filter((m) => String(m.chatId) === '70004');
    expect(sent.map((m) => m.method)).toEqual(['sendMessage', 'sendDocument']);
  });
});

describe('MAX: one answer as one message with the file', () => {
  let max: MaxFake;
  let account: SendCredentials;
  async function start(options: { attachmentReadyAfterMs?: number } = {}) {
    max = await startMaxFake(options);
    account = { orgId: 'org-1', network: 'max', accountId: 'bot1', token: max.token, apiBaseUrl: max.url };
  }
  afterEach(() => max.close());

  it('sends the text and the letter in one message', async () => {
    await start();
    const text = 'Освещение во дворе дома 7 по улице Мира восстановлено.';
    const outcome = await maxSender.send(account, answer('80001', text, { network: 'max' }));
    expect(outcome.kind).toBe('sent');
    const sent = max.sent.filter((m) => m.chatId === 80001);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.text).toBe(text);
    expect(sent[0]!.files.map((f) => f.filename)).toEqual([letter.name]);
    expect(max.violations).toEqual([]);
  });

  it('a long answer: the parts of the text, the last with the letter', async () => {
    await start();
    const text = `${'Первый абзац ответа. '.repeat(150)}\n\n${'Второй абзац ответа. '.repeat(100)}`;
    await maxSender.send(account, answer('80002', text, { network: 'max' }));
    const sent = max.sent.filter((m) => m.chatId === 80002);
    expect(sent).toHaveLength(2);
    expect(sent[0]!.files).toEqual([]);
    expect(sent[1]!.text).toContain('Второй абзац');
    expect(sent[1]!.files.map((f) => f.filename)).toEqual([letter.name]);
    expect(max.violations).toEqual([]);
  });

  it('attachment.not.ready is retried with a growing interval, the same upload awaited, and the retry sends the one message', async () => {
    await start({ attachmentReadyAfterMs: 600 });
    const message = answer('80003', 'Ответ на обращение.', { network: 'max', attempts: 1 });
    expect(await maxSender.send(account, message)).toMatchObject({
      kind: 'retry',
      afterMs: 1_000,
      partsSent: 0,
    });
    expect(await maxSender.send(account, { ...message, attempts: 2 })).toMatchObject({
      kind: 'retry',
      afterMs: 2_000,
    });
    expect(max.sent.filter((m) => m.chatId === 80003)).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect((await maxSender.send(account, { ...message, attempts: 3 })).kind).toBe('sent');
    const sent = max.sent.filter((m) => m.chatId === 80003);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.files.map((f) => f.filename)).toEqual([letter.name]);
    // One upload: a fresh upload on every retry would never be ready when processing outlasts the interval.
    expect(max.callsTo('POST /uploads')).toHaveLength(1);
  });

  it('with a menu the file is a message of its own, as MAX requires of a file (the fake refuses both together)', async () => {
    await start();
    const keyboard = { buttons: [[{ label: 'Мои обращения', command: 'mine' }]] };
    await maxSender.send(
      account,
      answer('80004', 'Копия ответа — в приложенном PDF.', { network: 'max', keyboard }),
    );
    const sent = max.sent.filter((m) => m.chatId === 80004);
    expect(sent.map((m) => [m.text, m.files.length])).toEqual([
      ['Копия ответа — в приложенном PDF.', 0],
      [null, 1],
    ]);
    expect(max.violations).toEqual([]);

    const together = await fetch(`${max.url}/messages?chat_id=80004`, {
      method: 'POST',
      headers: { authorization: max.token, 'content-type': 'application/json' },
      body: JSON.stringify({
        text: 'x',
        link: null,
        attachments: [
          { type: 'file', payload: { token: 'unknown' } },
          { type: 'inline_keyboard', payload: { buttons: [] } },
        ],
      }),
    });
    expect(together.status).toBe(400);
    expect(max.violations.map((v) => v.errors[0])).toEqual([
      'a file, audio, contact or sticker must be the only attachment of its message',
    ]);
  });
});
