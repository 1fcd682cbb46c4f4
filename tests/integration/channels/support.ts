/**
 * Shared setup of the channel tests: a real server (fresh database, attachments in a temp
 * DATA_DIR), an organisation, and helpers to configure channel accounts and to read what desktops
 * receive through the replication endpoints.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type ChannelAccountInput, createChannelAccount } from '../../../server/src/channels/accounts';
import type { ChannelAccount } from '../../../server/src/channels/types';
import type { ServerConfig } from '../../../server/src/config';
import { startTelegramFake, type TelegramFake, TelegramWebhookDriver } from '../../fakes';
import {
  loginAs,
  seedTestOrg,
  startTestServer,
  type TestOrg,
  type TestServer,
  type TestUser,
} from '../setup/db';

// biome-ignore lint/suspicious/noExplicitAny: test-only view of replicated JSON documents
export type Json = any;

export interface ChannelTestEnv {
  server: TestServer;
  org: TestOrg;
  dataDir: string;
}

/** A server (`config` over the tests' defaults) with attachments in a temp folder, and an organisation. */
export async function startChannelServer(config: Partial<ServerConfig> = {}): Promise<ChannelTestEnv> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'okno-channels-'));
  const server = await startTestServer({
    config: { dataDir, ...config },
    ...(process.env.OKNO_TEST_LOG ? { log: { level: 'warn' as const } } : {}),
  });
  const org = await seedTestOrg(server.pool);
  return { server, org, dataDir };
}

export async function addAccount(
  env: ChannelTestEnv,
  input: Omit<ChannelAccountInput, 'orgId'> & { orgId?: string },
): Promise<ChannelAccount> {
  return createChannelAccount(env.server.pool, {
    orgId: env.org.organisation.id,
    defaultDepartmentId: env.org.departments.d1.id,
    allowedSources: ['127.0.0.1/32'],
    ...input,
  });
}

export function webhookUrl(env: ChannelTestEnv, account: ChannelAccount): string {
  return `${env.server.url}/api/v1/channels/${account.network}/${account.pathToken}`;
}

/**
 * A Telegram bot of the organisation over the fake (`token` is `<bot id>:<secret part>`, as Telegram
 * issues them): the fake, the bot's channel account, and the driver whose updates reach the server's
 * webhook as Telegram sends them. The caller closes `tg`.
 */
export async function addTelegramBot(
  env: ChannelTestEnv,
  bot: { token: string; secretToken: string },
): Promise<{ tg: TelegramFake; account: ChannelAccount; driver: TelegramWebhookDriver }> {
  const tg = await startTelegramFake({ token: bot.token });
  try {
    const account = await addAccount(env, {
      network: 'telegram',
      accountId: bot.token.split(':')[0]!,
      apiBaseUrl: tg.url,
      apiToken: bot.token,
      webhookSecret: bot.secretToken,
    });
    const driver = new TelegramWebhookDriver({ url: webhookUrl(env, account), secretToken: bot.secretToken });
    return { tg, account, driver };
  } catch (error) {
    await tg.close();
    throw error;
  }
}

/**
 * A webhook is acknowledged once its raw event is stored; normalisation into the inbox follows
 * (server/src/channels/inbound-queue.ts). The reads below first wait for this server to finish
 * processing what it accepted.
 */
export function inboxSettled(env: ChannelTestEnv): Promise<void> {
  return env.server.app.okno.inboundDrained();
}

/** Every document of a collection the user may see (full pull from the start). */
export async function pullAll(env: ChannelTestEnv, user: TestUser, collection: string): Promise<Json[]> {
  await inboxSettled(env);
  const session = await loginAs(env.server, user);
  const docs: Json[] = [];
  let checkpoint: unknown = null;
  for (;;) {
    const query = new URLSearchParams({ limit: '1000' });
    if (checkpoint) query.set('checkpoint', JSON.stringify(checkpoint));
    const response = await fetch(`${env.server.url}/api/v1/sync/${collection}/pull?${query}`, {
      headers: session.headers,
    });
    if (!response.ok) throw new Error(`pull ${collection}: ${response.status} ${await response.text()}`);
    const body = (await response.json()) as { documents: Json[]; checkpoint: unknown };
    docs.push(...body.documents);
    if (body.documents.length < 1000) break;
    checkpoint = body.checkpoint;
  }
  const latest = new Map<string, Json>();
  for (const doc of docs) latest.set(doc.id, doc);
  return [...latest.values()].filter((d) => !d._deleted);
}

export async function countRows(env: ChannelTestEnv, sql: string, params: unknown[] = []): Promise<number> {
  await inboxSettled(env);
  const result = await env.server.pool.query<{ n: string }>(`SELECT count(*) AS n FROM (${sql}) x`, params);
  return Number(result.rows[0]?.n ?? 0);
}

/** Inbound messages stored for one channel account. */
export async function messagesOf(env: ChannelTestEnv, account: ChannelAccount): Promise<Json[]> {
  await inboxSettled(env);
  const result = await env.server.pool.query<{ doc: Json }>(
    `SELECT m.doc FROM sync_messages m JOIN intake_messages i ON i.message_id = m.id
      WHERE i.channel_account_id = $1 ORDER BY m.seq`,
    [account.id],
  );
  return result.rows.map((r) => r.doc);
}

export async function rawEventsOf(env: ChannelTestEnv, account: ChannelAccount): Promise<number> {
  return countRows(env, 'SELECT 1 FROM inbound_events WHERE channel_account_id = $1', [account.id]);
}
