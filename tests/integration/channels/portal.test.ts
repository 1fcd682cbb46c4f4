import type { ChannelAccount } from '../../../server/src/channels/types';
import { loginAs } from '../setup/db';
import { addAccount, type ChannelTestEnv, type Json, pullAll, startChannelServer } from './support';

const apiKey = 'portal-source-key-0123456789abcdef';

describe('portal intake', () => {
  let env: ChannelTestEnv;
  let account: ChannelAccount;

  const post = (body: unknown, key = apiKey) =>
    fetch(`${env.server.url}/api/v1/intake/portal`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    env = await startChannelServer();
    account = await addAccount(env, { network: 'portal', accountId: 'pos-gosuslugi', apiKey });
  });

  afterAll(async () => {
    await env?.server.close();
  });

  it('stores only the hash of the API key and refuses a wrong key', async () => {
    const row = await env.server.pool.query('SELECT api_key_hash FROM channel_accounts WHERE id = $1', [
      account.id,
    ]);
    expect(row.rows[0].api_key_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.rows[0].api_key_hash).not.toContain(apiKey);
    const response = await post({ id: 'P-0', fz59: false, text: 'x' }, 'wrong-key');
    expect(response.status).toBe(401);
  });

  it('fz59: true → a registered formal appeal identified through ЕСИА, with its legal deadline', async () => {
    const response = await post({
      id: 'P-1001',
      fz59: true,
      category: 'roads',
      text: 'Прошу отремонтировать дорогу на ул. Ленина',
      receivedAt: '2026-11-27T09:00:00Z',
      applicant: { lastName: 'Петров', firstName: 'Иван', patronymic: 'Сергеевич', email: 'ivan@example.ru' },
    });
    expect(response.status).toBe(201);
    const result = (await response.json()) as Json;
    expect(result).toMatchObject({ regime: 'formal', duplicate: false });
    expect(result.registrationNumber).toMatch(/\d/);
    const appeals = await pullAll(env, env.org.users.operator1, 'appeals');
    const appeal = appeals.find((a) => a.id === result.appealId);
    expect(appeal).toMatchObject({
      regime: 'formal',
      channel: 'portal',
      status: 'registered',
      registrationNumber: result.registrationNumber,
      applicant: {
        identification: 'esia',
        name: { lastName: 'Петров', firstName: 'Иван', patronymic: 'Сергеевич' },
      },
    });
    expect(appeal.legalDeadline).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const messages = await pullAll(env, env.org.users.operator1, 'messages');
    expect(messages.find((m) => m.appealId === result.appealId)?.text).toBe(
      'Прошу отремонтировать дорогу на ул. Ленина',
    );
  });

  it('fz59: false → a portal message with the category’s working-day term', async () => {
    const response = await post({
      id: 'P-1002',
      fz59: false,
      category: 'lighting',
      text: 'Не горит фонарь',
      receivedAt: '2026-11-27T09:00:00Z',
    });
    expect(response.status).toBe(201);
    const result = (await response.json()) as Json;
    const appeals = await pullAll(env, env.org.users.supervisor, 'appeals');
    const appeal = appeals.find((a) => a.id === result.appealId);
    expect(appeal).toMatchObject({
      regime: 'portal',
      category: 'lighting',
      registrationNumber: null,
      status: 'new',
    });
    expect(appeal.controlDate).toMatch(/^2026-12-\d{2}$/);
  });

  it('is idempotent by the portal id', async () => {
    const again = await post({ id: 'P-1002', fz59: false, category: 'lighting', text: 'Не горит фонарь' });
    expect(again.status).toBe(200);
    expect(((await again.json()) as Json).duplicate).toBe(true);
  });

  it('refuses an fz59 item without the applicant’s name', async () => {
    const response = await post({ id: 'P-1003', fz59: true, text: 'Без имени' });
    expect(response.status).toBe(400);
  });

  it('imports a CSV export, skipping rows already received; a bad row refuses the whole file', async () => {
    const rows = [
      'id;fz59;category;text;lastName;firstName;email',
      'P-2001;да;waste;"Не вывозят мусор; уже неделю";Сидорова;Мария;m@example.ru',
      'P-2002;нет;roads;Яма во дворе;;;',
      'P-1002;нет;lighting;Не горит фонарь;;;',
    ];
    const admin = await loginAs(env.server, env.org.users.admin);
    const importCsv = (body: string) =>
      fetch(`${env.server.url}/api/v1/intake/portal/import?account=${account.id}`, {
        method: 'POST',
        headers: { ...admin.headers, 'content-type': 'text/csv' },
        body,
      });
    const refused = await importCsv([...rows, 'P-2003;да;roads;Нет имени;;;'].join('\r\n'));
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as Json).error).toMatchObject({
      code: 'invalid_csv',
      details: { errors: [{ line: 5 }] },
    });
    const csv = rows.join('\r\n');
    const response = await importCsv(`\uFEFF${csv}`);
    expect(response.status).toBe(200);
    const summary = (await response.json()) as Json;
    expect(summary).toMatchObject({ created: 2, duplicates: 1, errors: [] });
    const again = await importCsv(csv);
    expect(((await again.json()) as Json).duplicates).toBe(3);
    const appeals = await pullAll(env, env.org.users.supervisor, 'appeals');
    expect(appeals.find((a) => a.text === 'Не вывозят мусор; уже неделю')).toMatchObject({
      regime: 'formal',
      category: 'waste',
    });
  });

  it('reads quoted multi-line texts, a quote inside a field and `,` files; a quote never closed refuses the file', async () => {
    const admin = await loginAs(env.server, env.org.users.admin);
    const importCsv = (body: string) =>
      fetch(`${env.server.url}/api/v1/intake/portal/import?account=${account.id}`, {
        method: 'POST',
        headers: { ...admin.headers, 'content-type': 'text/csv' },
        body,
      });
    const unclosed = await importCsv('id;fz59;text\nP-3001;нет;"Нет кавычки\nP-3002;нет;Вторая строка\n');
    expect(unclosed.status).toBe(400);
    // csv-parse names the line where the file ended inside the quote.
    expect(((await unclosed.json()) as Json).error).toMatchObject({
      code: 'invalid_csv',
      details: { errors: [{ line: 3, message: expect.stringMatching(/quote not closed/i) }] },
    });
    const commas = await importCsv(
      'id,fz59,text\r\nP-3003,нет,"Первая строка\r\nвторая строка"\n\nP-3004,нет,Фонарь 5"А" не горит\r\n',
    );
    expect(commas.status).toBe(200);
    expect(await commas.json()).toMatchObject({ created: 2, duplicates: 0, errors: [] });
    const appeals = await pullAll(env, env.org.users.supervisor, 'appeals');
    expect(appeals.map((a) => a.text)).toEqual(
      expect.arrayContaining(['Первая строка\r\nвторая строка', 'Фонарь 5"А" не горит']),
    );
  });
});
