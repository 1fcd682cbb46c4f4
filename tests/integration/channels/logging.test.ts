/**
 * Request logs never carry webhook credentials: the unguessable path token of
 * /api/v1/channels/<network>/<path token> (OK's only credential) and `?access_token=` are masked.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createChannelAccount } from '../../../server/src/channels/accounts';
import { okJson, okMessage, tgMessageUpdate, tgUser } from '../../fakes';
import { seedTestOrg, startTestServer, type TestServer } from '../setup/db';

describe('request logs of webhooks', () => {
  const lines: string[] = [];
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({
      config: { dataDir: mkdtempSync(path.join(tmpdir(), 'okno-channels-log-')) },
      log: { level: 'info', stream: { write: (line: string) => lines.push(line) } },
    });
  });

  afterAll(async () => {
    await server?.close();
  });

  it('regression (the webhook path token was logged in clear): masks the path token and access_token of a delivered webhook, and of an unknown one', async () => {
    const org = await seedTestOrg(server.pool);
    const base = {
      orgId: org.organisation.id,
      defaultDepartmentId: org.departments.d1.id,
      allowedSources: ['127.0.0.1/32'],
    };
    const telegram = await createChannelAccount(server.pool, {
      ...base,
      network: 'telegram',
      accountId: '4242',
      webhookSecret: 'tg-log-secret',
    });
    const ok = await createChannelAccount(server.pool, { ...base, network: 'ok', accountId: '5151' });
    const accessToken = 'query-access-token-0f3c9e';
    const unknownToken = 'unknown-path-token-7d21aa';

    const delivered = await fetch(
      `${server.url}/api/v1/channels/telegram/${telegram.pathToken}?access_token=${accessToken}`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': 'tg-log-secret' },
        body: JSON.stringify(
          tgMessageUpdate({ from: tgUser({ id: 77, first_name: 'Пётр' }), text: 'Сломан фонарь' }),
        ),
      },
    );
    expect(delivered.status).toBe(200);
    const okDelivered = await fetch(`${server.url}/api/v1/channels/ok/${ok.pathToken}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: okJson(okMessage({ userId: '88', chatId: 'C88', text: 'Яма на дороге' })),
    });
    expect(okDelivered.status).toBe(200);
    const unknown = await fetch(`${server.url}/api/v1/channels/vk/${unknownToken}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(unknown.status).toBe(404);

    const log = lines.join('');
    expect(log).toContain('/api/v1/channels/telegram/[REDACTED]');
    expect(log).toContain('/api/v1/channels/ok/[REDACTED]');
    for (const secret of [telegram.pathToken, ok.pathToken, accessToken, unknownToken, 'tg-log-secret'])
      expect(log).not.toContain(secret);
  });
});
