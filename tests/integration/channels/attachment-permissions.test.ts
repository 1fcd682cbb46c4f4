/**
 * Finding 11: citizens' files (scanned passports among them) are kept like the server's secrets —
 * folders 0700, files 0600 — so no other local user of the server machine can list or read them.
 */
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ChannelAccount } from '../../../server/src/channels/types';
import {
  startTelegramFake,
  type TelegramFake,
  TelegramWebhookDriver,
  tgMessageUpdate,
  tgUser,
} from '../../fakes';
import { startTestServer } from '../setup/db';
import { addAccount, type ChannelTestEnv, messagesOf, startChannelServer, webhookUrl } from './support';

const modeOf = (file: string) => statSync(file).mode & 0o777;
const citizen = tgUser({ id: 111111111, first_name: 'Иван', last_name: 'Петров' });

describe('finding 11: attachment permissions', () => {
  let env: ChannelTestEnv;
  let tg: TelegramFake;
  let account: ChannelAccount;
  let driver: TelegramWebhookDriver;
  const umask = process.umask(0o022); // the usual default, under which plain writes come out 0644/0755

  beforeAll(async () => {
    env = await startChannelServer();
    tg = await startTelegramFake({ token: '123456:perm-bot' });
    account = await addAccount(env, {
      network: 'telegram',
      accountId: '123456',
      apiBaseUrl: tg.url,
      apiToken: '123456:perm-bot',
      webhookSecret: 'perm-secret',
    });
    driver = new TelegramWebhookDriver({ url: webhookUrl(env, account), secretToken: 'perm-secret' });
  });

  afterAll(async () => {
    await tg?.close();
    await env?.server.close();
    process.umask(umask);
  });

  it('finding 11: a scanned passport received through Telegram is stored 0600 in 0700 folders', async () => {
    const bytes = Buffer.from(`\xff\xd8\xff скан паспорта ${Date.now()}`);
    const document = tg.addFile(bytes, { fileName: 'паспорт.jpg', mimeType: 'image/jpeg' });
    await driver.send(tgMessageUpdate({ from: citizen, text: 'Скан паспорта', document }));
    const [message] = (await messagesOf(env, account)).slice(-1);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    expect(message.attachments).toEqual([expect.objectContaining({ sha256 })]);

    const root = path.join(env.dataDir, 'attachments');
    const file = path.join(root, sha256.slice(0, 2), sha256);
    expect(readFileSync(file)).toEqual(bytes);
    expect(modeOf(file).toString(8)).toBe('600');
    expect(modeOf(path.dirname(file)).toString(8)).toBe('700');
    expect(modeOf(root).toString(8)).toBe('700');
  });

  it('finding 11: attachments an older version left world-readable are tightened when the server starts', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'okno-attachment-modes-'));
    const root = path.join(dataDir, 'attachments');
    const shard = path.join(root, 'ab');
    const file = path.join(shard, `ab${'0'.repeat(62)}`);
    mkdirSync(shard, { recursive: true });
    writeFileSync(file, 'old scan');
    for (const [target, mode] of [
      [root, 0o755],
      [shard, 0o755],
      [file, 0o644],
    ] as const)
      chmodSync(target, mode);

    const server = await startTestServer({ config: { dataDir } });
    try {
      expect(modeOf(root).toString(8)).toBe('700');
      expect(modeOf(shard).toString(8)).toBe('700');
      expect(modeOf(file).toString(8)).toBe('600');
      expect(readFileSync(file, 'utf8')).toBe('old scan');
    } finally {
      await server.close();
    }
  });
});
