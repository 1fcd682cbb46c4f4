import { connect, type Socket } from 'node:net';
import { type SmtpFake, startSmtpFake } from '../../../fakes/email/smtp';

let smtp: SmtpFake;

beforeAll(async () => {
  smtp = await startSmtpFake();
});
afterAll(() => smtp.close());
afterEach(() => smtp.reset());

/** A line-by-line SMTP client: sends each command and waits for its complete reply. */
async function talk(commands: string[]): Promise<string[]> {
  const socket: Socket = connect(smtp.port, smtp.host);
  socket.setEncoding('utf8');
  let buffer = '';
  const waiters: Array<() => void> = [];
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    for (const wake of waiters.splice(0)) wake();
  });
  const nextReply = async (): Promise<string> => {
    for (;;) {
      const lines = buffer.split('\r\n');
      const end = lines.findIndex((l) => /^\d{3} /.test(l));
      if (end >= 0) {
        buffer = lines.slice(end + 1).join('\r\n');
        return lines.slice(0, end + 1).join('\n');
      }
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  };
  const replies = [await nextReply()];
  for (const command of commands) {
    socket.write(`${command}\r\n`);
    replies.push(await nextReply());
  }
  socket.end();
  return replies;
}

const message = [
  'From: Администрация <noreply@adm.example>',
  'To: citizen@example.ru',
  'Subject: =?UTF-8?B?0J7RgtCy0LXRgg==?=',
  'Message-ID: <answer-1@okno.example>',
  'In-Reply-To: <appeal-1@example.ru>',
  '',
  'Ответ на ваше обращение.',
  '..строка с точкой',
].join('\r\n');

describe('SMTP fake', () => {
  it('accepts EHLO, MAIL, RCPT, DATA and records the message with its headers', async () => {
    const replies = await talk([
      'EHLO okno',
      'MAIL FROM:<noreply@adm.example>',
      'RCPT TO:<citizen@example.ru>',
      'DATA',
      `${message}\r\n.`,
      'QUIT',
    ]);
    expect(replies.map((r) => r.split('\n').at(-1)?.slice(0, 3))).toEqual([
      '220',
      '250',
      '250',
      '250',
      '354',
      '250',
      '221',
    ]);
    expect(replies[1]).toContain('250-PIPELINING');
    expect(replies[1]).not.toContain('STARTTLS');
    const mail = smtp.sent[0];
    expect(mail).toMatchObject({ from: 'noreply@adm.example', to: ['citizen@example.ru'] });
    expect(mail?.headers['message-id']).toBe('<answer-1@okno.example>');
    expect(mail?.headers['in-reply-to']).toBe('<appeal-1@example.ru>');
    expect(mail?.raw).toContain('\r\n.строка с точкой\r\n'); // dot-unstuffed
  });

  it('enforces command order', async () => {
    const replies = await talk(['MAIL FROM:<a@b>', 'HELO x', 'RCPT TO:<c@d>', 'DATA']);
    expect(replies.slice(1).map((r) => r.slice(0, 3))).toEqual(['503', '250', '503', '503']);
  });

  it('answers injected 4xx and 5xx replies at the chosen stage', async () => {
    smtp.injectErrors([
      { code: 451, method: 'RCPT' },
      { code: 554, method: 'DATA', message: '5.7.1 Spam detected' },
    ]);
    const replies = await talk([
      'EHLO x',
      'MAIL FROM:<a@b>',
      'RCPT TO:<c@d>',
      'RCPT TO:<c@d>',
      'DATA',
      'Subject: x\r\n\r\nbody\r\n.',
    ]);
    expect(replies.slice(3).map((r) => r.slice(0, 3))).toEqual(['451', '250', '354', '554']);
    expect(replies.at(-1)).toBe('554 5.7.1 Spam detected');
    expect(smtp.sent).toEqual([]);
  });
});
