/**
 * Issue 12, «co-signers keep their contacts», over Telegram, VK, MAX and OK each: a collective appeal
 * filed in the chat keeps each co-signer's phone and e-mail as well as name and postal address — the
 * phone and e-mail encrypted (migration 300, server/src/personal-data/co-signers.ts), shown masked to
 * whoever may see the appeal, in clear only through an audited reveal by a head, supervisor or admin.
 */
import { randomBytes } from 'node:crypto';
import { revealCoSignerContacts } from '../../../server/src/personal-data/co-signers';
import { rotatePersonalDataKeys } from '../../../server/src/personal-data/store';
import { loginAs } from '../setup/db';
import { citizenOn, type NetworksWorld, networks, startNetworksWorld } from './citizens';

const numberPattern = /ОГ-\d{4}-\d{6}/;

describe.each(networks)('a collective appeal over %s', (network) => {
  let world: NetworksWorld;
  let n = 0;

  beforeAll(async () => {
    world = await startNetworksWorld();
  });
  afterAll(async () => {
    await world.close();
  });

  async function fileCollective(): Promise<string> {
    const citizen = citizenOn(world, network, ++n);
    await citizen.say('Подать обращение');
    await citizen.say('да');
    await citizen.say('Петров Иван Сергеевич');
    await citizen.say('46 07 918273');
    await citizen.say('+7 912 345-67-89, ivan.petrov@example.ru');
    await citizen.say('гражданин');
    const ask = await citizen.say('коллективное');
    expect(ask).toContain('Например');
    expect(await citizen.say('Иванова Мария Петровна; +7 912 555-44-33; maria.ivanova@example.ru')).toContain(
      'Соподписант «Иванова Мария Петровна» добавлен (всего: 1)',
    );
    expect(
      await citizen.say('Сидоров Пётр Ильич; 620014, г. Екатеринбург, ул. Ленина, д. 5, кв. 7'),
    ).toContain('(всего: 2)');
    expect(await citizen.say('готово')).toContain('Изложите суть');
    await citizen.say('Просим отремонтировать детскую площадку во дворе дома 5 по улице Ленина.');
    expect(await citizen.say('готово')).toContain('Коллективное, соподписантов: 2');
    const number = numberPattern.exec(await citizen.say('да'))?.[0];
    expect(number).toBeDefined();
    const found = await world.server.pool.query<{ id: string }>(
      `SELECT id FROM sync_appeals WHERE org_id = $1 AND doc->>'registrationNumber' = $2`,
      [world.org.organisation.id, number],
    );
    return found.rows[0]!.id;
  }

  async function call(user: { login: string; password: string }, method: 'GET' | 'POST', path: string) {
    const session = await loginAs(world.server, user);
    const response = await fetch(`${world.server.url}/api/v1/appeals/${path}`, {
      method,
      headers: session.headers,
    });
    return {
      status: response.status,
      headers: response.headers,
      body: (await response.json()) as { coSigners: Record<string, unknown>[] },
    };
  }

  it('keeps the phone and e-mail encrypted, shows them masked, and reveals them audited', async () => {
    const appealId = await fileCollective();
    const doc = (
      await world.server.pool.query<{ doc: { kind: { coSigners: unknown[] } } }>(
        'SELECT doc FROM sync_appeals WHERE id = $1',
        [appealId],
      )
    ).rows[0]!.doc;
    // The replicated document: names and postal addresses, never a co-signer's phone or e-mail.
    expect(doc.kind.coSigners).toEqual([
      { name: { lastName: 'Иванова', firstName: 'Мария', patronymic: 'Петровна' }, postalAddress: null },
      {
        name: { lastName: 'Сидоров', firstName: 'Пётр', patronymic: 'Ильич' },
        postalAddress: '620014, г. Екатеринбург, ул. Ленина, д. 5, кв. 7',
      },
    ]);
    expect(JSON.stringify(doc)).not.toContain('79125554433');
    expect(JSON.stringify(doc)).not.toContain('maria.ivanova');
    const stored = await world.server.pool.query<{ ciphertext: Buffer; masked: unknown }>(
      'SELECT ciphertext, masked FROM co_signer_contacts WHERE appeal_id = $1',
      [appealId],
    );
    expect(stored.rows).toHaveLength(1);
    expect(stored.rows[0]!.masked).toEqual({ phone: '+7912*****33', email: 'm***@example.ru' });
    expect(stored.rows[0]!.ciphertext.toString('latin1')).not.toContain('maria');
    expect(stored.rows[0]!.ciphertext.toString('latin1')).not.toContain('79125554433');

    const masked = await call(world.org.users.supervisor, 'GET', `${appealId}/co-signers`);
    expect(masked.status).toBe(200);
    expect(masked.body.coSigners).toEqual([
      {
        name: { lastName: 'Иванова', firstName: 'Мария', patronymic: 'Петровна' },
        postalAddress: null,
        phone: '+7912*****33',
        email: 'm***@example.ru',
      },
      {
        name: { lastName: 'Сидоров', firstName: 'Пётр', patronymic: 'Ильич' },
        postalAddress: '620014, г. Екатеринбург, ул. Ленина, д. 5, кв. 7',
        phone: null,
        email: null,
      },
    ]);

    const refused = await call(world.org.users.operator1, 'POST', `${appealId}/co-signers/reveal`);
    expect(refused.status).toBe(403);
    // The chat's appeals are unrouted here: a head of a department does not see this one.
    const outside = await call(world.org.users.head2, 'POST', `${appealId}/co-signers/reveal`);
    expect(outside.status).toBe(403);
    expect((await call(world.org.users.head2, 'GET', `${appealId}/co-signers`)).status).toBe(403);
    const revealed = await call(world.org.users.supervisor, 'POST', `${appealId}/co-signers/reveal`);
    expect(revealed.status).toBe(200);
    expect(revealed.headers.get('cache-control')).toBe('no-store');
    expect(revealed.body.coSigners[0]).toMatchObject({
      phone: '+79125554433',
      email: 'maria.ivanova@example.ru',
    });
    const audit = await world.server.pool.query<{ action: string; actor_user_id: string }>(
      `SELECT action, actor_user_id FROM audit_log WHERE entity = 'appeal' AND entity_id = $1
          AND action LIKE 'co_signers.%' ORDER BY id`,
      [appealId],
    );
    expect(audit.rows).toEqual([
      { action: 'co_signers.reveal_denied', actor_user_id: world.org.users.operator1.id },
      { action: 'co_signers.reveal_denied', actor_user_id: world.org.users.head2.id },
      { action: 'co_signers.reveal', actor_user_id: world.org.users.supervisor.id },
    ]);
    expect((await call(world.org.users.supervisor, 'GET', 'no-such-appeal/co-signers')).status).toBe(404);

    // A key rotation re-encrypts them with the passports; they still open under the new key alone.
    const { config } = world.server;
    const rotated = {
      ...config,
      personalDataKeys: [{ id: `k${n}`, key: randomBytes(32) }, ...config.personalDataKeys],
    };
    expect((await rotatePersonalDataKeys(world.server.pool, rotated)).rotated).toBeGreaterThanOrEqual(1);
    const onlyNew = { ...config, personalDataKeys: [rotated.personalDataKeys[0]!] };
    const reopened = await revealCoSignerContacts(world.server.pool, onlyNew, {
      orgId: world.org.organisation.id,
      appealId,
      actorUserId: world.org.users.supervisor.id,
      deviceId: null,
    });
    expect(reopened).toEqual([{ position: 0, phone: '+79125554433', email: 'maria.ivanova@example.ru' }]);
  });
});
