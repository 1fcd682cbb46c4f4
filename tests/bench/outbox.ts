/**
 * Outbox throughput, merged into the `ingest` scenario by its bench (`outboxMessagesPerSec`):
 * an embedded PostgreSQL, the VK fake, 3,000 queued answers spread over 100 communities (each held
 * to VK's ~20 req/s, so the limit is not what is measured), two workers on two pools as two server
 * processes would run. Time from the workers' start to the last row settled.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createOrganisation } from '../../server/src/accounts/organisations';
import { networkSenders } from '../../server/src/channels/senders';
import { freePort, startEmbeddedPostgres } from '../../server/src/db/embedded';
import { migrate } from '../../server/src/db/migrate';
import { createPool } from '../../server/src/db/pool';
import { CredentialRegistry } from '../../server/src/outbox/credentials';
import { OutboxWorker } from '../../server/src/outbox/worker';
import { startVkFake } from '../fakes';

const messages = 3_000;
const communities = 100;

export async function measureOutbox(): Promise<{ outboxMessagesPerSec: number }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'okno-bench-outbox-'));
  chmodSync(dir, 0o755);
  const cluster = await startEmbeddedPostgres({
    databaseDir: path.join(dir, 'data'),
    port: await freePort(),
    password: 'bench',
    ephemeral: true,
  });
  const url = cluster.urlFor('postgres');
  const setup = createPool(url, 2);
  const pools = [createPool(url, 16), createPool(url, 16)];
  const vk = await startVkFake({ groupId: 1 });
  const workers: OutboxWorker[] = [];
  try {
    await migrate(url);
    const org = await createOrganisation(setup, { name: 'Бенчмарк', timeZone: 'Europe/Moscow' });
    const accounts = new CredentialRegistry();
    for (let c = 0; c < communities; c++) {
      accounts.register({
        orgId: org.id,
        network: 'vk',
        accountId: String(c),
        token: vk.token,
        apiBaseUrl: vk.apiBaseUrl,
      });
    }
    await setup.query(
      `INSERT INTO outbox_messages (id, org_id, network, account_id, peer_id, kind, text)
       SELECT 'bench-' || g, $1::text, 'vk', (g % $3::int)::text, (100000 + g)::text, 'answer',
              'Ответ на обращение № ' || g || '. Работы выполнены, благодарим за обращение.'
         FROM generate_series(1, $2::int) g`,
      [org.id, messages, communities],
    );
    const started = Date.now();
    for (const db of pools) {
      const worker = new OutboxWorker({
        db,
        credentials: accounts,
        senders: networkSenders,
        pollMs: 20,
        batchSize: 64,
      });
      workers.push(worker);
      worker.start();
    }
    for (;;) {
      const left = await setup.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM outbox_messages WHERE status IN ('pending', 'sending')`,
      );
      if (left.rows[0]!.n === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const seconds = (Date.now() - started) / 1000;
    if (vk.sent.length !== messages) throw new Error(`VK fake received ${vk.sent.length} of ${messages}`);
    return { outboxMessagesPerSec: Math.round(messages / seconds) };
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
    await vk.close();
    await Promise.all([setup.end(), ...pools.map((p) => p.end())]);
    await cluster.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('outbox.ts')) {
  console.log(await measureOutbox());
}
