/**
 * Issue 12, «resume after a pause», over Telegram, VK, MAX and OK each: an unfinished filing is kept
 * in PostgreSQL, so a citizen continues where they were after the server restarts; after
 * `wizardIdleHours` (24 h) of silence it is discarded — the citizen is told so and how to start
 * again, and the passport stored for it is deleted. The server's clock is injected, so the day of
 * silence passes without waiting and holds on any date.
 */
import { runRetention } from '../../../server/src/jobs/retention';
import { startMaxFake, startOkFake, startTelegramFake, startVkFake } from '../../fakes';
import { createTestDatabase, type TestDatabase, type TestOrg } from '../setup/db';
import {
  citizenOn,
  type Fakes,
  type NetworkCitizen,
  type NetworksWorld,
  networks,
  startNetworksWorld,
} from './citizens';
import { vkGroupId } from './harness';

const hour = 3600_000;
const numberPattern = /ОГ-\d{4}-\d{6}/;

describe.each(networks)('an unfinished filing over %s', (network) => {
  let database: TestDatabase;
  let fakes: Fakes;
  // The real clock, shifted: the flood bucket still refills between messages.
  let shift = 0;
  const now = () => Date.now() + shift;
  let n = 0;
  let org: TestOrg | undefined;
  /** A server on the describe's database and fakes; the organisation and accounts are made once. */
  async function start(): Promise<NetworksWorld> {
    const world = await startNetworksWorld({ database, fakes, now, ...(org ? { org } : {}) });
    org = world.org;
    return world;
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    fakes = {
      tg: await startTelegramFake(),
      vk: await startVkFake({ groupId: vkGroupId }),
      max: await startMaxFake({ token: 'max-citizens-token' }),
      ok: await startOkFake({ token: 'okCitizensToken' }),
    };
  });
  afterAll(async () => {
    await Promise.all(Object.values(fakes).map((fake) => fake.close()));
    await database.drop();
  });

  /** From the menu to the phone question; returns the applicant id the passport was stored under. */
  async function toPhone(world: NetworksWorld, citizen: NetworkCitizen): Promise<string> {
    await citizen.say('Подать обращение');
    await citizen.say('Согласен');
    await citizen.say('Петров Иван Сергеевич');
    expect(await citizen.say('46 07 918273')).toContain('номер телефона');
    return (await session(world, citizen)).data.applicantId as string;
  }

  async function session(world: NetworksWorld, citizen: NetworkCitizen) {
    const found = await world.server.pool.query<{ state: string; data: Record<string, unknown> }>(
      'SELECT state, data FROM bot_sessions WHERE network = $1 AND peer_id = $2',
      [network, citizen.chatId],
    );
    return found.rows[0]!;
  }

  const passportsOf = async (world: NetworksWorld, applicantId: string) =>
    (await world.server.pool.query('SELECT 1 FROM personal_data WHERE applicant_id = $1', [applicantId]))
      .rowCount;

  it('survives a server restart: the citizen continues where they were and files', async () => {
    const first = await start();
    const number = ++n;
    await toPhone(first, citizenOn(first, network, number));
    await first.close();

    const second = await start();
    try {
      const citizen = citizenOn(second, network, number);
      const resumed = await citizen.say('Подать обращение');
      expect(resumed).toContain('Продолжим заполнение обращения с того места, где остановились');
      expect(resumed).toContain('номер телефона');
      expect(await citizen.say('+7 912 345-67-89, ivan.petrov@example.ru')).toContain('как гражданин');
      await citizen.say('Гражданин');
      await citizen.say('Индивидуальное');
      await citizen.say('Во дворе дома 5 по улице Ленина третью неделю не вывозят мусор.');
      expect(await citizen.say('Готово')).toContain('46 ** ***273');
      expect(await citizen.say('да')).toMatch(numberPattern);
    } finally {
      await second.close();
    }
  });

  it('is kept while each answer comes within 24 h, and discarded after 24 h of silence with a message; its passport is deleted', async () => {
    const world = await start();
    try {
      const citizen = citizenOn(world, network, ++n);
      const applicantId = await toPhone(world, citizen);
      expect(await passportsOf(world, applicantId)).toBe(1);

      // Each answer restarts the day: 46 h 59 min after the passport, 23 h after the last answer, still kept.
      shift += 24 * hour - 60_000;
      expect(await citizen.say('+7 912 345-67-89')).toContain('почтовый адрес');
      shift += 23 * hour;
      expect(await citizen.say('нет')).toContain('электронной почты');

      shift += 24 * hour + 60_000;
      const expired = await citizen.say('ivan.petrov@example.ru');
      expect(expired).toContain(
        'Заполнение обращения было прервано больше чем на 24 ч, введённые данные удалены',
      );
      expect(expired).toContain('Чтобы начать заново, нажмите «Подать обращение»');
      expect(await session(world, citizen)).toEqual({ state: 'idle', data: {} });
      expect(await passportsOf(world, applicantId)).toBe(0);
      expect(await citizen.say('Подать обращение')).toContain('152-ФЗ');
    } finally {
      await world.close();
    }
  });

  it('discarded by the retention round before the citizen returns: the passport goes at once, the message comes on return', async () => {
    const world = await start();
    try {
      const citizen = citizenOn(world, network, ++n);
      const applicantId = await toPhone(world, citizen);
      shift += 25 * hour;
      const round = await runRetention(world.server.pool, new Date(now()), { wizardIdleMs: 24 * hour });
      expect(round.wizards).toBeGreaterThanOrEqual(1);
      expect(await passportsOf(world, applicantId)).toBe(0);
      expect((await session(world, citizen)).data).toEqual({});
      expect(await citizen.say('+7 912 345-67-89')).toContain('прервано больше чем на 24 ч');
    } finally {
      await world.close();
    }
  });

  it('defect: a status lookup left a day is not told that a filing was discarded', async () => {
    const world = await start();
    try {
      const citizen = citizenOn(world, network, ++n);
      expect(await citizen.say('Статус обращения')).toContain('регистрационный номер');
      shift += 25 * hour;
      const later = await citizen.say('/start');
      expect(later).not.toContain('Заполнение обращения было прервано');
      expect(later).toContain('Здравствуйте');
    } finally {
      await world.close();
    }
  });
});
