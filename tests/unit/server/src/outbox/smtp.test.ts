import { composeMail } from '../../../../../server/src/outbox/smtp';

const head = (raw: string) => raw.split('\r\n\r\n')[0]!.split('\r\n');

describe('an outgoing mail', () => {
  const base = {
    from: 'priemnaya@admin.example.ru',
    to: 'ivan@mail.example.ru',
    subject: 'Ответ',
    text: 'Текст',
  };

  it('is a reply when it names the thread: In-Reply-To and References', () => {
    const { raw } = composeMail(
      { ...base, inReplyTo: '<r1@mail.example.ru>', references: ['<q1@mail.example.ru>', '<a1@okno>'] },
      'okno',
    );
    expect(head(raw)).toContain('In-Reply-To: <r1@mail.example.ru>');
    expect(head(raw)).toContain('References: <q1@mail.example.ru> <a1@okno>');
  });

  it('carries no thread headers outside a thread', () => {
    const lines = head(composeMail(base, 'okno').raw);
    expect(lines.some((line) => /^(In-Reply-To|References):/.test(line))).toBe(false);
  });

  it('never lets a malformed Message-ID inject a header', () => {
    const { raw } = composeMail(
      { ...base, inReplyTo: '<x@y>\r\nBcc: all@example.ru', references: ['no-brackets@y', '<ok@y>'] },
      'okno',
    );
    const lines = head(raw);
    expect(lines.some((line) => line.startsWith('Bcc:'))).toBe(false);
    expect(lines.some((line) => line.startsWith('In-Reply-To:'))).toBe(false);
    expect(lines).toContain('References: <ok@y>');
  });
});
