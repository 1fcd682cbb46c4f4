/**
 * Notices by e-mail (issue 10, «Notices reach every applicant»), over real HTTP, PostgreSQL and real
 * SMTP (smtp-server, STARTTLS and AUTH) and IMAP servers: an applicant who gave an e-mail address, or
 * whose appeal came by e-mail, is sent the extension (59-FZ art. 12 p. 2) and forwarding (art. 8 p. 3)
 * notices by the letters job through the outbox — the notice's text with the notice letter's PDF on
 * the letterhead attached (read back with pdftotext), its outgoing number in both; in the e-mail
 * conversation's thread when the appeal came by e-mail. Before this, the desktop told the official
 * to notify such applicants by hand and nothing was sent.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { rememberEmailMessageId } from '../../../server/src/channels/email/threads';
import { saveLetterhead } from '../../../server/src/letters/letterhead';
import { writeServerDocs } from '../../../server/src/sync/server-writes';
import { applyAction } from '../../../shared/domain/status-machine';
import type { Appeal } from '../../../shared/model/appeal';
import { addAccount, type ChannelTestEnv, type Json, startChannelServer } from '../channels/support';
import { loginAs } from '../setup/db';
import { startMailServers, type TestMailServers } from '../setup/mail-servers';
import type { ReceivedMail, TestSmtpServer } from '../setup/smtp-server';
import { waitFor } from '../setup/wait';
import type { SyncTarget } from '../sync/client';
import { createAppeals, editAppeal, masterOf, newFormalAppeal } from '../sync/fixtures';

const mailbox = 'priemnaya@testov.example';
const folder = mkdtempSync(path.join(tmpdir(), 'okno-email-notices-'));

let env: ChannelTestEnv;
let smtp: TestSmtpServer;
let mailServers: TestMailServers;
let supervisor: SyncTarget;
let head: SyncTarget;
let orgId: string;
let accountRowId: string;

beforeAll(async () => {
  env = await startChannelServer();
  mailServers = await startMailServers(mailbox);
  smtp = mailServers.smtp;
  orgId = env.org.organisation.id;
  const account = await addAccount(env, mailServers.emailAccount({ pollIntervalMs: 60_000 }));
  accountRowId = account.id;
  await saveLetterhead(env.server.pool, orgId, {
    fullName: 'Администрация города Тестова',
    address: 'ул. Ленина, д. 1, г. Тестов, 123456',
    contacts: 'тел. (4852) 11-22-33, e-mail: info@testov.example',
    executorPhone: '(4852) 11-22-44',
    logo: null,
    signatories: [{ position: 'Заместитель главы администрации', name: 'О. П. Смирнова' }],
    outgoingPattern: 'Исх-{N}/{YYYY}',
  });
  const login = async (user: { login: string; password: string }) => ({
    url: env.server.url,
    headers: (await loginAs(env.server, user)).headers,
  });
  supervisor = await login(env.org.users.supervisor);
  head = await login(env.org.users.head1);
});

afterAll(async () => {
  await env?.server.close();
  await mailServers?.close();
});

const squeeze = (text: string) => text.replace(/\s+/g, ' ');

/** The text of the mail's PDF attachment, as pdftotext reads it. */
function attachedPdfText(mail: ReceivedMail): string {
  const pdfs = mail.parsed.attachments.filter((a) => a.contentType === 'application/pdf');
  expect(pdfs).toHaveLength(1);
  const file = path.join(folder, `${randomUUID()}.pdf`);
  writeFileSync(file, pdfs[0]!.content);
  return squeeze(execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }));
}

const mailTo = (address: string, from = 0) =>
  waitFor(async () => smtp.received.slice(from).find((mail) => mail.to.includes(address)));

async function lettersOf(appealId: string): Promise<Json[]> {
  const result = await env.server.pool.query(
    'SELECT kind, outgoing_number, message_id FROM letters WHERE org_id = $1 AND appeal_id = $2 ORDER BY sequence',
    [orgId, appealId],
  );
  return result.rows;
}

const threadMessage = async (id: string) => masterOf(env.server.pool, 'sync_messages', id);

describe('notices by e-mail', () => {
  it('issue 10: a reception applicant who gave an e-mail address is mailed the extension notice with its letter (PDF) attached', async () => {
    const address = `ivanova-${randomUUID().slice(0, 6)}@example.ru`;
    const formal = newFormalAppeal(orgId, env.org.departments.d1.id, { channel: 'reception' });
    const [appeal] = await createAppeals(env.server.pool, supervisor, [
      {
        ...formal,
        applicant: {
          ...formal.applicant,
          contacts: { phone: '+79161234567', email: address, postalAddress: 'г. Тверь, ул. Советская, д. 1' },
        },
      },
    ]);
    expect(appeal!.registrationNumber).toBeTruthy();
    const { body } = await editAppeal(env.server.pool, head, appeal!.id, {
      extension: { days: 30, reason: 'Запрошены документы в другом органе', noticeQueuedAt: null },
    });
    expect(body.refusals).toEqual([]);

    const mail = await mailTo(address);
    const [letter] = await lettersOf(appeal!.id);
    expect(letter).toMatchObject({ kind: 'extension' });
    const number = String(letter!.outgoing_number);
    expect(mail.from).toBe(mailbox);
    expect(mail.parsed.subject).toEqual(
      expect.stringContaining(`Уведомление о продлении срока рассмотрения обращения (исх. № ${number}`),
    );
    expect(squeeze(mail.parsed.text ?? '')).toContain('частью 2 статьи 12');
    const pdf = attachedPdfText(mail);
    expect(pdf).toContain('Администрация города Тестова');
    expect(pdf).toContain(`Исх. № ${number}`);
    expect(pdf).toContain('Уведомление о продлении срока рассмотрения обращения');
    expect(pdf).toContain('Запрошены документы в другом органе');
    expect(pdf).toContain(`№ ${appeal!.registrationNumber}`);

    // The thread shows what the applicant was told and that it went; nothing waits to be printed.
    const sent = await waitFor(async () => {
      const doc = await threadMessage(String(letter!.message_id));
      return doc?.deliveryStatus === 'sent' ? doc : null;
    });
    expect(sent).toMatchObject({ replyVia: 'email', author: { kind: 'bot' }, deliveryError: null });
    const extended = await masterOf(env.server.pool, 'sync_appeals', appeal!.id);
    expect(extended.extension.noticeQueuedAt).toEqual(expect.any(Number));

    // Once: the job's own change of the appeal (noticeQueuedAt) is read again and sends nothing more.
    const mails = smtp.received.length;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(smtp.received.length).toBe(mails);
    expect(await lettersOf(appeal!.id)).toHaveLength(1);
  });

  it('mails the art. 11 notice to a portal applicant, from the organisation’s mailbox', async () => {
    const address = `sidorov-${randomUUID().slice(0, 6)}@example.ru`;
    const formal = newFormalAppeal(orgId, env.org.departments.d1.id, { channel: 'portal' });
    const [appeal] = await createAppeals(env.server.pool, supervisor, [
      {
        ...formal,
        applicant: { ...formal.applicant, contacts: { phone: null, email: address, postalAddress: null } },
      },
    ]);
    const applied = applyAction(
      appeal as Appeal,
      'apply_art11',
      { role: 'head', userId: env.org.users.head1.id, departmentIds: [env.org.departments.d1.id] },
      { outcome: 'unreadable' },
      Date.now(),
    );
    if (!applied.ok) throw new Error(applied.error.code);
    const { body } = await editAppeal(env.server.pool, head, appeal!.id, {
      ...applied.value.changes,
      status: applied.value.status,
    });
    expect(body.refusals).toEqual([]);

    const mail = await mailTo(address);
    const [letter] = await lettersOf(appeal!.id);
    expect(letter).toMatchObject({ kind: 'art11' });
    expect(mail.from).toBe(mailbox);
    expect(mail.parsed.inReplyTo).toBeUndefined();
    const pdf = attachedPdfText(mail);
    expect(pdf).toContain(`Исх. № ${letter!.outgoing_number}`);
    expect(pdf).toContain('статьёй 11');
  });

  it('mails the forwarding notice of an appeal that came by e-mail in the citizen’s thread', async () => {
    const citizen = `petrov-${randomUUID().slice(0, 6)}@mail.example.ru`;
    const citizenMessageId = `${randomUUID()}@mail.example.ru`;
    const conversationId = `conv-${randomUUID().slice(0, 8)}`;
    await writeServerDocs(env.server.pool, 'conversations', orgId, [
      {
        id: conversationId,
        orgId,
        channel: 'email',
        peer: { chatId: citizen, userId: citizen, communityId: mailbox },
        applicantId: '',
        applicantDisplayName: 'Иван Петров',
        subject: 'Вывоз мусора',
        lastMessageAt: Date.now(),
        updatedAt: Date.now(),
        _deleted: false,
      },
    ]);
    await rememberEmailMessageId(env.server.pool, accountRowId, citizenMessageId, conversationId);
    const formal = newFormalAppeal(orgId, env.org.departments.d1.id, { conversationId, channel: 'email' });
    const [appeal] = await createAppeals(env.server.pool, supervisor, [
      {
        ...formal,
        applicant: { ...formal.applicant, contacts: { phone: null, email: null, postalAddress: null } },
      } as Appeal,
    ]);
    const forwarded = applyAction(
      appeal as Appeal,
      'forward',
      { role: 'head', userId: env.org.users.head1.id, departmentIds: [env.org.departments.d1.id] },
      { bodyName: 'Министерство ЖКХ Тверской области' },
      Date.now(),
    );
    if (!forwarded.ok) throw new Error(forwarded.error.code);
    const { body } = await editAppeal(env.server.pool, head, appeal!.id, {
      ...forwarded.value.changes,
      status: forwarded.value.status,
    });
    expect(body.refusals).toEqual([]);

    const mail = await mailTo(citizen);
    const [letter] = await lettersOf(appeal!.id);
    expect(letter).toMatchObject({ kind: 'forwarding' });
    // A reply in the citizen's own thread, from the mailbox the appeal came to.
    expect(mail.parsed.inReplyTo).toBe(`<${citizenMessageId}>`);
    expect(mail.from).toBe(mailbox);
    const pdf = attachedPdfText(mail);
    expect(pdf).toContain(`Исх. № ${letter!.outgoing_number}`);
    expect(pdf).toContain('частью 3 статьи 8');
    expect(pdf).toContain('Министерство ЖКХ Тверской области');
    const sent = await waitFor(async () => {
      const doc = await threadMessage(String(letter!.message_id));
      return doc?.deliveryStatus === 'sent' ? doc : null;
    });
    expect(sent).toMatchObject({ conversationId, replyVia: 'email' });
  });
});
