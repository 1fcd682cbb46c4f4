/**
 * «Помог ли ответ?» by e-mail (issue 14), over a real IMAP server (Dovecot), a real SMTP relay
 * (smtp-server, STARTTLS and AUTH), the outbox and PostgreSQL: after an official's answer is mailed,
 * one follow-up letter in the same thread asks with three links; the link page (no login) shows the
 * appeal's number only, records the verdict once with an optional comment, and refuses forged and
 * expired tokens; a reply whose first line is the verdict does the same. «Нет» lands in the
 * supervisors' «Ответ не помог», audited like the bot's.
 */
import { createHmac } from 'node:crypto';
import { readReply } from '../../../server/src/quality/verdict-email';
import type { ChannelTestEnv, Json } from '../channels/support';
import { loginAs } from '../setup/db';
import type { TestImapServer } from '../setup/imap-server';
import type { TestSmtpServer } from '../setup/smtp-server';
import { waitFor } from '../setup/wait';
import { callApi } from '../sync/client';
import {
  citizenMail,
  form,
  startVerdictMailDesk,
  type VerdictMailDesk,
  verdictRow as verdictRowOf,
} from './support';

describe('«Помог ли ответ?» by e-mail', () => {
  let desk: VerdictMailDesk;
  let env: ChannelTestEnv;
  let imap: TestImapServer;
  let smtp: TestSmtpServer;

  beforeAll(async () => {
    desk = await startVerdictMailDesk();
    ({ env } = desk);
    ({ imap, smtp } = desk.mailServers);
  });

  afterAll(async () => {
    await desk?.close();
  });

  const answeredByMail: VerdictMailDesk['answeredByMail'] = (...args) => desk.answeredByMail(...args);
  const verdictRow = (appealId: string) => verdictRowOf(env, appealId);
  const appealDoc = async (appealId: string) =>
    (await env.server.pool.query('SELECT doc FROM sync_appeals WHERE id = $1', [appealId])).rows[0].doc;

  it('mails the question once in the answer’s thread; the «Нет» link page shows only the number and records once', async () => {
    const { appeal, answerMail, letter, links } = await answeredByMail(
      '"Иван Петров" <ivan.verdict@mail.example.ru>',
      'Освещение во дворе',
      '01-15/321',
    );
    // The same thread as the answer: In-Reply-To the citizen's mail, References name our answer too.
    expect(letter.parsed.inReplyTo).toBe(answerMail.parsed.inReplyTo);
    expect(letter.parsed.references).toContain(String(answerMail.parsed.messageId));
    expect(letter.parsed.subject).toBe('Помог ли вам ответ на обращение № 01-15/321?');
    expect(links.no).toMatch(new RegExp(`^${env.server.url}/verdict\\?t=[\\w-]+\\.[\\w-]+&v=no$`));
    // Officials see the question in the appeal's thread.
    const thread = await env.server.pool.query(
      `SELECT 1 FROM sync_messages WHERE appeal_id = $1 AND doc->>'text' LIKE 'Помог ли вам ответ%'`,
      [appeal.id],
    );
    expect(thread.rowCount).toBe(1);

    // Opening the link records nothing (a mail scanner may open it); it shows the number only.
    const opened = await fetch(links.no);
    expect(opened.status).toBe(200);
    expect(opened.headers.get('content-type')).toContain('text/html');
    const html = await opened.text();
    expect(html).toContain('Обращение № 01-15/321');
    expect(html).toMatch(/value="no" checked/);
    for (const personal of ['Иван', 'Петров', 'ivan.verdict', 'Освещение', 'работы выполнены'])
      expect(html).not.toContain(personal);
    expect((await verdictRow(appeal.id)).value).toBeNull();
    // A browser that prefers English gets the page in English.
    const english = await fetch(links.no, { headers: { 'accept-language': 'en-GB,en;q=0.9,ru;q=0.5' } });
    const englishHtml = await english.text();
    expect(englishHtml).toContain('<html lang="en">');
    expect(englishHtml).toContain('Did the answer help?');
    expect(english.headers.get('content-language')).toBe('en');

    const sent = await fetch(links.no, form({ value: 'no', comment: 'Фонарь так и не горит.' }));
    expect(sent.status).toBe(200);
    expect(await sent.text()).toContain('Руководитель рассмотрит ваше обращение ещё раз');
    expect(await verdictRow(appeal.id)).toMatchObject({ value: 'no', comment: 'Фонарь так и не горит.' });
    expect((await appealDoc(appeal.id)).verdict).toMatchObject({
      value: 'no',
      comment: 'Фонарь так и не горит.',
      decision: null,
    });
    // Audited as the bot's verdicts are, with the way it came.
    const audit = await env.server.pool.query(
      `SELECT action, details FROM audit_log WHERE entity_id = $1 AND action LIKE 'appeal.verdict%'`,
      [appeal.id],
    );
    expect(audit.rows).toEqual([{ action: 'appeal.verdictComment', details: { via: 'emailLink' } }]);

    // The second use, by any of the three links: «уже получен», nothing changes.
    const again = await fetch(links.yes, form({ value: 'yes', comment: '' }));
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('Ваш ответ уже получен');
    expect((await fetch(links.partly)).status).toBe(200);
    expect(await (await fetch(links.partly)).text()).toContain('Ваш ответ уже получен');
    expect((await verdictRow(appeal.id)).value).toBe('no');

    // The supervisor finds it in «Ответ не помог» and decides a rework: the appeal is in work again.
    const supervisor = await loginAs(env.server, env.org.users.supervisor);
    const target = { url: env.server.url, headers: supervisor.headers };
    const list = await callApi(target, 'GET', '/api/v1/quality/verdicts');
    expect(list.status).toBe(200);
    const item = (list.body as { verdicts: Json[] }).verdicts.find((i) => i.appealId === appeal.id);
    expect(item).toMatchObject({ registrationNumber: '01-15/321', comment: 'Фонарь так и не горит.' });
    // «Аналитика» drills down from the department's «не помог» to this appeal.
    const drill = await callApi(
      target,
      'GET',
      `/api/v1/quality/summary/appeals?by=department&key=${env.org.departments.d1.id}&outcome=no`,
    );
    expect(drill.status).toBe(200);
    expect((drill.body as { appeals: Json[] }).appeals).toContainEqual(
      expect.objectContaining({ appealId: appeal.id, registrationNumber: '01-15/321', verdict: 'no' }),
    );
    const helped = await callApi(
      target,
      'GET',
      `/api/v1/quality/summary/appeals?by=department&key=${env.org.departments.d1.id}&outcome=yes`,
    );
    expect((helped.body as { appeals: Json[] }).appeals.map((a) => a.appealId)).not.toContain(appeal.id);
    const operator = await loginAs(env.server, env.org.users.operator1);
    const refused = await callApi(
      { url: env.server.url, headers: operator.headers },
      'GET',
      '/api/v1/quality/summary/appeals?by=department&key=&outcome=no',
    );
    expect(refused.status).toBe(403);
    const decided = await callApi(target, 'POST', `/api/v1/quality/verdicts/${appeal.id}/decision`, {
      decision: 'rework',
    });
    expect(decided.status).toBe(200);
    expect((await appealDoc(appeal.id)).status).toBe('in_progress');

    // Only one question per appeal, however many rounds pass.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(smtp.received.filter((m) => String(m.parsed.subject).includes('01-15/321'))).toHaveLength(1);
  });

  it('refuses a forged, a re-signed, an expired and another recipient’s token with a clear page (4xx), and a form without a choice', async () => {
    const { appeal, links } = await answeredByMail('maria.verdict@mail.example.ru', 'Мусор у школы', null);
    const token = new URL(links.yes).searchParams.get('t')!;
    const [body, mac] = token.split('.');
    const open = (t: string) => fetch(`${env.server.url}/verdict?t=${t}&v=yes`);
    const claims = JSON.parse(Buffer.from(body!, 'base64url').toString('utf8'));

    // A changed signature.
    const forged = await open(`${body}.${mac!.slice(0, -2)}AA`);
    expect(forged.status).toBe(404);
    expect(await forged.text()).toContain('Ссылка недействительна');
    // Another appeal in the claims, the old signature.
    const otherBody = Buffer.from(JSON.stringify({ ...claims, a: 'another-appeal' })).toString('base64url');
    expect((await open(`${otherBody}.${mac}`)).status).toBe(404);
    // Garbage.
    expect((await open('not-a-token')).status).toBe(404);
    expect((await fetch(`${env.server.url}/verdict`)).status).toBe(404);

    // Properly signed with the server's key, but expired; and one for another recipient.
    const key = createHmac('sha256', env.server.config.tokenSecret).update('okno:verdict-link:v1').digest();
    const signed = (c: Json) => {
      const b = Buffer.from(JSON.stringify(c)).toString('base64url');
      return `${b}.${createHmac('sha256', key).update(b).digest('base64url')}`;
    };
    const expired = await open(signed({ ...claims, e: Date.now() - 1000 }));
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain('Срок действия ссылки истёк');
    // (its token hash is unknown too; the recipient claim is checked against the question asked)
    const stranger = await open(signed({ ...claims, r: '0'.repeat(32) }));
    expect(stranger.status).toBe(404);

    // The page names an incident without a number by its day; no choice → 400 and the form again.
    const page = await (await fetch(links.yes)).text();
    expect(page).toMatch(/Обращение № \d\d\.\d\d\.\d{4}/);
    const empty = await fetch(links.yes, form({ comment: 'без выбора' }));
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('Выберите «Да», «Частично» или «Нет»');
    const long = await fetch(links.yes, form({ value: 'partly', comment: 'я'.repeat(2001) }));
    expect(long.status).toBe(400);
    expect((await verdictRow(appeal.id)).value).toBeNull();

    const yes = await fetch(links.yes, form({ value: 'yes', comment: '' }));
    expect(yes.status).toBe(200);
    expect(await yes.text()).toContain('Спасибо! Ваша оценка учтена.');
    expect((await appealDoc(appeal.id)).verdict).toMatchObject({ value: 'yes', comment: null });
  });

  it('takes a reply whose first line is «Нет» as the verdict, the lines below as its comment; the reply stays in the thread', async () => {
    const { appeal, letter } = await answeredByMail(
      '"Пётр Сидоров" <petr.verdict@mail.example.ru>',
      'Яма на Садовой',
      '01-15/400',
    );
    await imap.append(
      citizenMail({
        id: `reply-${Date.now()}@mail.example.ru`,
        from: '"Пётр Сидоров" <petr.verdict@mail.example.ru>',
        subject: `Re: ${letter.parsed.subject}`,
        inReplyTo: String(letter.parsed.messageId),
        text: 'Нет\nЯму засыпали песком, её снова размыло.\n\nПн, 7 дек. 2026 г. в 10:00, priemnaya@admin.example.ru пишет:\n> Помог ли вам ответ на обращение № 01-15/400?',
      }),
    );
    const row = await waitFor(async () => {
      const found = await verdictRow(appeal.id);
      return found?.value ? found : null;
    });
    expect(row).toMatchObject({ value: 'no', comment: 'Яму засыпали песком, её снова размыло.' });
    expect((await appealDoc(appeal.id)).verdict).toMatchObject({ value: 'no' });
    // The reply is in the appeal's thread; no new incident was made of it.
    const inThread = await waitFor(async () => {
      const found = await env.server.pool.query(
        `SELECT appeal_id FROM sync_messages WHERE doc->>'text' LIKE 'Нет%Яму засыпали%'`,
      );
      return found.rows[0];
    });
    expect(inThread.appeal_id).toBe(appeal.id);
    const incidents = await env.server.pool.query(
      `SELECT 1 FROM sync_appeals WHERE doc->>'text' LIKE 'Нет%Яму засыпали%'`,
    );
    expect(incidents.rowCount).toBe(0);
    const audit = await env.server.pool.query(
      `SELECT details FROM audit_log WHERE entity_id = $1 AND action LIKE 'appeal.verdict%'`,
      [appeal.id],
    );
    expect(audit.rows).toEqual([{ details: { via: 'emailReply' } }]);
  });

  it('reads a reply’s verdict in Russian, English or as 1 / 2 / 3, and nothing else', () => {
    expect(readReply('Да')).toEqual({ value: 'yes', comment: null });
    expect(readReply('  частично.\nНе всё сделали')).toEqual({ value: 'partly', comment: 'Не всё сделали' });
    expect(readReply('3')).toEqual({ value: 'no', comment: null });
    expect(readReply('Yes!\n> quoted')).toEqual({ value: 'yes', comment: null });
    expect(readReply('partly\n\nOn Mon, 7 Dec 2026 someone wrote:\n> Нет')).toEqual({
      value: 'partly',
      comment: null,
    });
    expect(readReply('Нет, спасибо, вопрос другой')).toBeNull();
    expect(readReply('> Да')).toBeNull();
    expect(readReply('')).toBeNull();
  });
});
