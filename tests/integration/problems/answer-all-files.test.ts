/**
 * «Ответить всем» with files (issue 13): the official uploads a file for the answer of the appeal they
 * opened; the group's answer carries it to every citizen, each in their own Telegram chat (the fake's
 * sendDocument), each member's answer holding its own copy of the file's row. Files uploaded for an
 * appeal outside the group are refused and nothing is sent.
 */
import { type TelegramFake, tgMessageUpdate, tgUser } from '../../fakes';
import {
  addTelegramBot,
  type ChannelTestEnv,
  type Json,
  pullAll,
  startChannelServer,
} from '../channels/support';
import { loginAs } from '../setup/db';
import { waitFor } from '../setup/wait';
import { callApi } from '../sync/client';

const tgSecret = 'tg-problem-files-secret';
const first = tgUser({ id: 515151511, first_name: 'Анна', last_name: 'Смирнова' });
const second = tgUser({ id: 515151512, first_name: 'Олег', last_name: 'Иванов' });
const third = tgUser({ id: 515151513, first_name: 'Вера', last_name: 'Петрова' });

let env: ChannelTestEnv;
let tg: TelegramFake;
let headers: Record<string, string>;

beforeAll(async () => {
  env = await startChannelServer();
  const bot = await addTelegramBot(env, { token: '515000:problem-files-bot', secretToken: tgSecret });
  tg = bot.tg;
  const { driver } = bot;
  await driver.send(tgMessageUpdate({ from: first, text: 'На Садовой 12 не горит фонарь у подъезда' }));
  await driver.send(
    tgMessageUpdate({ from: second, text: 'ул. Садовая, д. 12 — темно, фонарь не работает' }),
  );
  await driver.send(tgMessageUpdate({ from: third, text: 'Во дворе на Лесной 3 разбита скамейка' }));
  headers = (await loginAs(env.server, env.org.users.supervisor)).headers;
});

afterAll(async () => {
  await tg?.close();
  await env?.server.close();
});

const api = (method: string, path: string, body?: unknown) =>
  callApi({ url: env.server.url, headers }, method, path, body);

async function upload(appealId: string, name: string, bytes: Buffer): Promise<Json> {
  const response = await fetch(
    `${env.server.url}/api/v1/appeals/${appealId}/files?${new URLSearchParams({ name })}`,
    {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/octet-stream' },
      body: new Uint8Array(bytes),
    },
  );
  expect(response.status).toBe(201);
  return ((await response.json()) as Json).file;
}

it('sends the answer with its file to every citizen of the group, each in their own chat; a file of another appeal is refused', async () => {
  const { a, b, other } = await waitFor(async () => {
    const pulled = await pullAll(env, env.org.users.supervisor, 'appeals');
    const find = (words: string) => pulled.find((x) => String(x.text).includes(words));
    const found = { a: find('Садовой 12'), b: find('Садовая, д. 12'), other: find('Лесной 3') };
    return found.a && found.b && found.other ? found : undefined;
  });
  const grouped = await api('POST', '/api/v1/problems', { appealIds: [a.id, b.id] });
  expect(grouped.status).toBe(200);
  const problemId = grouped.body.problem.id;
  const pdf = Buffer.from('%PDF-1.4\n% график ремонта освещения\n%%EOF\n', 'utf8');
  const file = await upload(a.id, 'График ремонта.pdf', pdf);
  const foreign = await upload(other.id, 'Чужой.pdf', pdf);
  const text = `Фонарь на Садовой, 12 починят завтра, график во вложении (${problemId.slice(0, 8)}).`;

  const refused = await api('POST', `/api/v1/problems/${problemId}/answer`, { text, fileIds: [foreign.id] });
  expect(refused.status).toBe(400);
  expect(refused.body.error.code).toBe('unknown_files');
  const none = await env.server.pool.query(`SELECT 1 FROM sync_messages WHERE doc->>'text' = $1`, [text]);
  expect(none.rowCount).toBe(0);

  const answered = await api('POST', `/api/v1/problems/${problemId}/answer`, { text, fileIds: [file.id] });
  expect(answered.status).toBe(200);
  expect([...answered.body.answered].sort()).toEqual([a.id, b.id].sort());

  const documents = await waitFor(async () => {
    const sent = tg.sent.filter((m) => m.method === 'sendDocument');
    return sent.length >= 2 ? sent : undefined;
  });
  await new Promise((resolve) => setTimeout(resolve, 700));
  expect(tg.sent.filter((m) => m.method === 'sendDocument')).toHaveLength(2);
  expect(documents.map((m) => String(m.chatId)).sort()).toEqual([String(first.id), String(second.id)].sort());
  for (const sent of documents) {
    const document = sent.document as { filename: string; bytes: Buffer };
    expect(document.filename).toBe('График ремонта.pdf');
    expect(Buffer.compare(document.bytes, pdf)).toBe(0);
  }
  // Each member's answer holds the file as that appeal's own row (the bytes are stored once).
  const messages = await env.server.pool.query<{ appeal_id: string; doc: Json }>(
    `SELECT appeal_id, doc FROM sync_messages WHERE doc->>'text' = $1`,
    [text],
  );
  expect(messages.rows).toHaveLength(2);
  for (const row of messages.rows) {
    const [meta] = row.doc.attachments;
    expect(meta).toMatchObject({ name: 'График ремонта.pdf', sha256: file.sha256, size: pdf.length });
    const own = await env.server.pool.query('SELECT 1 FROM answer_files WHERE id = $1 AND appeal_id = $2', [
      meta.id,
      row.appeal_id,
    ]);
    expect(own.rowCount).toBe(1);
  }
});
