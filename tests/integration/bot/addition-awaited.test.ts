/**
 * Issue 12: an addition (дополнение) that arrives while the appeal waits for documents
 * (`documents_requested`) is told to the official in the appeal's history («Заявитель прислал
 * дополнение»), and the status stays: only the official can judge whether it is what was requested
 * (59-FZ art. 10; docs/DOMAIN.md, "Withdrawal and additions"). Over the Telegram webhook, the real
 * PostgreSQL and the fake.
 */

import { waitFor } from '../setup/wait';
import { citizenOn, type NetworksWorld, startNetworksWorld } from './citizens';
import { wizardAnswersToText } from './harness';

// biome-ignore lint/suspicious/noExplicitAny: assertions read deep into the stored documents
type Doc = Record<string, any>;

const numberPattern = /ОГ-\d{4}-\d{6}/;

describe('issue 12: an addition while documents are requested', () => {
  let world: NetworksWorld;

  beforeAll(async () => {
    world = await startNetworksWorld();
  });
  afterAll(async () => {
    await world.close();
  });

  const query = async (sql: string, params: unknown[]) =>
    (await world.server.pool.query<Doc>(sql, params)).rows;

  it('is recorded as awaited in the history, and the appeal stays documents_requested', {
    timeout: 120_000,
  }, async () => {
    const citizen = citizenOn(world, 'telegram', 31);
    for (const text of [
      ...wizardAnswersToText,
      'Во дворе дома 5 по улице Ленина третью неделю не вывозят мусор. Прошу принять меры.',
      'готово',
    ])
      await citizen.say(text);
    const number = numberPattern.exec(await citizen.say('да'))?.[0];
    expect(number).toBeDefined();
    const [row] = await query(`SELECT doc FROM sync_appeals WHERE doc->>'registrationNumber' = $1`, [number]);
    const appealId = String(row!.doc.id);

    // First an ordinary addition, then the official asks for documents, then the citizen sends them.
    await citizen.say('Дополнить обращение');
    await citizen.say('Контейнерная площадка у третьего подъезда.');
    await citizen.say('Готово');
    await world.server.pool.query(
      `UPDATE sync_appeals SET seq = nextval('okno_sync_seq'),
              doc = doc || jsonb_build_object('status', 'documents_requested', 'documentsRequestedAt', $2::bigint)
        WHERE id = $1`,
      [appealId, Date.now()],
    );
    await citizen.say('Дополнить обращение');
    expect(await citizen.say('Договор с управляющей компанией: № 17 от 01.02.2026.')).toContain(
      'сообщений: 1',
    );
    await citizen.say('Готово');

    const history = await waitFor(async () => {
      const rows = await query(
        `SELECT details FROM audit_log WHERE entity = 'appeal' AND entity_id = $1 AND action = 'appeal.addition' ORDER BY id`,
        [appealId],
      );
      return rows.length === 2 ? rows.map((r) => r.details) : undefined;
    });
    expect(history[0]).not.toHaveProperty('documentsRequested');
    expect(history[1]).toMatchObject({ actor: 'applicant', source: 'bot', documentsRequested: true });
    const [after] = await query('SELECT doc FROM sync_appeals WHERE id = $1', [appealId]);
    expect(after!.doc.status).toBe('documents_requested');
    expect(world.tg.violations).toEqual([]);
  });
});
