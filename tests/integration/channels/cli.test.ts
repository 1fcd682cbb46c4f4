import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadChannelAccount } from '../../../server/src/channels/accounts';
import { runChannelCommand } from '../../../server/src/cli/channels';
import { CliUsageError } from '../../../server/src/cli/commands';
import { type ChannelTestEnv, startChannelServer } from './support';

describe('channel account CLI', () => {
  let env: ChannelTestEnv;

  beforeAll(async () => {
    env = await startChannelServer();
  });

  afterAll(async () => {
    await env?.server.close();
  });

  it('adds, lists and changes accounts without printing secrets', async () => {
    const org = env.org.organisation.name;
    const [line] = await runChannelCommand(env.server.pool, [
      'channel-add',
      '--org',
      org,
      '--network',
      'vk',
      '--account',
      '123',
      '--secret',
      's3cr3t-value',
      '--confirmation',
      'abc',
      '--admins',
      '5,6',
      '--department',
      'D1',
      '--api-url',
      'http://127.0.0.1:9/method',
    ]);
    expect(line).toMatch(/ vk {2}123 {2}webhook {2}webhook \/api\/v1\/channels\/vk\/\S+$/);
    expect(line).not.toContain('s3cr3t-value');
    const id = line!.split(' ')[0]!;
    const stored = await env.server.pool.query('SELECT * FROM channel_accounts WHERE id = $1', [id]);
    expect(stored.rows[0]).toMatchObject({
      administrators: ['5', '6'],
      default_department_id: env.org.departments.d1.id,
      confirmation_code: null,
    });
    expect((await loadChannelAccount(env.server.pool, id))?.confirmationCode).toBe('abc');
    await runChannelCommand(env.server.pool, ['channel-set', id, '--mode', 'polling', '--enabled', 'false']);
    expect(await runChannelCommand(env.server.pool, ['channel-list', '--org', org])).toEqual([
      expect.stringMatching(/polling {2}disabled/),
    ]);
  });

  it('generates a portal API key once and imports an export file', async () => {
    const lines = await runChannelCommand(env.server.pool, [
      'channel-add',
      '--org',
      env.org.organisation.id,
      '--network',
      'portal',
      '--account',
      'pos',
      '--generate-api-key',
    ]);
    expect(lines[1]).toMatch(/^portal API key \(shown once.*\): \S{40,}$/);
    const file = path.join(env.dataDir, 'export.csv');
    writeFileSync(file, 'id,fz59,text,category\nE-1,false,Не убран снег,roads\n');
    const id = lines[0]!.split(' ')[0]!;
    expect(
      await runChannelCommand(env.server.pool, ['portal-import', '--account', id, '--file', file]),
    ).toEqual(['created 1, already received 0, refused 0']);
  });

  it('reports bad input as a usage error', async () => {
    await expect(runChannelCommand(env.server.pool, ['channel-add', '--bogus'])).rejects.toBeInstanceOf(
      CliUsageError,
    );
    await expect(
      runChannelCommand(env.server.pool, [
        'channel-add',
        '--org',
        env.org.organisation.id,
        '--network',
        'icq',
        '--account',
        '1',
      ]),
    ).rejects.toBeInstanceOf(CliUsageError);
  });
});
