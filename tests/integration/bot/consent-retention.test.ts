/**
 * The bot's consent text (152-FZ) said personal data are kept «5 лет» whatever the organisation's
 * `retentionYears`, which the retention job (server/src/jobs/retention.ts) deletes by. It states
 * the organisation's own retention now, with the Russian plural.
 */
import { tgUser } from '../../fakes';
import { type BotWorld, startBotWorld, telegramCitizen } from './harness';

describe('the consent text states the organisation’s retention', () => {
  let world: BotWorld;

  beforeAll(async () => {
    world = await startBotWorld();
    await world.server.pool.query(
      `UPDATE organisations SET settings = settings || '{"retentionYears": 3}'::jsonb WHERE id = $1`,
      [world.org.organisation.id],
    );
  });
  afterAll(async () => {
    await world?.close();
  });

  it('consent text: an organisation keeping data 3 years says «хранятся 3 года», not «5 лет»', async () => {
    const citizen = telegramCitizen(world, tgUser({ id: 93001, first_name: 'Иван', language_code: 'ru' }));
    const consent = await citizen.say('Подать обращение');
    expect(consent).toContain('хранятся 3 года, паспортные данные');
    expect(consent).not.toContain('5 лет');
  });

  it('consent text: in English, “kept for 3 years”', async () => {
    const citizen = telegramCitizen(world, tgUser({ id: 93002, first_name: 'John', language_code: 'en' }));
    const consent = await citizen.say('File an appeal');
    expect(consent).toContain('kept for 3 years (passport data encrypted)');
  });
});
