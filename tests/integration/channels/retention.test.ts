/**
 * Finding 3: the organisation's retention setting (`retentionYears`) existed and nothing read it.
 * The retention job (server/src/jobs/retention.ts) deletes transient citizen data older than it —
 * processed raw events, final outbox rows, unreachability notes, stale chat sessions — and the
 * data an unfinished wizard collected once the bot's idle timeout has passed. Fixed dates and an
 * injected clock; real PostgreSQL.
 */
import { createChannelAccount } from '../../../server/src/channels/accounts';
import type { ChannelAccount } from '../../../server/src/channels/types';
import { RetentionJob, runRetention } from '../../../server/src/jobs/retention';
import { savePassport } from '../../../server/src/personal-data/store';
import { createTestDatabase, seedTestOrg, type TestDatabase, type TestOrg, testConfig } from '../setup/db';

const now = new Date('2031-03-10T09:00:00Z');
const day = 24 * 3600_000;

describe('finding 3: the retention job', () => {
  let database: TestDatabase;
  let oneYear: TestOrg;
  let fiveYears: TestOrg;
  let tgOfOneYear: ChannelAccount;
  let vkOfFiveYears: ChannelAccount;
  let external = 0;

  beforeAll(async () => {
    database = await createTestDatabase();
    oneYear = await seedTestOrg(database.pool);
    fiveYears = await seedTestOrg(database.pool);
    await database.pool.query(
      `UPDATE organisations SET settings = settings || '{"retentionYears": 1}'::jsonb WHERE id = $1`,
      [oneYear.organisation.id],
    );
    tgOfOneYear = await createChannelAccount(database.pool, {
      orgId: oneYear.organisation.id,
      network: 'telegram',
      accountId: '5151',
    });
    vkOfFiveYears = await createChannelAccount(database.pool, {
      orgId: fiveYears.organisation.id,
      network: 'vk',
      accountId: '6161',
    });
  });
  afterAll(async () => {
    await database?.drop();
  });

  async function rawEvent(account: ChannelAccount, receivedAt: string, processed = true): Promise<string> {
    external += 1;
    const inserted = await database.pool.query<{ id: string }>(
      `INSERT INTO inbound_events (channel_account_id, network, external_id, received_at, payload, processed_at, outcome)
       VALUES ($1, $2, $3, $4, '{"message": {"text": "Паспорт 4509 777888"}}', $5, $6) RETURNING id`,
      [
        account.id,
        account.network,
        String(external),
        receivedAt,
        processed ? receivedAt : null,
        processed ? 'message' : null,
      ],
    );
    return inserted.rows[0]!.id;
  }

  async function outbox(org: TestOrg, status: string, createdAt: string): Promise<string> {
    external += 1;
    const id = `out-${external}`;
    await database.pool.query(
      `INSERT INTO outbox_messages (id, org_id, network, account_id, peer_id, kind, text, status, created_at)
       VALUES ($1, $2, 'telegram', '5151', '42', 'bot', 'Паспорт 45 ** ***888 принят', $3, $4)`,
      [id, org.organisation.id, status, createdAt],
    );
    return id;
  }

  async function session(org: TestOrg, peer: string, state: string, updatedAt: string, data: object = {}) {
    await database.pool.query(
      `INSERT INTO bot_sessions (network, account_id, peer_id, org_id, user_id, state, data, updated_at)
       VALUES ('telegram', '5151', $1, $2, $1, $3, $4, $5)`,
      [peer, org.organisation.id, state, JSON.stringify(data), updatedAt],
    );
  }

  const existing = async (table: string, column: string, ids: string[]) =>
    (
      await database.pool.query<{ id: string }>(
        `SELECT ${column}::text AS id FROM ${table} WHERE ${column}::text = ANY($1) ORDER BY 1`,
        [ids],
      )
    ).rows.map((r) => r.id);

  it('finding 3: deletes raw events, sent outbox rows and stale sessions older than each organisation’s retention', async () => {
    // One year back from 2031-03-10 is 2030-03-10; five years back is 2026-03-10.
    const oldRaw = await rawEvent(tgOfOneYear, '2030-03-01T00:00:00Z');
    const recentRaw = await rawEvent(tgOfOneYear, '2030-03-20T00:00:00Z');
    const pendingRaw = await rawEvent(tgOfOneYear, '2029-01-01T00:00:00Z', false);
    const keptByFiveYears = await rawEvent(vkOfFiveYears, '2027-01-01T00:00:00Z');
    const oldForFiveYears = await rawEvent(vkOfFiveYears, '2026-01-01T00:00:00Z');

    const sentOld = await outbox(oneYear, 'sent', '2030-01-01T00:00:00Z');
    const pendingOld = await outbox(oneYear, 'pending', '2030-01-01T00:00:00Z');
    const sentRecent = await outbox(oneYear, 'delivered', '2031-01-01T00:00:00Z');
    const sentOldFiveYears = await outbox(fiveYears, 'sent', '2030-01-01T00:00:00Z');

    await session(oneYear, 'stale', 'idle', '2029-06-01T00:00:00Z');
    await session(oneYear, 'recent', 'idle', '2031-03-01T00:00:00Z');

    const round = await runRetention(database.pool, now, { wizardIdleMs: day });

    expect(
      await existing('inbound_events', 'id', [
        oldRaw,
        recentRaw,
        pendingRaw,
        keptByFiveYears,
        oldForFiveYears,
      ]),
    ).toEqual([recentRaw, pendingRaw, keptByFiveYears].sort());
    expect(
      await existing('outbox_messages', 'id', [sentOld, pendingOld, sentRecent, sentOldFiveYears]),
    ).toEqual([pendingOld, sentRecent, sentOldFiveYears].sort());
    expect(await existing('bot_sessions', 'peer_id', ['stale', 'recent'])).toEqual(['recent']);
    expect(round).toMatchObject({ rawEvents: 2, outbox: 1, sessions: 1 });
  });

  it('finding 3: an unfinished wizard loses what it collected after the idle timeout, the passport stored for it too', async () => {
    const config = testConfig();
    const collected = {
      applicantId: 'applicant-abandoned',
      freshApplicant: true,
      name: { lastName: 'Петров', firstName: 'Иван', patronymic: null },
      passportMasked: '45 ** ***888',
      phone: '+79991234567',
    };
    await savePassport(database.pool, config, {
      orgId: oneYear.organisation.id,
      applicantId: 'applicant-abandoned',
      series: '4509',
      number: '777888',
    });
    await session(oneYear, 'abandoned', 'postal', '2031-03-08T09:00:00Z', collected);
    await session(oneYear, 'typing', 'postal', '2031-03-10T08:30:00Z', {
      ...collected,
      applicantId: 'other',
    });

    const round = await runRetention(database.pool, now, { wizardIdleMs: day });
    expect(round.wizards).toBe(1);
    const sessions = await database.pool.query<{
      peer_id: string;
      state: string;
      data: object;
      updated_at: Date;
    }>(
      `SELECT peer_id, state, data, updated_at FROM bot_sessions WHERE peer_id IN ('abandoned', 'typing') ORDER BY peer_id`,
    );
    // The state and date stay: the citizen's next message still hears that the filing timed out.
    expect(sessions.rows[0]).toMatchObject({
      peer_id: 'abandoned',
      state: 'postal',
      data: {},
      updated_at: new Date('2031-03-08T09:00:00Z'),
    });
    expect(sessions.rows[1]).toMatchObject({ peer_id: 'typing', data: { phone: '+79991234567' } });
    const passport = await database.pool.query(
      `SELECT 1 FROM personal_data WHERE applicant_id = 'applicant-abandoned'`,
    );
    expect(passport.rowCount).toBe(0);
  });

  it('finding 3: the job runs a round when started, on the injected clock', async () => {
    const old = await rawEvent(tgOfOneYear, '2029-12-31T00:00:00Z');
    const job = new RetentionJob(database.pool, { wizardIdleMs: day, now: () => now.getTime() });
    job.start();
    try {
      const until = Date.now() + 10_000;
      while ((await existing('inbound_events', 'id', [old])).length > 0) {
        if (Date.now() > until) throw new Error('the retention round did not run');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    } finally {
      await job.stop();
    }
  });
});
