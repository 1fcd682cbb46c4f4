/**
 * Issue 12, acceptance: the conversation after filing, over Telegram, VK, MAX and OK each —
 * schema-checked events to the server's real webhooks, replies read from what each network's fake
 * accepted, the appeal, its thread and its history read from PostgreSQL.
 *
 * - An addition with a photo: the official sees the photo in the appeal's thread and the addition
 *   in its history; no new incident is made of it.
 * - «Мои обращения» with statuses and deadlines, to the filer only.
 * - One answer in the chat (issue 11 defect 3): the staff answer arrives once, with the PDF letter
 *   where the network takes files; «Копия ответа (PDF)» sends the letter again on request.
 * - A withdrawal: the appeal is closed by the applicant's statement, seen in its history and card
 *   fields, and the chat is not told of the closure a second time.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  maxImageAttachment,
  maxMessageCreated,
  maxUser,
  okImageAttachment,
  okMessage,
  tgMessageUpdate,
  tgUser,
  vkMessage,
  vkMessageNew,
  vkPhotoAttachment,
} from '../../fakes';
import { waitFor } from '../setup/wait';
import { insertStaffMessage, staffMessage } from '../sync/fixtures';
import {
  citizenOn,
  type Network,
  type NetworkCitizen,
  type NetworksWorld,
  networks,
  startNetworksWorld,
} from './citizens';

// biome-ignore lint/suspicious/noExplicitAny: assertions read deep into the stored documents
type Doc = Record<string, any>;

const numberPattern = /ОГ-\d{4}-\d{6}/;
const appealText = 'Во дворе дома 5 по улице Ленина третью неделю не вывозят мусор. Прошу принять меры.';
const answerText = 'Вывоз мусора по адресу ул. Ленина, 5 восстановлен, график согласован с подрядчиком.';
const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 0xff, 0xd9]);

/** A photo host on 127.0.0.1 (the host of the fakes, which the attachment download allows). */
async function startPhotoHost(): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': jpeg.length });
    response.end(jpeg);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/photo.jpg`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The same citizen as `citizenOn(world, network, n)`, sending a photo with a caption. */
async function sendPhoto(world: NetworksWorld, network: Network, n: number, caption: string, url: string) {
  if (network === 'telegram') {
    const from = tgUser({ id: 94_000 + n, first_name: 'Иван', last_name: 'Петров', language_code: 'ru' });
    const file = world.tg.addFile(jpeg, { mimeType: 'image/jpeg' });
    const size = {
      file_id: file.file_id,
      file_unique_id: file.file_unique_id,
      file_size: jpeg.length,
      width: 90,
      height: 60,
    };
    return world.tgDriver.send(tgMessageUpdate({ from, text: caption, photo: [size] as never }));
  }
  if (network === 'vk') {
    const userId = 6_000 + n;
    const photo = vkPhotoAttachment(userId, 457_239_100 + n) as Doc;
    photo.photo.sizes = [{ type: 'x', url, width: 604, height: 453 }];
    return world.vkDriver.send(
      vkMessageNew(vkMessage({ from_id: userId, text: caption, attachments: [photo] as never }), {
        groupId: 777001,
        secret: 'vk-callback-secret',
      }),
    );
  }
  if (network === 'max') {
    const sender = maxUser({ user_id: 71_000_000 + n, first_name: 'Иван', last_name: 'Петров' });
    return world.maxDriver.send(
      maxMessageCreated({
        sender,
        text: caption,
        chatId: 81_000_000 + n,
        attachments: [maxImageAttachment(9100 + n, url)],
      }),
    );
  }
  const chatId = `C0c17${n.toString(16).padStart(7, '0')}`;
  return world.okDriver.send(
    okMessage({
      userId: String(577_000_000_000 + n),
      chatId,
      text: caption,
      attachments: [okImageAttachment(url)],
    }),
  );
}

/** The filing in natural words (tests/integration/bot/journeys.filing.test.ts); returns the number. */
async function file(citizen: NetworkCitizen): Promise<string> {
  await citizen.say('Подать обращение');
  await citizen.say('да');
  await citizen.say('Петров Иван Сергеевич');
  await citizen.say('46 07 918273');
  await citizen.say('+7 912 345-67-89, ivan.petrov@example.ru');
  await citizen.say('гражданин');
  await citizen.say('индивидуальное');
  await citizen.say(appealText);
  await citizen.say('готово');
  const registered = await citizen.say('да');
  const number = numberPattern.exec(registered)?.[0];
  if (!number) throw new Error(`not registered: ${registered}`);
  return number;
}

describe.each(networks)('after filing over %s', (network) => {
  let world: NetworksWorld;
  let photos: Awaited<ReturnType<typeof startPhotoHost>>;
  const n = 1;
  let citizen: NetworkCitizen;
  let first = '';
  let appeal: Doc;

  beforeAll(async () => {
    world = await startNetworksWorld();
    photos = await startPhotoHost();
    citizen = citizenOn(world, network, n);
  });
  afterAll(async () => {
    await world.close();
    await photos.close();
  });

  const fake = () => world[network === 'telegram' ? 'tg' : network];
  const query = async (sql: string, params: unknown[]) =>
    (await world.server.pool.query<Doc>(sql, params)).rows;
  const appealByNumber = async (number: string) =>
    (await query(`SELECT doc FROM sync_appeals WHERE doc->>'registrationNumber' = $1`, [number]))[0]!.doc;
  const deliveredSoon = () => new Promise((resolve) => setTimeout(resolve, 1200));

  it('an addition with a photo: the official sees it in the appeal’s thread and history', async () => {
    first = await file(citizen);
    appeal = await appealByNumber(first);
    const incidentsBefore = await query(
      `SELECT id FROM sync_appeals WHERE doc->>'regime' = 'incident' AND conversation_id = $1`,
      [appeal.conversationId],
    );

    expect(await citizen.say('Дополнить обращение')).toContain(`Дополнение к обращению № ${first}`);
    const before = citizen.replies().length;
    const report = await sendPhoto(world, network, n, 'Фото контейнерной площадки сегодня утром', photos.url);
    expect(report.accepted).toBe(true);
    await waitFor(() => citizen.replies()[before]);
    expect(citizen.replies()[before]!.text).toContain('сообщений: 1, файлов: 1');
    const done = await citizen.say('Готово');
    expect(done).toContain(`Дополнение к обращению № ${first} принято (сообщений: 1, файлов: 1)`);

    // The photo is attached to the appeal: the citizen's message in its thread carries it.
    const [added] = await query(
      `SELECT doc FROM sync_messages WHERE appeal_id = $1 AND doc->>'direction' = 'in'`,
      [appeal.id],
    );
    expect(added!.doc).toMatchObject({
      appealId: appeal.id,
      conversationId: appeal.conversationId,
      text: 'Фото контейнерной площадки сегодня утром',
      author: { kind: 'applicant' },
      attachments: [expect.objectContaining({ mimeType: 'image/jpeg', size: jpeg.length })],
    });
    // The bot's confirmation is in the same thread; the prompts are not.
    const bot = await query(
      `SELECT doc->>'text' AS text FROM sync_messages WHERE appeal_id = $1 AND doc->'author'->>'kind' = 'bot'`,
      [appeal.id],
    );
    expect(bot.map((m) => m.text)).toContainEqual(
      expect.stringContaining('принято (сообщений: 1, файлов: 1)'),
    );
    expect(bot.map((m) => m.text)).not.toContainEqual(
      expect.stringContaining('Напишите, что хотите добавить'),
    );
    // The history has it; no incident was made of the addition.
    const history = await query(
      `SELECT details FROM audit_log WHERE entity = 'appeal' AND entity_id = $1 AND action = 'appeal.addition'`,
      [appeal.id],
    );
    expect(history.map((h) => h.details)).toEqual([
      { actor: 'applicant', source: 'bot', files: 1, characters: 40 },
    ]);
    const incidentsAfter = await query(
      `SELECT id FROM sync_appeals WHERE doc->>'regime' = 'incident' AND conversation_id = $1`,
      [appeal.conversationId],
    );
    expect(incidentsAfter).toEqual(incidentsBefore);
  });

  it('«Мои обращения» lists the appeal with its status and deadline, to its filer only', async () => {
    const mine = await citizen.say('Мои обращения');
    const deadline = String(appeal.legalDeadline).split('-').reverse().join('.');
    expect(mine).toContain(`№ ${first} от `);
    expect(mine).toContain(`Зарегистрировано. Срок ответа: ${deadline}.`);
    expect(mine).toContain('дополнить («дополнить») или отозвать («отозвать»)');
    // Every network shows the buttons (OK: an INLINE_KEYBOARD of CALLBACK buttons).
    expect(citizen.replies().at(-1)!.buttons).toEqual(
      expect.arrayContaining(['Дополнить обращение', 'Отозвать обращение']),
    );
    const stranger = citizenOn(world, network, n + 50);
    expect(await stranger.say('Мои обращения')).toContain('ещё не подавались');
    expect(await stranger.say('Дополнить обращение')).toContain('нечего');
  });

  it('one answer in the chat (defect 3), and a copy of the answer as PDF on request', async () => {
    const orgId = world.org.organisation.id;
    const before = citizen.replies().length;
    const operator1 = world.org.users.operator1.id;
    await insertStaffMessage(world.server.pool, {
      ...staffMessage(orgId, { id: appeal.id, conversationId: appeal.conversationId }, operator1),
      id: `answer-${network}`,
      author: { kind: 'staff', userId: operator1, displayName: 'Оператор' },
      text: answerText,
    });
    await world.server.pool.query(
      `UPDATE sync_appeals SET seq = nextval('okno_sync_seq'),
              doc = doc || jsonb_build_object('answeredAt', $2::bigint, 'status', 'answered') WHERE id = $1`,
      [appeal.id, Date.now()],
    );
    await waitFor(() =>
      citizen
        .replies()
        .slice(before)
        .find((m) => m.text.includes(answerText)),
    );
    await waitFor(async () => {
      const [row] = await query(`SELECT notified->>'answered' AS a FROM bot_filings WHERE appeal_id = $1`, [
        appeal.id,
      ]);
      return row!.a === 'true' || undefined;
    });
    await deliveredSoon();
    const received = citizen.replies().slice(before);
    // The text once, and no «Ответ на обращение №…» repeating it.
    expect(received.filter((m) => m.text.includes('восстановлен'))).toHaveLength(1);
    expect(received.filter((m) => m.text.startsWith('Ответ на обращение'))).toEqual([]);
    // Every network gets the letter as a file (OK: after fileUploadUrl, as a FILE attachment, sent once
    // OK's "couple of seconds" after the upload have passed — so it is waited for, not assumed).
    await waitFor(() => (documentsSince(before).length > 0 ? true : undefined));
    expect(documentsSince(before)).toEqual([`Ответ ${first}.pdf`]);

    const copyAt = citizen.replies().length;
    const copy = await citizen.say('Копия ответа (PDF)');
    expect(copy).toBe(`Копия ответа на обращение № ${first} — в приложенном PDF.`);
    await waitFor(() => documentsSince(copyAt).length > 0 || undefined);
    expect(documentsSince(copyAt)).toEqual([`Ответ ${first}.pdf`]);
    // The answer and its copy are one official letter (issue 10): one outgoing number, drawn once.
    expect(await query(`SELECT kind, message_id FROM letters WHERE appeal_id = $1`, [appeal.id])).toEqual([
      { kind: 'answer', message_id: `answer-${network}` },
    ]);
    if (network === 'ok') {
      const pdfs = world.ok.sent.filter((m) => m.chatId === citizen.chatId).flatMap((m) => m.files);
      expect(pdfs.map((f) => f.bytes.subarray(0, 5).toString('latin1'))).toEqual(['%PDF-', '%PDF-']);
    }
    expect(fake().violations).toEqual([]);
  });

  /** The PDF files the fake received for this citizen since reply `from`, by name. */
  function documentsSince(from: number): string[] {
    const sent = (() => {
      if (network === 'telegram')
        return world.tg.sent
          .filter((m) => String(m.chatId) === citizen.chatId)
          .map((m) => (m.document && 'filename' in m.document ? [m.document.filename] : []));
      if (network === 'vk')
        return world.vk.sent
          .filter((m) => String(m.peerId) === citizen.chatId)
          .map((m) => m.attachments.flatMap((a) => (a.doc ? [a.doc.title] : [])));
      if (network === 'max')
        return world.max.sent
          .filter((m) => String(m.chatId) === citizen.chatId)
          .map((m) => m.files.map((f) => f.filename));
      return world.ok.sent
        .filter((m) => m.chatId === citizen.chatId)
        .map((m) => m.files.map((f) => f.filename));
    })();
    return sent.slice(from).flat();
  }

  it('a withdrawal closes the appeal by the applicant’s statement, seen in its history, told once', async () => {
    const second = await file(citizen);
    const withdrawn = await appealByNumber(second);
    // The first appeal is answered: the second is the only one that can be withdrawn.
    expect(await citizen.say('Отозвать обращение')).toContain(`Отозвать обращение № ${second}?`);
    expect(await citizen.say('Вопрос решён, мусор вывезли')).toContain('Причина записана');
    // The confirmation by its button: on OK a MESSAGE_CALLBACK, answered as OK requires.
    const answersBefore = world.ok.callbackAnswers.length;
    const confirmed = await citizen.press('Отозвать обращение');
    expect(confirmed).toContain(`Обращение № ${second} отозвано по вашему заявлению`);
    if (network === 'ok') {
      const answer = await waitFor(() => world.ok.callbackAnswers[answersBefore]);
      expect(answer.message).toEqual({ text: 'Отозвать обращение' });
      expect(world.ok.unansweredCallbacks).toEqual([]);
    }

    const doc = await appealByNumber(second);
    expect(doc).toMatchObject({ status: 'closed', result: 'left_without_answer', art11Outcome: null });
    expect(doc.outcomeNote).toMatch(/^Отозвано заявителем: заявление об отзыве получено через /);
    expect(doc.outcomeNote).toContain('Причина, указанная заявителем: Вопрос решён, мусор вывезли');
    expect(doc.closedAt).toEqual(expect.any(Number));
    const history = await query(
      `SELECT actor_user_id, details FROM audit_log WHERE entity = 'appeal' AND entity_id = $1 AND action = 'appeal.update'`,
      [withdrawn.id],
    );
    expect(history.at(-1)).toMatchObject({
      actor_user_id: null,
      details: { actions: ['withdraw'], source: 'bot' },
    });
    // The reason is the citizen's own word in the appeal's thread.
    const reason = await query(
      `SELECT doc FROM sync_messages WHERE appeal_id = $1 AND doc->>'direction' = 'in'`,
      [withdrawn.id],
    );
    expect(reason.map((m) => m.doc.text)).toEqual(['Вопрос решён, мусор вывезли']);

    const mine = await citizen.say('Мои обращения');
    expect(mine).toContain(`№ ${second} от `);
    expect(mine).toMatch(new RegExp(`№ ${second} от [^\\n]* — отозвано вами`));
    expect(mine).toMatch(new RegExp(`№ ${first} от [^\\n]* — дан ответ`));
    expect(await citizen.say('Отозвать обращение')).toContain('нечего');
    // The notice job does not announce the closure the bot has just confirmed.
    await deliveredSoon();
    expect(
      citizen.replies().filter((m) => m.text.includes(`Рассмотрение обращения № ${second} завершено`)),
    ).toEqual([]);
    expect(fake().violations).toEqual([]);
  });
});

// One world for both Telegram journeys, its clock shifted for the second.
describe('after filing over Telegram: several appeals, and an addition left half-way', () => {
  let world: NetworksWorld;
  // The real clock, shifted past the idle timeout (24 h by default) when the citizen comes back.
  let shift = 0;

  beforeAll(async () => {
    world = await startNetworksWorld({ now: () => Date.now() + shift });
  });
  afterAll(async () => {
    await world.close();
  });

  it('asks which appeal, offers only the citizen’s own, and takes the number typed or pressed', async () => {
    const citizen = citizenOn(world, 'telegram', 7);
    const neighbour = citizenOn(world, 'telegram', 8);
    const older = await file(citizen);
    const newer = await file(citizen);
    const others = await file(neighbour);

    const pick = await citizen.say('дополнить');
    expect(pick).toContain('К какому обращению направить дополнение?');
    expect(citizen.replies().at(-1)!.buttons).toEqual([newer, older, 'Отмена']);
    // Another person's number is not taken: the question is asked again.
    expect(await citizen.say(others)).toContain('Выберите номер обращения');
    expect(await citizen.say(older.toLowerCase())).toContain(`Дополнение к обращению № ${older}`);
    expect(await citizen.say('Пожалуйста, учтите, что контейнер стоит у детской площадки.')).toContain(
      'сообщений: 1, файлов: 0',
    );
    // Another menu command ends the addition; what was added stays added.
    expect(await citizen.say('Мои обращения')).toContain(`№ ${newer} от `);
    const [appeal] = (
      await world.server.pool.query<Doc>(
        `SELECT id FROM sync_appeals WHERE doc->>'registrationNumber' = $1`,
        [older],
      )
    ).rows;
    const added = await world.server.pool.query<Doc>(
      `SELECT doc->>'text' AS text FROM sync_messages WHERE appeal_id = $1 AND doc->>'direction' = 'in'`,
      [appeal!.id],
    );
    expect(added.rows.map((r) => r.text)).toEqual([
      'Пожалуйста, учтите, что контейнер стоит у детской площадки.',
    ]);

    expect(await citizen.say('Отозвать обращение')).toContain('Какое обращение отозвать?');
    expect(await citizen.say('Отмена')).toContain('ничего не меняем');
    expect(await citizen.say('Отозвать обращение')).toContain('Какое обращение отозвать?');
    expect(await citizen.say(newer)).toContain(`Отозвать обращение № ${newer}?`);
    expect(await citizen.say('нет')).toContain(`Обращение № ${newer} не отозвано`);
    const status = await world.server.pool.query<Doc>(
      `SELECT doc->>'status' AS status FROM sync_appeals WHERE doc->>'registrationNumber' = $1`,
      [newer],
    );
    expect(status.rows[0]!.status).toBe('registered');
    // «да» confirms, as at every confirmation.
    expect(await citizen.say('отозвать')).toContain('Какое обращение отозвать?');
    expect(await citizen.say(newer)).toContain(`Отозвать обращение № ${newer}?`);
    expect(await citizen.say('да')).toContain(`Обращение № ${newer} отозвано по вашему заявлению`);
    expect(world.tg.violations).toEqual([]);
  });

  it('ends quietly after the idle timeout: the next message is the chat’s talk again, nothing is said to be discarded', async () => {
    const citizen = citizenOn(world, 'telegram', 9);
    const number = await file(citizen);
    expect(await citizen.say('Дополнить обращение')).toContain(`Дополнение к обращению № ${number}`);
    shift = 25 * 3600_000;
    const reply = await citizen.say('Добрый день, когда приедут вывозить мусор?');
    expect(reply).not.toContain('Добавлено к обращению');
    expect(reply).not.toContain('введённые данные удалены');
    expect(reply).toContain('Сообщение передано сотрудникам');
    const [appeal] = (
      await world.server.pool.query<Doc>(
        `SELECT id FROM sync_appeals WHERE doc->>'registrationNumber' = $1`,
        [number],
      )
    ).rows;
    const inAppeal = await world.server.pool.query(
      `SELECT 1 FROM sync_messages WHERE appeal_id = $1 AND doc->>'direction' = 'in'`,
      [appeal!.id],
    );
    expect(inAppeal.rowCount).toBe(0);
    const incident = await world.server.pool.query<Doc>(
      `SELECT doc->>'text' AS text FROM sync_appeals WHERE doc->>'regime' = 'incident' AND conversation_id = $1`,
      [
        (await world.server.pool.query<Doc>('SELECT doc FROM sync_appeals WHERE id = $1', [appeal!.id]))
          .rows[0]!.doc.conversationId,
      ],
    );
    expect(incident.rows.map((r) => r.text)).toContain('Добрый день, когда приедут вывозить мусор?');
  });
});
