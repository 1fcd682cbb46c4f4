/**
 * The filing wizard end to end over the real webhooks (Telegram and VK formats), the real
 * PostgreSQL and the network fakes: seed conditions 1–3 and 6, 152-FZ consent, status only for
 * the filing account, cancel, resume after a pause and the idle timeout.
 */
import { readPassport } from '../../../server/src/personal-data';
import { tgUser } from '../../fakes';
import { createTestDatabase } from '../setup/db';
import { waitFor } from '../setup/wait';
import { insertStaffMessage, staffMessage } from '../sync/fixtures';
import { type BotWorld, startBotWorld, telegramCitizen, vkCitizen } from './harness';

const numberPattern = /ОГ-\d{4}-\d{6}/;

// biome-ignore lint/suspicious/noExplicitAny: assertions read deep into the stored document
type Doc = Record<string, any>;

async function appealByNumber(world: BotWorld, number: string) {
  const result = await world.server.pool.query<{ doc: Doc; seq: string }>(
    `SELECT doc, seq FROM sync_appeals WHERE org_id = $1 AND doc->>'registrationNumber' = $2`,
    [world.org.organisation.id, number],
  );
  return result.rows[0];
}

describe('the filing wizard in Telegram', () => {
  let world: BotWorld;
  let number = '';
  const ivan = tgUser({ id: 91001, first_name: 'Иван', last_name: 'Петров', language_code: 'ru' });

  beforeAll(async () => {
    world = await startBotWorld();
  });
  afterAll(async () => {
    await world.close();
  });

  it('files a formal appeal: name mismatch corrected, invalid passport re-asked, contact rule violated and fixed', async () => {
    const citizen = telegramCitizen(world, ivan);
    expect(await citizen.say('/start')).toContain('Подать обращение');
    const consent = await citizen.say('Подать обращение');
    expect(consent).toContain('152-ФЗ');
    expect(await citizen.say('Согласен')).toContain('«Иван Петров»');

    const mismatch = await citizen.say('Сидоров Пётр Павлович');
    expect(mismatch).toContain('не совпадает с именем в профиле «Иван Петров»');
    expect(await citizen.say('Петров Иван Сергеевич')).toContain('серию и номер паспорта');

    expect(await citizen.say('46 07 91827')).toContain('10 цифр');
    expect(await citizen.say('46 07 918273')).toContain('Паспорт 46 ** ***273 принят');

    expect(await citizen.say('нет')).toContain('почтовый адрес');
    expect(await citizen.say('Нет')).toContain('электронной почты');
    const rule = await citizen.say('ivan.petrov@example.ru');
    expect(rule).toContain('Без телефона нужен ещё и почтовый адрес');
    expect(rule).toContain('номер телефона');
    expect(await citizen.say('+7 912 345-67-89')).toContain('почтовый адрес');
    expect(await citizen.say('нет')).toContain('как гражданин или от имени организации');
    expect(await citizen.say('Гражданин')).toContain('индивидуальное или коллективное');
    expect(await citizen.say('Индивидуальное')).toContain('Изложите суть');
    expect(await citizen.say('Мусор')).toContain('подробнее');
    expect(
      await citizen.say(
        'Во дворе дома 5 по улице Ленина третью неделю не вывозят мусор. Прошу принять меры.',
      ),
    ).toContain('Приложите файлы');
    const summary = await citizen.say('Готово');
    expect(summary).toContain('Петров Иван Сергеевич');
    expect(summary).toContain('46 ** ***273');
    expect(summary).toContain('+79123456789');

    const registered = await citizen.say('Отправить');
    expect(registered).toMatch(numberPattern);
    expect(registered).toContain('Срок ответа по закону');
    number = numberPattern.exec(registered)![0];

    const appeal = (await appealByNumber(world, number))!;
    expect(appeal.doc).toMatchObject({
      regime: 'formal',
      channel: 'telegram',
      status: 'registered',
      applicant: {
        name: { lastName: 'Петров', firstName: 'Иван', patronymic: 'Сергеевич' },
        identification: 'social-passport',
        passportMasked: '46 ** ***273',
        contacts: { phone: '+79123456789', email: 'ivan.petrov@example.ru', postalAddress: null },
        nameMatch: { verdict: 'match', profileName: 'Иван Петров' },
      },
      kind: { collective: false, applicantType: 'citizen' },
    });
    expect(appeal.doc.legalDeadline).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(registered).toContain(appeal.doc.legalDeadline.split('-').reverse().join('.'));

    // The passport is stored encrypted, readable with the key, and never echoed or put in the inbox.
    const passport = await readPassport(
      world.server.pool,
      world.server.config,
      world.org.organisation.id,
      appeal.doc.applicant.applicantId,
    );
    expect(passport).toEqual({ series: '4607', number: '918273' });
    for (const sent of citizen.replies()) expect(sent.text ?? '').not.toMatch(/918273|46 07/);
    const leaked = await world.server.pool.query(
      `SELECT 1 FROM sync_messages WHERE doc->>'text' LIKE '%918273%' UNION ALL
       SELECT 1 FROM sync_appeals WHERE doc::text LIKE '%918273%'`,
    );
    expect(leaked.rowCount).toBe(0);
    // Buttons are a Telegram reply keyboard.
    expect(citizen.replies().at(-1)!.replyMarkup).toMatchObject({
      keyboard: [[{ text: 'Подать обращение' }], expect.anything(), expect.anything()],
    });
    expect(world.tg.violations).toEqual([]);
  });

  it('answers the status to the account that filed, and «Мои обращения» lists it', async () => {
    const citizen = telegramCitizen(world, ivan);
    const status = await citizen.say(`статус ${number}`);
    expect(status).toContain(number);
    expect(status).toContain('Зарегистрировано');
    expect(await citizen.say('Мои обращения')).toContain(number);
    const viaButton = await citizen.say('Статус обращения');
    expect(viaButton).toContain('регистрационный номер');
    expect(await citizen.say(number)).toContain('Зарегистрировано');
  });

  it('refuses a status request from a different account, without saying whether the number exists', async () => {
    const stranger = telegramCitizen(world, tgUser({ id: 91002, first_name: 'Пётр', last_name: 'Сидоров' }));
    const refused = await stranger.say(`статус ${number}`);
    expect(refused).toContain('не найдено среди обращений, поданных с этого аккаунта');
    expect(refused).not.toContain('Зарегистрировано');
    const unknown = await stranger.say('статус ОГ-2000-999999');
    expect(unknown.replace('ОГ-2000-999999', number)).toBe(refused);
    expect(await stranger.say('Мои обращения')).toContain('ещё не подавались');
  });

  it('defect 3: the citizen is told of the extension and the closure, and receives the answer once — one message, the PDF letter captioned with the text', async () => {
    const citizen = telegramCitizen(world, ivan);
    const { pool } = world.server;
    const orgId = world.org.organisation.id;
    const appeal = (await appealByNumber(world, number))!;
    const before = citizen.replies().length;
    await pool.query(
      `UPDATE sync_appeals SET seq = nextval('okno_sync_seq'),
              doc = doc || jsonb_build_object('extension', jsonb_build_object('days', 20, 'reason', 'запрошены документы в другом органе', 'noticeQueuedAt', null),
                                              'extendedAt', 1, 'legalDeadline', '2099-01-20', 'status', 'in_progress')
        WHERE org_id = $1 AND id = $2`,
      [orgId, appeal.doc.id],
    );
    const extended = await waitFor(() =>
      citizen
        .replies()
        .slice(before)
        .find((m) => m.text?.includes('продлён на')),
    );
    expect(extended.text).toContain('на 20 дн.');
    expect(extended.text).toContain('20.01.2099');
    const queued = await waitFor(async () => {
      const r = await pool.query(
        `SELECT doc->'extension'->>'noticeQueuedAt' AS at FROM sync_appeals WHERE id = $1`,
        [appeal.doc.id],
      );
      return r.rows[0].at ?? undefined;
    });
    expect(Number(queued)).toBeGreaterThan(0);

    // The official answers on a desktop: the staff message is delivered with the answer letter.
    const operator = { kind: 'staff', userId: world.org.users.operator1.id, displayName: 'Оператор' };
    await insertStaffMessage(pool, {
      ...staffMessage(
        orgId,
        { id: appeal.doc.id, conversationId: appeal.doc.conversationId },
        operator.userId,
      ),
      id: 'answer-1',
      author: operator,
      text: 'Вывоз мусора по адресу ул. Ленина, 5 восстановлен 12 марта.',
    });
    const answerText = 'Вывоз мусора по адресу ул. Ленина, 5 восстановлен 12 марта.';
    await waitFor(() => citizen.replies().find((m) => m.caption === answerText));
    const delivered = await waitFor(async () => {
      const r = await pool.query(
        `SELECT doc->>'deliveryStatus' AS s FROM sync_messages WHERE id = 'answer-1'`,
      );
      return r.rows[0].s === 'sent' ? r.rows[0].s : undefined;
    });
    expect(delivered).toBe('sent');
    // One message: the letter, captioned with the answer's text (it fits Telegram's 1024-character caption).
    const answers = citizen.replies().filter((m) => m.text === answerText || m.caption === answerText);
    expect(answers).toHaveLength(1);
    const document = answers[0]!;
    expect(document.method).toBe('sendDocument');
    // The answer letter is a PDF with an embedded Cyrillic font (a PT Sans subset).
    const file = document.document && 'bytes' in document.document ? document.document : null;
    expect(file?.filename).toBe(`Ответ ${number}.pdf`);
    expect(file?.contentType).toBe('application/pdf');
    expect(file?.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(file?.bytes.toString('latin1')).toMatch(/\/FontFile2 /);
    expect(file?.bytes.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+PTSans-Bold/);
    expect(file?.bytes.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+PTSans-Regular/);

    await pool.query(
      `UPDATE sync_appeals SET seq = nextval('okno_sync_seq'), doc = doc || jsonb_build_object('answeredAt', $3::bigint, 'status', 'answered')
        WHERE org_id = $1 AND id = $2`,
      [orgId, appeal.doc.id, Date.now()],
    );
    // The appeal's answered status is noticed (the filing moves on) and announces nothing more.
    await waitFor(async () => {
      const r = await pool.query(`SELECT notified->>'answered' AS a FROM bot_filings WHERE appeal_id = $1`, [
        appeal.doc.id,
      ]);
      return r.rows[0].a === 'true' || undefined;
    });
    // A follow-up message written after the answer is a message, not a second answer letter.
    const followUp = 'Дополнительно сообщаем: контейнерная площадка будет отремонтирована до 1 июня.';
    await insertStaffMessage(pool, {
      ...staffMessage(
        orgId,
        { id: appeal.doc.id, conversationId: appeal.doc.conversationId },
        operator.userId,
      ),
      id: 'follow-up-1',
      author: operator,
      text: followUp,
      createdAt: Date.now() + 1,
      updatedAt: Date.now() + 1,
    });
    await waitFor(() => citizen.replies().find((m) => m.text === followUp));

    await pool.query(
      `UPDATE sync_appeals SET seq = nextval('okno_sync_seq'), doc = doc || jsonb_build_object('closedAt', $3::bigint, 'status', 'closed', 'result', 'supported')
        WHERE org_id = $1 AND id = $2`,
      [orgId, appeal.doc.id, Date.now()],
    );
    const closed = await waitFor(() => citizen.replies().find((m) => m.text?.includes('завершено')));
    expect(closed.text).toContain(number);
    // Each notice exactly once.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(citizen.replies().filter((m) => m.text?.includes('продлён на'))).toHaveLength(1);
    expect(citizen.replies().filter((m) => m.text?.includes('завершено'))).toHaveLength(1);
    // One answer: its text reached the chat once, and no «Ответ на обращение №…» repeated it.
    expect(
      citizen.replies().filter((m) => (m.text ?? m.caption ?? '').includes('восстановлен 12 марта')),
    ).toHaveLength(1);
    expect(citizen.replies().filter((m) => m.text?.startsWith('Ответ на обращение'))).toEqual([]);
    expect(citizen.replies().filter((m) => m.method === 'sendDocument')).toHaveLength(1);
  });
});

describe('the filing wizard in VK', () => {
  let world: BotWorld;
  beforeAll(async () => {
    world = await startBotWorld();
  });
  afterAll(async () => {
    await world.close();
  });

  it('files a collective appeal of an organisation with co-signers', async () => {
    const anna = vkCitizen(world, 5001);
    expect(await anna.say('Начать')).toContain('Подать обращение');
    expect(await anna.say('Подать обращение')).toContain('152-ФЗ');
    expect(await anna.say('Согласен')).toContain('«Анна Смирнова»');
    expect(await anna.say('Смирнова Анна Викторовна')).toContain('серию и номер');
    expect(await anna.say('4510 654321')).toContain('45 ** ***321');
    expect(await anna.say('+7 (912) 000-11-22')).toContain('почтовый адрес');
    expect(await anna.say('нет')).toContain('электронной почты');
    expect(await anna.say('anna@example.ru')).toContain('гражданин или от имени организации');
    expect(await anna.say('Организация')).toContain('название организации');
    expect(await anna.say('ТСЖ «Ленина 5»')).toContain('ИНН');
    expect(await anna.say('7707083894')).toContain('ИНН указан с ошибкой');
    expect(await anna.say('7707083893')).toContain('индивидуальное или коллективное');
    expect(await anna.say('Коллективное')).toContain('соподписанта');
    expect(await anna.say('Готово')).toContain('хотя бы один соподписант');
    expect(await anna.say('Петров')).toContain('Формат');
    expect(await anna.say('Иванова Мария Петровна; +7 912 345-67-89')).toContain('(всего: 1)');
    expect(await anna.say('Кузьмин Олег Игоревич; kuzmin@example.ru')).toContain('(всего: 2)');
    expect(await anna.say('Готово')).toContain('Изложите суть');
    expect(await anna.say('Просим отремонтировать детскую площадку во дворе дома 5.')).toContain('Приложите');
    const summary = await anna.say('Готово');
    expect(summary).toContain('ТСЖ «Ленина 5», ИНН 7707083893');
    expect(summary).toContain('Коллективное, соподписантов: 2');
    const registered = await anna.say('Отправить');
    const number = numberPattern.exec(registered)![0];
    const appeal = (await appealByNumber(world, number))!;
    expect(appeal.doc).toMatchObject({
      channel: 'vk',
      kind: {
        collective: true,
        applicantType: 'organisation',
        organisationName: 'ТСЖ «Ленина 5»',
        inn: '7707083893',
        coSigners: [
          { name: { lastName: 'Иванова', firstName: 'Мария', patronymic: 'Петровна' } },
          { name: { lastName: 'Кузьмин', firstName: 'Олег', patronymic: 'Игоревич' } },
        ],
      },
    });
    const last = anna.replies().at(-1)!;
    expect(last.keyboard).toMatchObject({
      buttons: [
        [{ action: { type: 'text', label: 'Подать обращение' } }],
        expect.anything(),
        expect.anything(),
      ],
    });
    expect(new Set(anna.replies().map((m) => m.randomId)).size).toBe(anna.replies().length);
    expect(world.vk.violationsOf('schema')).toEqual([]);

    // Another VK account asking about this number is refused.
    const oleg = vkCitizen(world, 5002);
    expect(await oleg.say(`статус ${number}`)).toContain('не найдено среди обращений');
  });

  it('asks to confirm a name that needs confirmation (a diminutive in the profile)', async () => {
    world.vk.users.set(5003, { first_name: 'Саша', last_name: 'Белова' });
    const sasha = vkCitizen(world, 5003);
    await sasha.say('Подать обращение');
    await sasha.say('Согласен');
    const confirm = await sasha.say('Белова Александра Игоревна');
    expect(confirm).toContain('«Саша Белова» не полностью совпадает');
    expect(await sasha.say('Подтверждаю')).toContain('серию и номер');
    expect(await sasha.say('Отмена')).toContain('отменена');
  });
});

describe('interruptions', () => {
  it('cancels mid-way and deletes what was entered', async () => {
    const world = await startBotWorld();
    try {
      const citizen = telegramCitizen(world, tgUser({ id: 92001, first_name: 'Мария', last_name: 'Орлова' }));
      await citizen.say('Подать обращение');
      await citizen.say('Согласен');
      await citizen.say('Орлова Мария Андреевна');
      await citizen.say('4601 111222');
      const session = await world.server.pool.query(`SELECT data FROM bot_sessions WHERE peer_id = '92001'`);
      const applicantId = session.rows[0].data.applicantId;
      expect(
        (await world.server.pool.query('SELECT 1 FROM personal_data WHERE applicant_id = $1', [applicantId]))
          .rowCount,
      ).toBe(1);
      expect(await citizen.say('Отмена')).toContain('Подача обращения отменена');
      expect(
        (await world.server.pool.query('SELECT 1 FROM personal_data WHERE applicant_id = $1', [applicantId]))
          .rowCount,
      ).toBe(0);
      const after = await world.server.pool.query(
        `SELECT state, data FROM bot_sessions WHERE peer_id = '92001'`,
      );
      expect(after.rows[0]).toEqual({ state: 'idle', data: {} });
      expect(
        (await world.server.pool.query(`SELECT 1 FROM sync_appeals WHERE doc->>'regime' = 'formal'`))
          .rowCount,
      ).toBe(0);
      expect(await citizen.say('Отмена')).toContain('нечего отменять');
    } finally {
      await world.close();
    }
  });

  it('resumes after a pause across a server restart, and resets after the idle timeout', async () => {
    const database = await createTestDatabase();
    const first = await startBotWorld({ database });
    const { org, tg, vk } = first;
    const user = tgUser({ id: 93001, first_name: 'Олег', last_name: 'Миронов' });
    try {
      const before = telegramCitizen(first, user);
      await before.say('Подать обращение');
      await before.say('Согласен');
      expect(await before.say('Миронов Олег Иванович')).toContain('серию и номер');
      await first.server.close();

      const second = await startBotWorld({ database, org, tg, vk });
      try {
        const after = telegramCitizen(second, user);
        expect(await after.say('/start')).toContain('Продолжим заполнение обращения');
        expect(await after.say('4502 765432')).toContain('Паспорт 45 ** ***432 принят');
        await second.server.pool.query(
          `UPDATE bot_sessions SET updated_at = now() - interval '25 hours' WHERE peer_id = '93001'`,
        );
        const timedOut = await after.say('+7 912 555-44-33');
        expect(timedOut).toContain('прервано больше чем на 24 ч');
        const state = await second.server.pool.query(
          `SELECT state FROM bot_sessions WHERE peer_id = '93001'`,
        );
        expect(state.rows[0].state).toBe('idle');
        expect(
          (await second.server.pool.query('SELECT count(*)::int AS n FROM personal_data')).rows[0].n,
        ).toBe(0);
      } finally {
        await second.close();
      }
    } finally {
      await tg.close();
      await vk.close();
      await database.drop();
    }
  });
});
