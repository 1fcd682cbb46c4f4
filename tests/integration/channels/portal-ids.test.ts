/**
 * Finding 9: portal ids were cut to 100 characters, so two different long ids merged silently
 * (the second answered as a duplicate of the first). An id longer than 100 characters is now
 * refused with a clear 400 and nothing is stored; ids up to 100 characters stay whole and distinct.
 */
import type { ChannelAccount } from '../../../server/src/channels/types';
import { loginAs } from '../setup/db';
import { addAccount, type ChannelTestEnv, type Json, startChannelServer } from './support';

const apiKey = 'portal-ids-key-0123456789abcdef';
const prefix = `P-${'7'.repeat(98)}`; // 100 characters shared by both long ids

describe('finding 9: portal ids', () => {
  let env: ChannelTestEnv;
  let account: ChannelAccount;

  const post = (body: unknown) =>
    fetch(`${env.server.url}/api/v1/intake/portal`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
      body: JSON.stringify(body),
    });
  const item = (id: string) => ({ id, fz59: false, text: `Обращение ${id.slice(-2)} о ремонте подъезда` });
  const stored = async () =>
    Number(
      (
        await env.server.pool.query<{ count: string }>(
          'SELECT count(*) FROM inbound_events WHERE channel_account_id = $1',
          [account.id],
        )
      ).rows[0]!.count,
    );

  beforeAll(async () => {
    env = await startChannelServer();
    account = await addAccount(env, { network: 'portal', accountId: 'pos-long-ids', apiKey });
  });
  afterAll(async () => {
    await env?.server.close();
  });

  it('finding 9: two ids that share their first 100 characters are refused, not merged', async () => {
    const before = await stored();
    for (const id of [`${prefix}A1`, `${prefix}B2`]) {
      const response = await post(item(id));
      expect(response.status).toBe(400);
      const body = (await response.json()) as Json;
      expect(body.error.code).toBe('invalid_portal_item');
      expect(body.error.message).toContain('100 characters');
    }
    expect(await stored()).toBe(before);
  });

  it('finding 9: ids of up to 100 characters stay whole and distinct', async () => {
    const first = await post(item(`${prefix.slice(0, 98)}C3`));
    const second = await post(item(`${prefix.slice(0, 98)}D4`));
    expect([first.status, second.status]).toEqual([201, 201]);
    const [a, b] = (await Promise.all([first.json(), second.json()])) as Json[];
    expect(a.appealId).not.toBe(b.appealId);
    expect((await post(item(`${prefix.slice(0, 98)}C3`))).status).toBe(200);
  });

  it('finding 9: a CSV export row with a long id is named, nothing imported', async () => {
    const session = await loginAs(env.server, env.org.users.admin);
    const csv = `id;fz59;text\n${prefix}E5;нет;Текст обращения из выгрузки\n`;
    const before = await stored();
    const response = await fetch(`${env.server.url}/api/v1/intake/portal/import?account=${account.id}`, {
      method: 'POST',
      headers: { ...session.headers, 'content-type': 'text/csv' },
      body: csv,
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as Json;
    expect(JSON.stringify(body)).toContain('100 characters');
    expect(await stored()).toBe(before);
  });
});
