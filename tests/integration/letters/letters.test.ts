/**
 * Letters over real HTTP and PostgreSQL: the answer letter's content (PDF read back with pdftotext,
 * DOCX by its document.xml), the extension notice queued for the post when the applicant has only
 * a postal address, and the scope and audit of every route.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { outboundMessage } from '../../../renderer/features/appeal/composer/answer';
import { loadOrgRules } from '../../../server/src/appeals/registration';
import { entityHistory } from '../../../server/src/audit/audit';
import { saveLetterhead } from '../../../server/src/letters/letterhead';
import { applyAction } from '../../../shared/domain/status-machine';
import type { Appeal } from '../../../shared/model/appeal';
import { postalPrintRequired } from '../../../shared/model/conversation';
import { seedTestOrg, startTestServer, type TestOrg, type TestServer } from '../setup/db';
import { waitFor } from '../setup/wait';
import { type Json, pushRows, type SyncTarget } from '../sync/client';
import {
  createAppeals,
  editAppeal,
  loginAll,
  masterOf,
  newFormalAppeal,
  type RoleKey,
} from '../sync/fixtures';

let server: TestServer;
let org: TestOrg;
let targets: Record<RoleKey, SyncTarget>;
let other: TestOrg;
let outsider: SyncTarget;
const folder = mkdtempSync(path.join(tmpdir(), 'okno-letters-'));

beforeAll(async () => {
  server = await startTestServer();
  org = await seedTestOrg(server.pool);
  other = await seedTestOrg(server.pool);
  targets = await loginAll(server, org);
  outsider = (await loginAll(server, other)).supervisor;
  await saveLetterhead(server.pool, org.organisation.id, {
    fullName: 'Администрация города Тестова',
    address: 'ул. Ленина, д. 1, г. Тестов, 123456',
    contacts: 'тел. (4852) 11-22-33, e-mail: info@testov.example',
    executorPhone: '(4852) 11-22-44',
    logo: null,
    signatories: [{ position: 'Заместитель главы администрации', name: 'О. П. Смирнова' }],
    outgoingPattern: 'Исх-{N}/{YYYY}',
  });
});
afterAll(async () => {
  await server?.close();
});

/** A reception appeal of Мария Петровна Иванова with a phone and a postal address (no e-mail, no chat). */
async function receptionAppeal(contacts: Json = {}): Promise<Json> {
  const formal = newFormalAppeal(org.organisation.id, org.departments.d1.id, { channel: 'reception' });
  const [appeal] = await createAppeals(server.pool, targets.supervisor, [
    {
      ...formal,
      assigneeId: org.users.operator1.id,
      applicant: {
        ...formal.applicant,
        contacts: {
          phone: '+79161234567',
          email: null,
          postalAddress: 'г. Тверь, ул. Советская, д. 1, кв. 2',
          ...contacts,
        },
      },
    },
  ]);
  expect(appeal.registrationNumber).toBeTruthy();
  return appeal;
}

const api = (target: SyncTarget, url: string, init: RequestInit = {}) =>
  fetch(`${server.url}/api/v1${url}`, {
    ...init,
    headers: { ...target.headers, ...(init.body ? { 'content-type': 'application/json' } : {}) },
  });

async function lettersOf(appealId: string): Promise<Json[]> {
  const response = await api(targets.operator1, `/appeals/${appealId}/letters`);
  expect(response.status).toBe(200);
  return (await response.json()).letters;
}

async function download(appealId: string, letterId: string, format: 'pdf' | 'docx'): Promise<string> {
  const response = await api(targets.operator1, `/appeals/${appealId}/letters/${letterId}/${format}`);
  expect(response.status).toBe(200);
  const file = path.join(folder, `${letterId}.${format}`);
  writeFileSync(file, Buffer.from(await response.arrayBuffer()));
  return format === 'pdf'
    ? execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' })
    : execFileSync('unzip', ['-p', file, 'word/document.xml', 'word/footer*.xml'], {
        encoding: 'utf8',
      }).replace(/<[^>]+>/g, ' ');
}

const executorName = async () =>
  (await masterOf(server.pool, 'sync_users', org.users.operator1.id)).displayName as string;

const dateIn = (at: number, timeZone: string) =>
  new Intl.DateTimeFormat('ru-RU', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone }).format(
    at,
  );
const squeeze = (text: string) => text.replace(/\s+/g, ' ');

describe('the answer letter', () => {
  let appeal: Json;
  let letter: Json;
  const answerText = 'Сообщаем, что подача горячей воды в доме 1 восстановлена 5 декабря.';

  beforeAll(async () => {
    appeal = await receptionAppeal();
    const message = outboundMessage({
      id: randomUUID(),
      appeal: appeal as Appeal,
      route: 'post',
      text: answerText,
      author: { userId: org.users.operator1.id, displayName: 'Оператор Первый' },
      now: Date.now(),
    });
    const { body } = await pushRows(
      targets.operator1,
      'messages',
      [{ newDocumentState: { ...message, _deleted: false } }],
      'refusals=1',
    );
    expect(body.refusals).toEqual([]);
    // The server issues the letter of a postal answer by itself, drawing its outgoing number.
    [letter] = await waitFor(async () => {
      const letters = await lettersOf(appeal.id);
      return letters.length > 0 ? letters : null;
    });
    expect(letter).toMatchObject({
      kind: 'answer',
      messageId: message.id,
      outgoingNumber: expect.stringMatching(/^Исх-\d+\/\d{4}$/),
    });
  });

  it('has the letterhead, outgoing number and date, «Уважаемый(ая) Имя Отчество!», the reference, the text, signatory and executor (PDF)', async () => {
    const { timeZone } = await loadOrgRules(server.pool, org.organisation.id);
    const text = squeeze(await download(appeal.id, letter.id, 'pdf'));
    expect(text).toContain('Администрация города Тестова');
    expect(text).toContain('ул. Ленина, д. 1, г. Тестов, 123456');
    expect(text).toContain(`Исх. № ${letter.outgoingNumber} от ${dateIn(letter.issuedAt, timeZone)}`);
    expect(text).toContain('Уважаемый(ая) Мария Петровна!');
    expect(text).toContain(
      `На Ваше обращение от ${dateIn(appeal.registeredAt, timeZone)} № ${appeal.registrationNumber}`,
    );
    expect(text).toContain(answerText);
    expect(text).toContain('Заместитель главы администрации');
    expect(text).toContain('О. П. Смирнова');
    // The executor is the appeal's assignee, with the organisation's executor phone.
    expect(text).toContain(`Исп. ${await executorName()}, тел. (4852) 11-22-44`);
    expect(text).toContain('Иванова Мария Петровна');
    expect(text).toContain('г. Тверь, ул. Советская, д. 1, кв. 2');
  });

  it('says the same in the DOCX', async () => {
    const text = squeeze(await download(appeal.id, letter.id, 'docx'));
    for (const part of [
      'Администрация города Тестова',
      `Исх. № ${letter.outgoingNumber}`,
      'Уважаемый(ая) Мария Петровна!',
      `№ ${appeal.registrationNumber}`,
      answerText,
      'О. П. Смирнова',
      `Исп. ${await executorName()}, тел. (4852) 11-22-44`,
    ]) {
      expect(text).toContain(part);
    }
  });

  it('audits each download with its format, and keeps the applicant’s name out of the audit', async () => {
    const history = await entityHistory(server.pool, org.organisation.id, 'appeal', appeal.id);
    const downloads = history.filter((entry) => entry.action === 'letter.download');
    expect(downloads.map((entry) => entry.details)).toEqual(
      expect.arrayContaining([
        { letterId: letter.id, kind: 'answer', format: 'pdf' },
        { letterId: letter.id, kind: 'answer', format: 'docx' },
      ]),
    );
    expect(JSON.stringify(downloads)).not.toContain('Иванова');
    expect(downloads.every((entry) => entry.actorUserId === org.users.operator1.id)).toBe(true);
  });

  it('refuses another department (403) and another organisation (404), and audits the refusals', async () => {
    expect((await api(targets.operator2, `/appeals/${appeal.id}/letters`)).status).toBe(403);
    const denied = await api(targets.operator2, `/appeals/${appeal.id}/letters/${letter.id}/pdf`);
    expect(denied.status).toBe(403);
    expect((await denied.json()).error.code).toBe('forbidden');
    expect((await api(outsider, `/appeals/${appeal.id}/letters/${letter.id}/pdf`)).status).toBe(404);
    const history = await entityHistory(server.pool, org.organisation.id, 'appeal', appeal.id);
    expect(history.filter((entry) => entry.action === 'letter.download_denied')).toEqual([
      expect.objectContaining({ actorUserId: org.users.operator2.id, details: { reason: 'not_visible' } }),
    ]);
  });

  it('answers 404 for a letter of another appeal and 400 for an unknown format', async () => {
    const another = await receptionAppeal();
    expect((await api(targets.operator1, `/appeals/${another.id}/letters/${letter.id}/pdf`)).status).toBe(
      404,
    );
    const bad = await api(targets.operator1, `/appeals/${appeal.id}/letters/${letter.id}/odt`);
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatchObject({ code: expect.any(String), message: expect.any(String) });
  });
});

describe('notice letters', () => {
  it('issues a receipt once: 201 with a number, then 200 with the same letter', async () => {
    const appeal = await receptionAppeal();
    const first = await api(targets.operator1, `/appeals/${appeal.id}/letters`, {
      method: 'POST',
      body: JSON.stringify({ kind: 'receipt' }),
    });
    expect(first.status).toBe(201);
    const { letter } = await first.json();
    const again = await api(targets.operator1, `/appeals/${appeal.id}/letters`, {
      method: 'POST',
      body: JSON.stringify({ kind: 'receipt' }),
    });
    expect(again.status).toBe(200);
    expect((await again.json()).letter).toEqual(letter);
    const text = squeeze(await download(appeal.id, letter.id, 'pdf'));
    expect(text).toContain('Расписка в получении обращения');
    expect(text).toContain(`зарегистрировано под № ${appeal.registrationNumber}`);
    const issues = (await entityHistory(server.pool, org.organisation.id, 'appeal', appeal.id)).filter(
      (entry) => entry.action === 'letter.issue',
    );
    expect(issues).toEqual([
      expect.objectContaining({ details: expect.objectContaining({ kind: 'receipt' }) }),
    ]);
  });

  it('refuses a receipt for an appeal that did not come in person (409)', async () => {
    const formal = newFormalAppeal(org.organisation.id, org.departments.d1.id, { channel: 'portal' });
    const [appeal] = await createAppeals(server.pool, targets.supervisor, [formal]);
    const refused = await api(targets.operator1, `/appeals/${appeal.id}/letters`, {
      method: 'POST',
      body: JSON.stringify({ kind: 'receipt' }),
    });
    expect(refused.status).toBe(409);
    expect((await refused.json()).error).toMatchObject({ code: 'letter_not_applicable' });
  });

  it('refuses a notice the appeal does not call for (409) and an answer letter without its answer (409)', async () => {
    const appeal = await receptionAppeal();
    for (const body of [
      { kind: 'forwarding' },
      { kind: 'extension' },
      { kind: 'art11' },
      { kind: 'answer' },
    ]) {
      const response = await api(targets.operator1, `/appeals/${appeal.id}/letters`, {
        method: 'POST',
        body: JSON.stringify(body),
      });
      expect(response.status).toBe(409);
      expect((await response.json()).error.code).toBe('letter_not_applicable');
    }
    expect(await lettersOf(appeal.id)).toEqual([]);
  });

  it('issue 10: the extension notice the desktop promised for a reception appeal is queued for the post when the applicant has only a postal address', async () => {
    const appeal = await receptionAppeal();
    const { body } = await editAppeal(server.pool, targets.head1, appeal.id, {
      extension: { days: 30, reason: 'Запрошены документы в другом органе', noticeQueuedAt: null },
    });
    expect(body.refusals).toEqual([]);
    const notice = await waitFor(async () => {
      const found = await server.pool.query(
        "SELECT doc FROM sync_messages WHERE org_id = $1 AND appeal_id = $2 AND doc->>'replyVia' = 'post'",
        [org.organisation.id, appeal.id],
      );
      return found.rows[0]?.doc as Json;
    });
    const [letter] = await lettersOf(appeal.id);
    expect(letter).toMatchObject({ kind: 'extension', messageId: notice.id });
    expect(notice).toMatchObject({
      direction: 'out',
      deliveryStatus: 'pending',
      deliveryError: postalPrintRequired,
      author: { kind: 'bot' },
    });
    expect(notice.text).toContain(`исх. № ${letter.outgoingNumber}`);
    const extended = await masterOf(server.pool, 'sync_appeals', appeal.id);
    expect(extended.extension.noticeQueuedAt).toEqual(expect.any(Number));
    const text = squeeze(await download(appeal.id, letter.id, 'pdf'));
    expect(text).toContain('Уведомление о продлении срока рассмотрения обращения');
    expect(text).toContain('частью 2 статьи 12');
    expect(text).toContain(`до ${extended.legalDeadline.split('-').reverse().join('.')} включительно`);
    expect(text).toContain('Запрошены документы в другом органе');
  });

  it('queues the forwarding notice for the post too, once, with the body it went to', async () => {
    const appeal = await receptionAppeal();
    const forwarded = applyAction(
      appeal,
      'forward',
      { role: 'head', userId: org.users.head1.id, departmentIds: [org.departments.d1.id] },
      { bodyName: 'Министерство ЖКХ Тверской области' },
      Date.now(),
    );
    if (!forwarded.ok) throw new Error(forwarded.error.code);
    const { body } = await editAppeal(server.pool, targets.head1, appeal.id, {
      ...forwarded.value.changes,
      status: forwarded.value.status,
    });
    expect(body.refusals).toEqual([]);
    const [letter] = await waitFor(async () => {
      const letters = await lettersOf(appeal.id);
      return letters.length > 0 && letters[0].messageId ? letters : null;
    });
    expect(letter).toMatchObject({ kind: 'forwarding' });
    const queued = await server.pool.query(
      "SELECT doc FROM sync_messages WHERE org_id = $1 AND appeal_id = $2 AND doc->>'replyVia' = 'post'",
      [org.organisation.id, appeal.id],
    );
    expect(queued.rows.map((row) => row.doc.id)).toEqual([letter.messageId]);
    const text = squeeze(await download(appeal.id, letter.id, 'pdf'));
    expect(text).toContain('частью 3 статьи 8');
    expect(text).toContain('Министерство ЖКХ Тверской области');
  });

  it('prints the executor’s own work phone when the administrator recorded one', async () => {
    await server.pool.query("UPDATE users SET phone = '(4852) 99-88-77' WHERE id = $1", [
      org.users.operator1.id,
    ]);
    const appeal = await receptionAppeal();
    const issued = await api(targets.operator1, `/appeals/${appeal.id}/letters`, {
      method: 'POST',
      body: JSON.stringify({ kind: 'receipt' }),
    });
    const { letter } = await issued.json();
    const text = squeeze(await download(appeal.id, letter.id, 'pdf'));
    expect(text).toContain(`Исп. ${await executorName()}, тел. (4852) 99-88-77`);
    await server.pool.query("UPDATE users SET phone = '' WHERE id = $1", [org.users.operator1.id]);
  });

  it('queues nothing for the post when the applicant has an e-mail address: the notice goes by e-mail', async () => {
    const appeal = await receptionAppeal({ email: 'ivanova@example.ru' });
    await editAppeal(server.pool, targets.head1, appeal.id, {
      extension: { days: 10, reason: 'Нужна проверка на месте', noticeQueuedAt: null },
    });
    // The e-mail itself is tested with an SMTP server (./email-notices.test.ts).
    const [letter] = await waitFor(async () => {
      const letters = await lettersOf(appeal.id);
      return letters.length > 0 && letters[0].messageId ? letters : null;
    });
    expect(letter).toMatchObject({ kind: 'extension' });
    const routes = await server.pool.query(
      "SELECT doc->>'replyVia' AS via FROM sync_messages WHERE org_id = $1 AND appeal_id = $2",
      [org.organisation.id, appeal.id],
    );
    expect(routes.rows.map((row) => row.via)).toEqual(['email']);
  });
});
