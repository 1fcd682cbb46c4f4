/**
 * Finding 3: passport numbers in clear. The passport line a citizen types into the wizard is
 * removed from the stored raw event once the wizard has taken it, and after «Отмена» nothing of it
 * remains anywhere in the database; the VK callback secret is not stored with each raw event.
 * Over the real webhooks, the real PostgreSQL and the network fakes.
 */
import type pg from 'pg';
import { tgUser, vkMessage, vkMessageNew } from '../../fakes';
import { waitFor } from '../setup/wait';
import { type BotWorld, startBotWorld, telegramCitizen, vkGroupId } from './harness';

/** Every row of every table of the schema, as text, that contains `needle`: `table: row`. */
async function rowsContaining(pool: pg.Pool, needle: string): Promise<string[]> {
  const tables = await pool.query<{ name: string }>(
    `SELECT quote_ident(table_name) AS name FROM information_schema.tables
      WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`,
  );
  const found: string[] = [];
  for (const { name } of tables.rows) {
    const rows = await pool.query<{ row: string }>(
      `SELECT t::text AS row FROM ${name} t WHERE strpos(t::text, $1) > 0`,
      [needle],
    );
    found.push(...rows.rows.map((r) => `${name}: ${r.row.slice(0, 200)}`));
  }
  return found;
}

async function rawPayloads(world: BotWorld, needle: string): Promise<string[]> {
  const rows = await world.server.pool.query<{ payload: string }>(
    'SELECT payload::text AS payload FROM inbound_events WHERE strpos(payload::text, $1) > 0',
    [needle],
  );
  return rows.rows.map((r) => r.payload);
}

describe('finding 3: passport numbers in clear', () => {
  let world: BotWorld;

  beforeAll(async () => {
    world = await startBotWorld();
  });
  afterAll(async () => {
    await world.close();
  });

  async function toPassportStep(citizen: ReturnType<typeof telegramCitizen>) {
    expect(await citizen.say('Подать обращение')).toContain('152-ФЗ');
    await citizen.say('Согласен');
    expect(await citizen.say('Петров Иван Сергеевич')).toContain('серию и номер паспорта');
  }

  it('finding 3: the passport line is removed from the stored raw event once the wizard takes it', async () => {
    const citizen = telegramCitizen(
      world,
      tgUser({ id: 93001, first_name: 'Иван', last_name: 'Петров', language_code: 'ru' }),
    );
    await toPassportStep(citizen);
    expect(await citizen.say('45 09 77788')).toContain('10 цифр');
    expect(await citizen.say('45 09 777888')).toContain('45 ** ***888');
    // The names and contacts typed meanwhile are the wizard's too: its session keeps them, not the raw events.
    expect(await rawPayloads(world, '777888')).toEqual([]);
    expect(await rawPayloads(world, '77788')).toEqual([]);
    expect(await rawPayloads(world, 'Сергеевич')).toEqual([]);
    expect(await rowsContaining(world.server.pool, '777888')).toEqual([]);
    // What was taken is still known as an event (dedupe and the audit trail keep working).
    const redacted = await world.server.pool.query(
      `SELECT 1 FROM inbound_events WHERE payload->'message'->>'text' = '[removed]'`,
    );
    expect(redacted.rowCount).toBeGreaterThanOrEqual(3);
  });

  it('finding 3: after «Отмена» nothing of the passport remains anywhere in the database', async () => {
    const citizen = telegramCitizen(
      world,
      tgUser({ id: 93002, first_name: 'Иван', last_name: 'Петров', language_code: 'ru' }),
    );
    await toPassportStep(citizen);
    expect(await citizen.say('46 11 555444')).toContain('46 ** ***444');
    expect(await citizen.say('Отмена')).toContain('удалены');
    expect(await rowsContaining(world.server.pool, '555444')).toEqual([]);
    expect(await rowsContaining(world.server.pool, '46 11')).toEqual([]);
    const kept = await world.server.pool.query(`SELECT 1 FROM personal_data WHERE masked = '46 ** ***444'`);
    expect(kept.rowCount).toBe(0);
  });

  it('finding 3: the VK callback secret is not stored with each raw event', async () => {
    const before = world.vk.sent.length;
    const report = await world.vkDriver.send(
      vkMessageNew(vkMessage({ from_id: 5002, text: 'Не горит фонарь у дома 3' }), {
        groupId: vkGroupId,
        secret: 'vk-callback-secret',
      }),
    );
    expect(report.accepted).toBe(true);
    await waitFor(() => world.vk.sent.length > before);
    const stored = await world.server.pool.query<{ payload: Record<string, unknown> }>(
      `SELECT payload FROM inbound_events WHERE network = 'vk' AND payload::text LIKE '%фонарь%'`,
    );
    expect(stored.rows).toHaveLength(1);
    expect(stored.rows[0]!.payload).not.toHaveProperty('secret');
    expect(stored.rows[0]!.payload).toMatchObject({ type: 'message_new', group_id: vkGroupId });
    // Nowhere in clear: not in the raw event, and the channel account keeps it sealed (migration 440).
    expect(await rowsContaining(world.server.pool, 'vk-callback-secret')).toEqual([]);
  });
});
