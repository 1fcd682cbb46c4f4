import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createChannelAccount } from '../../../server/src/channels/accounts';
import type { ChannelAccount } from '../../../server/src/channels/types';
import { okMessage } from '../../fakes';
import { okJson } from '../../fakes/ok/events';
import { seedTestOrg, startTestServer, type TestServer } from '../setup/db';

/**
 * Behind a load balancer (docs/DEPLOYMENT.md) every request comes from the balancer's address.
 * OK signs nothing, so its webhooks are checked against the account's allowed sources: the server
 * must read the network's address from X-Forwarded-For, but only when a configured balancer
 * (OKNO_TRUSTED_PROXIES) sent it — anyone can write that header.
 */
describe('webhooks behind a load balancer', () => {
  const servers: TestServer[] = [];

  async function serverWithOkAccount(trustedProxies: string[]) {
    const server = await startTestServer({
      config: { dataDir: mkdtempSync(path.join(tmpdir(), 'okno-balancer-')), trustedProxies },
    });
    servers.push(server);
    const org = await seedTestOrg(server.pool);
    const account: ChannelAccount = await createChannelAccount(server.pool, {
      orgId: org.organisation.id,
      defaultDepartmentId: org.departments.d1.id,
      network: 'ok',
      accountId: '53038239',
      allowedSources: ['203.0.113.0/24'],
    });
    const deliver = (forwardedFor: string | null, n: number) =>
      fetch(`${server.url}/api/v1/channels/ok/${account.pathToken}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json;charset=utf-8',
          ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}),
        },
        body: okJson(okMessage({ userId: `10000000000${n}`, chatId: `C${n}`, text: 'Не горит фонарь' })),
      });
    return deliver;
  }

  afterAll(async () => {
    for (const server of servers) await server.close();
  });

  it('believes X-Forwarded-For from a configured balancer: the network’s address passes, another is refused', async () => {
    const deliver = await serverWithOkAccount(['127.0.0.1/32']);
    expect((await deliver('203.0.113.7', 1)).status).toBe(200);
    expect((await deliver('198.51.100.1', 2)).status).toBe(403);
    // The balancer itself is not the network.
    expect((await deliver(null, 3)).status).toBe(403);
  });

  it('ignores X-Forwarded-For when no balancer is configured: a forged header does not open the door', async () => {
    const deliver = await serverWithOkAccount([]);
    expect((await deliver('203.0.113.7', 4)).status).toBe(403);
  });
});
