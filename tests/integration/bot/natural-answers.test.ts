/**
 * Issue 12, «Natural answers»: the filing wizard over the Telegram webhook and fake, the real
 * PostgreSQL — contacts in one message, yes and no in the words people use, a sentence where a phone
 * is expected, going back a step and fixing a field from the summary.
 */
import { tgUser } from '../../fakes';
import { type BotWorld, startBotWorld, telegramCitizen } from './harness';

const numberPattern = /ОГ-\d{4}-\d{6}/;
const appealText = 'Во дворе дома 5 по улице Ленина третью неделю не вывозят мусор. Прошу принять меры.';

describe('natural answers in the filing wizard (Telegram)', () => {
  let world: BotWorld;
  let nextId = 93001;

  beforeAll(async () => {
    world = await startBotWorld();
  });
  afterAll(async () => {
    await world.close();
  });

  /** A citizen Иван Петров at the phone question, passport given. */
  async function atPhone() {
    const citizen = telegramCitizen(
      world,
      tgUser({ id: nextId++, first_name: 'Иван', last_name: 'Петров', language_code: 'ru' }),
    );
    await citizen.say('/start');
    await citizen.say('Подать обращение');
    await citizen.say('Согласен');
    await citizen.say('Петров Иван Сергеевич');
    expect(await citizen.say('46 07 918273')).toContain('номер телефона');
    return citizen;
  }

  async function stored(number: string) {
    const result = await world.server.pool.query<{ doc: Record<string, unknown> }>(
      `SELECT doc FROM sync_appeals WHERE org_id = $1 AND doc->>'registrationNumber' = $2`,
      [world.org.organisation.id, number],
    );
    return result.rows[0]!.doc;
  }

  it('a phone and an e-mail in one message are understood at once and the contact questions end', async () => {
    const citizen = await atPhone();
    const answer = await citizen.say('+7 912 345-67-89, ivan.petrov@example.ru');
    expect(answer).toContain('Понял: телефон +79123456789; электронная почта ivan.petrov@example.ru.');
    expect(answer).toContain('как гражданин или от имени организации');
    await citizen.say('Гражданин');
    await citizen.say('Индивидуальное');
    await citizen.say(appealText);
    const summary = await citizen.say('Готово');
    expect(summary).toContain('+79123456789');
    expect(summary).toContain('ivan.petrov@example.ru');
    const number = numberPattern.exec(await citizen.say('Отправить'))![0];
    expect((await stored(number)).applicant).toMatchObject({
      contacts: { phone: '+79123456789', email: 'ivan.petrov@example.ru', postalAddress: null },
    });
  });

  it('labelled contacts «тел 89123456789 почта ivan@mail.ru» are understood at once', async () => {
    const citizen = await atPhone();
    const answer = await citizen.say('тел 89123456789 почта ivan@mail.ru');
    expect(answer).toContain('телефон +79123456789; электронная почта ivan@mail.ru');
    expect(answer).toContain('как гражданин или от имени организации');
  });

  it('a postal address with a phone is understood at once', async () => {
    const citizen = await atPhone();
    const answer = await citizen.say(
      '620014, г. Екатеринбург, ул. Ленина, д. 5, кв. 12, тел. 8 912 345 67 89',
    );
    expect(answer).toContain('телефон +79123456789');
    expect(answer).toContain('почтовый адрес «620014, г. Екатеринбург, ул. Ленина, д. 5, кв. 12»');
    expect(answer).toContain('как гражданин или от имени организации');
  });

  it('an e-mail alone at the phone question is taken, and only what the contact rule still needs is asked', async () => {
    const citizen = await atPhone();
    const answer = await citizen.say('мой e-mail ivan@mail.ru');
    expect(answer).toContain('Понял: электронная почта ivan@mail.ru.');
    expect(answer).toContain('номер телефона');
    const next = await citizen.say('нет');
    expect(next).toContain('почтовый адрес');
    // Without a phone both addresses are needed: the postal one cannot be refused.
    const rule = await citizen.say('нет');
    expect(rule).toContain('почтовый');
    expect(await citizen.say('620014, г. Екатеринбург, ул. Ленина, д. 5')).toContain(
      'как гражданин или от имени организации',
    );
  });

  /** From the phone question to the summary with a phone and an e-mail. */
  async function toSummary(citizen: Awaited<ReturnType<typeof atPhone>>) {
    await citizen.say('+7 912 345-67-89, ivan.petrov@example.ru');
    await citizen.say('Гражданин');
    await citizen.say('Индивидуальное');
    await citizen.say(appealText);
    expect(await citizen.say('Готово')).toContain('Всё верно?');
  }

  it.each(['да', 'Всё верно!', 'ок', 'Подтверждаю'])(
    '«%s» at the summary «Всё верно?» registers the appeal',
    async (yes) => {
      const citizen = await atPhone();
      await toSummary(citizen);
      expect(await citizen.say(yes)).toMatch(numberPattern);
    },
  );

  it('«нет» or «не так» at the summary registers nothing', async () => {
    const citizen = await atPhone();
    await toSummary(citizen);
    expect(await citizen.say('не так')).not.toMatch(numberPattern);
    expect(await citizen.say('да')).not.toMatch(numberPattern);
    expect(await citizen.say('Назад')).toContain('Всё верно?');
    expect(await citizen.say('Нет.')).not.toMatch(numberPattern);
    expect(await citizen.say('Назад')).toContain('Всё верно?');
    expect(await citizen.say('да')).toMatch(numberPattern);
  });

  it('«ок» gives the consent as «Согласен» does', async () => {
    const citizen = telegramCitizen(world, tgUser({ id: nextId++, first_name: 'Иван', last_name: 'Петров' }));
    await citizen.say('/start');
    expect(await citizen.say('Подать обращение')).toContain('152-ФЗ');
    expect(await citizen.say('нет')).toContain('Согласен');
    expect(await citizen.say('Ок.')).toContain('фамилию, имя и отчество');
  });

  it('a sentence typed where a phone is expected gets «это не похоже на номер телефона» with an example, not «лишние цифры»', async () => {
    const citizen = await atPhone();
    for (const sentence of [
      'позвоните мне на работу после обеда',
      'телефона нет, пишите сюда',
      'мой номер восемь девятьсот',
    ]) {
      const answer = await citizen.say(sentence);
      expect(answer).toContain('Это не похоже на номер телефона');
      expect(answer).toContain('+7 912 345-67-89');
      expect(answer).not.toContain('лишние цифры');
    }
    // A number with a digit too many is still told so.
    expect(await citizen.say('8 912 345 67 899')).toContain('лишние цифры');
    expect(await citizen.say('тел. 8 912 345 67 89')).toContain('почтовый адрес');
  });

  it('«Назад» goes back one step at every step after the first, button and text alike', async () => {
    const citizen = telegramCitizen(world, tgUser({ id: nextId++, first_name: 'Иван', last_name: 'Петров' }));
    await citizen.say('/start');
    await citizen.say('Подать обращение');
    expect(await citizen.say('Назад')).toContain('Это первый шаг');
    expect(await citizen.say('Согласен')).toContain('фамилию, имя и отчество');
    expect(await citizen.say('назад')).toContain('152-ФЗ');
    await citizen.say('Согласен');
    expect(await citizen.say('Петров Иван Сергеевич')).toContain('серию и номер паспорта');
    const back = citizen.replies().at(-1)!.replyMarkup as { keyboard: { text: string }[][] };
    expect(back.keyboard.flat().map((b) => b.text)).toEqual(['Назад', 'Отмена']);
    expect(await citizen.say('Назад!')).toContain('фамилию, имя и отчество');
    await citizen.say('Петров Иван Сергеевич');
    expect(await citizen.say('46 07 918273')).toContain('номер телефона');
    // Going back to fix the phone: the phone is asked again and the new one kept.
    expect(await citizen.say('+7 912 345-67-89')).toContain('почтовый адрес');
    expect(await citizen.say('Назад')).toContain('номер телефона');
    expect(await citizen.say('+7 912 111-22-33')).toContain('почтовый адрес');
    await citizen.say('нет');
    expect(await citizen.say('ivan@mail.ru')).toContain('как гражданин или от имени организации');
    expect(await citizen.say('Назад')).toContain('электронной почты');
    expect(await citizen.say('ivan@mail.ru')).toContain('как гражданин или от имени организации');
    await citizen.say('Гражданин');
    await citizen.say('Индивидуальное');
    await citizen.say(appealText);
    expect(await citizen.say('назад')).toContain('Изложите суть');
    await citizen.say(appealText);
    const summary = await citizen.say('Готово');
    expect(summary).toContain('+79121112233');
    expect(await citizen.say('Назад')).toContain('Приложите файлы');
  });

  it('«нет» at the summary offers the fields; a fixed field returns to the summary, and the fix is filed', async () => {
    const citizen = await atPhone();
    await toSummary(citizen);
    const choice = await citizen.say('нет');
    expect(choice).toContain('Что исправить?');
    const buttons = citizen.replies().at(-1)!.replyMarkup as { keyboard: { text: string }[][] };
    expect(buttons.keyboard.flat().map((b) => b.text)).toEqual([
      'ФИО',
      'Паспорт',
      'Контакты',
      'Текст обращения',
      'Назад',
      'Отмена',
    ]);
    expect(await citizen.say('Назад')).toContain('Всё верно?');
    await citizen.say('Исправить');
    expect(await citizen.say('Контакты')).toContain('номер телефона');
    const fixed = await citizen.say('+7 912 111-22-33, ivan.new@example.ru');
    expect(fixed).toContain('Понял: телефон +79121112233');
    expect(fixed).toContain('Всё верно?');
    expect(fixed).toContain('ivan.new@example.ru');

    await citizen.say('не так');
    expect(await citizen.say('Текст обращения')).toContain('Изложите суть');
    const text = 'Третью неделю не вывозят мусор во дворе дома 7 по улице Мира. Прошу принять меры.';
    const again = await citizen.say(text);
    expect(again).toContain('Всё верно?');
    expect(again).toContain('дома 7 по улице Мира');

    await citizen.say('нет');
    await citizen.say('Паспорт');
    expect(await citizen.say('46 07 918274')).toContain('Всё верно?');

    const number = numberPattern.exec(await citizen.say('да'))![0];
    const doc = await stored(number);
    expect(doc.applicant).toMatchObject({
      passportMasked: '46 ** ***274',
      contacts: { phone: '+79121112233', email: 'ivan.new@example.ru', postalAddress: null },
    });
    expect(JSON.stringify(doc)).toContain('дома 7 по улице Мира');
  });
});
