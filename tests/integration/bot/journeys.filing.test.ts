/**
 * Issue 12, acceptance: a citizen files a formal appeal in the chat, answering in natural words,
 * over Telegram, VK, MAX and OK each — schema-checked events to the server's real webhooks, the
 * replies read from what each network's fake accepted, the appeal read from PostgreSQL.
 *
 * - Contacts in one message and «да» at the summary get a registration number.
 * - Going back to fix the phone («Назад» after it, and «нет» → «Контакты» at the summary) files the fixed phone.
 * - OK sends no profile name: the name is asked, and the appeal records that no profile name was
 *   available (verdict `not_checked`, no profile name) — never a mismatch.
 */
import { citizenOn, type NetworkCitizen, type NetworksWorld, networks, startNetworksWorld } from './citizens';

/** What these journeys read of a stored appeal document. */
interface StoredAppeal {
  applicant: { contacts: unknown; nameMatch: unknown };
  kind: unknown;
}

const numberPattern = /ОГ-\d{4}-\d{6}/;
const appealText = 'Во дворе дома 5 по улице Ленина третью неделю не вывозят мусор. Прошу принять меры.';

describe.each(networks)('a citizen files an appeal in natural words over %s', (network) => {
  let world: NetworksWorld;
  let n = 0;

  beforeAll(async () => {
    world = await startNetworksWorld();
  });
  afterAll(async () => {
    await world.close();
  });

  const fakeOf = () => world[network === 'telegram' ? 'tg' : network];

  async function stored(number: string) {
    const result = await world.server.pool.query<{ doc: StoredAppeal }>(
      `SELECT doc FROM sync_appeals WHERE org_id = $1 AND doc->>'registrationNumber' = $2`,
      [world.org.organisation.id, number],
    );
    return result.rows[0]!.doc;
  }

  /** From the menu to the phone question: «да» to the consent, the name, the passport. */
  async function toPhone(citizen: NetworkCitizen) {
    expect(await citizen.say('Подать обращение')).toContain('152-ФЗ');
    const askName = await citizen.say('да');
    expect(askName).toContain('фамилию, имя и отчество');
    if (network === 'ok') {
      // No profile name to offer: no name button, and the citizen is told the name is checked by staff.
      expect(askName).not.toContain('В вашем профиле указано');
      expect(askName).toContain('не передаёт имя профиля');
    } else {
      expect(askName).toContain('«Иван Петров»');
    }
    expect(await citizen.say('Петров Иван Сергеевич')).toContain('серию и номер паспорта');
    expect(await citizen.say('46 07 918273')).toContain('Паспорт 46 ** ***273 принят');
  }

  it('contacts in one message and «да» at the summary get a registration number', async () => {
    const citizen = citizenOn(world, network, ++n);
    await toPhone(citizen);
    const understood = await citizen.say('+7 912 345-67-89, ivan.petrov@example.ru');
    expect(understood).toContain('Понял: телефон +79123456789; электронная почта ivan.petrov@example.ru.');
    expect(understood).toContain('как гражданин или от имени организации');
    expect(await citizen.say('гражданин')).toContain('индивидуальное или коллективное');
    expect(await citizen.say('индивидуальное')).toContain('Изложите суть обращения');
    expect(await citizen.say(appealText)).toContain('Приложите файлы');
    const summary = await citizen.say('готово');
    expect(summary).toContain('Всё верно?');
    expect(summary).toContain('Петров Иван Сергеевич');
    expect(summary).toContain('46 ** ***273');
    const registered = await citizen.say('да');
    const number = numberPattern.exec(registered)?.[0];
    expect(registered).toContain('Обращение зарегистрировано');
    expect(number).toBeDefined();

    const appeal = await stored(number!);
    expect(appeal).toMatchObject({
      regime: 'formal',
      channel: network,
      text: appealText,
      applicant: {
        name: { lastName: 'Петров', firstName: 'Иван', patronymic: 'Сергеевич' },
        contacts: { phone: '+79123456789', email: 'ivan.petrov@example.ru', postalAddress: null },
        passportMasked: '46 ** ***273',
        identification: 'social-passport',
      },
    });
    if (network === 'ok')
      expect(appeal.applicant.nameMatch).toMatchObject({
        verdict: 'not_checked',
        profileName: null,
        checkedAt: expect.any(Number),
      });
    else expect(appeal.applicant.nameMatch).toMatchObject({ verdict: 'match', profileName: 'Иван Петров' });
    expect(fakeOf().violations).toEqual([]);
  });

  it('going back to fix the phone: «Назад» after it, and «нет» → «Контакты» at the summary', async () => {
    const citizen = citizenOn(world, network, ++n);
    await toPhone(citizen);
    expect(await citizen.say('+7 912 345-67-89')).toContain('почтовый адрес');
    expect(await citizen.say('назад')).toContain('номер телефона');
    expect(await citizen.say('8 912 111 22 33')).toContain('почтовый адрес');
    expect(await citizen.say('нет')).toContain('электронной почты');
    expect(await citizen.say('ivan.petrov@example.ru')).toContain('как гражданин');
    // The buttons pressed (on OK: MESSAGE_CALLBACKs of the INLINE_KEYBOARD it was sent).
    expect(await citizen.press('Гражданин')).toContain('индивидуальное или коллективное');
    expect(await citizen.press('Индивидуальное')).toContain('Изложите суть обращения');
    await citizen.say(appealText);
    const summary = await citizen.press('Готово');
    expect(summary).toContain('Телефон: +79121112233');

    expect(await citizen.say('не так')).toContain('Что исправить?');
    expect(await citizen.press('Контакты')).toContain('номер телефона');
    const fixed = await citizen.say('+7 912 999-88-77, ivan.petrov@example.ru');
    expect(fixed).toContain('Понял: телефон +79129998877');
    expect(fixed).toContain('Телефон: +79129998877');
    expect(fixed).toContain('Всё верно?');
    const number = numberPattern.exec(await citizen.say('верно'))?.[0];
    expect(number).toBeDefined();
    expect((await stored(number!)).applicant.contacts).toEqual({
      phone: '+79129998877',
      email: 'ivan.petrov@example.ru',
      postalAddress: null,
    });
    if (network === 'ok') expect(world.ok.answeredCallbacks).toHaveLength(4);
    expect(fakeOf().violations).toEqual([]);
  });

  it('on behalf of an organisation: its name and ИНН, typed where buttons are offered', async () => {
    const citizen = citizenOn(world, network, ++n);
    await toPhone(citizen);
    await citizen.say('+7 912 345-67-89, ivan.petrov@example.ru');
    expect(await citizen.say('организация')).toContain('полное название организации');
    expect(await citizen.say('ООО «Ромашка»')).toContain('ИНН организации');
    expect(await citizen.say('7707 083 894')).toContain('ИНН');
    expect(await citizen.say('7707083893')).toContain('индивидуальное или коллективное');
    await citizen.say('индивидуальное');
    await citizen.say(appealText);
    expect(await citizen.say('готово')).toContain('От организации: ООО «Ромашка», ИНН 7707083893');
    const number = numberPattern.exec(await citizen.say('Отправить'))?.[0];
    expect(number).toBeDefined();
    expect((await stored(number!)).kind).toMatchObject({
      applicantType: 'organisation',
      organisationName: 'ООО «Ромашка»',
      inn: '7707083893',
      collective: false,
    });
    expect(fakeOf().violations).toEqual([]);
  });
});
