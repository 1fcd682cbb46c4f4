/**
 * Migration 550 (issue 15, «Past one machine»): the large tables partitioned by organisation. A
 * database holding two organisations' appeals, messages, conversations, scope events, journal and
 * facts is migrated from the state before 550; every row is still there, each in its organisation's
 * partition; the pull and the journal read only the reader's organisation's partition (EXPLAIN
 * ANALYZE of the server's own statements); the report facts trigger still works; a new organisation
 * gets its partitions, and its journal partition stays append-only.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { runner } from 'node-pg-migrate';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createOrganisation } from '../../../server/src/accounts/organisations';
import { readAdminJournal } from '../../../server/src/admin/journal';
import { syncCollections } from '../../../server/src/collections';
import { migrate } from '../../../server/src/db/migrate';
import { createPool, type Queryable } from '../../../server/src/db/pool';
import { pullChanges } from '../../../server/src/sync/pull';
import { seedTestOrg, type TestOrg } from '../setup/db';

const partitioned = [
  'sync_appeals',
  'sync_messages',
  'sync_conversations',
  'sync_user_events',
  'audit_log',
  'report_appeal_facts',
  'control_appeal_facts',
];
const appealsPerOrg = 300;

const adminUrl = process.env.TEST_DATABASE_URL ?? inject('pgAdminUrl');
const name = `okno_test_part_${randomBytes(5).toString('hex')}`;
const url = (() => {
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
})();
let pool: pg.Pool;
let cityHall: TestOrg;
let region: TestOrg;
/** Each table's rows before the migration: count and a digest of the rows as JSON. */
let before: Record<string, { rows: number; digest: string }>;

async function withAdmin(sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

/** Every migration on disk except 550–559: the database as a server before this change left it. */
async function migrateToBefore550(): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await runner({
      dbClient: client,
      dir: path.resolve(import.meta.dirname, '../../../server/migrations'),
      migrationsTable: 'pgmigrations',
      direction: 'up',
      checkOrder: false,
      singleTransaction: true,
      ignorePattern: '(?:\\..*|55\\d_.*)',
      log: () => {},
      logger: { debug() {}, info() {}, warn() {}, error() {} },
    });
  } finally {
    await client.end();
  }
}

/** Appeals (with their report facts), a conversation per two, a message each, control facts, scope events. */
async function seedAppeals(orgId: string, departmentId: string, userId: string): Promise<void> {
  await pool.query(
    `INSERT INTO sync_appeals (org_id, id, seq, doc, department_ids, conversation_id)
     SELECT $1, $1 || '-a' || g, nextval('okno_sync_seq'),
            jsonb_build_object('id', $1 || '-a' || g, 'orgId', $1, 'subject', 'Яма на дороге ' || g,
              'text', 'Прошу отремонтировать дорогу у дома', 'status', CASE WHEN g % 3 = 0 THEN 'closed' ELSE 'registered' END,
              'regime', 'formal', 'channel', 'portal', 'departmentId', $2::text, 'assigneeId', '', 'extension', NULL,
              'receivedAt', 1790000000000 + g::bigint * 60000,
              'closedAt', CASE WHEN g % 3 = 0 THEN 1790000000000 + g::bigint * 90000 END,
              'applicant', jsonb_build_object('applicantId', 'ap' || g % 50,
                'contacts', jsonb_build_object('phone', '+7 900 000 ' || lpad((g % 100)::text, 4, '0'))),
              'updatedAt', 1790000000000 + g, '_deleted', false),
            ARRAY[$2::text], 'c' || g / 2
       FROM generate_series(1, $3::int) g`,
    [orgId, departmentId, appealsPerOrg],
  );
  await pool.query(
    `INSERT INTO sync_conversations (org_id, id, seq, doc, department_ids)
     SELECT $1, 'c' || g, nextval('okno_sync_seq'),
            jsonb_build_object('id', 'c' || g, 'channel', 'telegram', 'peer', jsonb_build_object('userId', 'u' || g),
                               '_deleted', false), ARRAY[$2::text]
       FROM generate_series(0, $3::int / 2) g`,
    [orgId, departmentId, appealsPerOrg],
  );
  await pool.query(
    `INSERT INTO sync_messages (org_id, id, seq, doc, department_ids, appeal_id, conversation_id)
     SELECT $1, $1 || '-m' || g, nextval('okno_sync_seq'),
            jsonb_build_object('id', $1 || '-m' || g, 'appealId', $1 || '-a' || g, 'direction', 'in',
                               'text', 'Добрый день', '_deleted', false),
            ARRAY[$2::text], $1 || '-a' || g, 'c' || g / 2
       FROM generate_series(1, $3::int) g`,
    [orgId, departmentId, appealsPerOrg],
  );
  await pool.query(
    `INSERT INTO control_appeal_facts (org_id, appeal_id, received_at, category, territory_id, department_id)
     SELECT $1, $1 || '-a' || g, 1790000000000 + g::bigint * 60000, 'roads', '', $2 FROM generate_series(1, $3::int) g`,
    [orgId, departmentId, appealsPerOrg],
  );
  await pool.query(
    `INSERT INTO sync_user_events (seq, org_id, user_id, collection, doc_id, kind, doc)
     SELECT nextval('okno_sync_seq'), $1, $2, 'appeals', $1 || '-a' || g, 'enter', NULL FROM generate_series(1, 20) g`,
    [orgId, userId],
  );
}

async function snapshot(): Promise<Record<string, { rows: number; digest: string }>> {
  const out: Record<string, { rows: number; digest: string }> = {};
  for (const table of partitioned) {
    const { rows } = await pool.query<{ rows: string; digest: string }>(
      `SELECT count(*) AS rows, md5(coalesce(string_agg(j, '|' ORDER BY j), '')) AS digest
         FROM (SELECT to_jsonb(t)::text AS j FROM ${table} t) x`,
    );
    out[table] = { rows: Number(rows[0]!.rows), digest: rows[0]!.digest };
  }
  return out;
}

async function partitionOf(table: string, orgId: string): Promise<string> {
  const { rows } = await pool.query<{ name: string }>('SELECT okno_org_partition_name($1, $2) AS name', [
    table,
    orgId,
  ]);
  return rows[0]!.name;
}

/** EXPLAIN ANALYZE of the statements `run` sends, on the real database (the rows it gets back are the plans'). */
async function plansOf(run: (db: Queryable) => Promise<unknown>): Promise<string> {
  const plans: string[] = [];
  const explaining = {
    async query(sql: string, params?: unknown[]) {
      const result = await pool.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN (ANALYZE, COSTS OFF) ${sql}`,
        params,
      );
      plans.push(result.rows.map((r) => r['QUERY PLAN']).join('\n'));
      return { rows: [] };
    },
  } as unknown as Queryable;
  await run(explaining);
  return plans.join('\n');
}

/** The plan lines that read `partition`, and whether each was executed. */
function reads(plan: string, partition: string): { executed: number; skipped: number } {
  const lines = plan.split('\n').filter((line) => line.includes(partition));
  const skipped = lines.filter((line) => line.includes('never executed')).length;
  return { executed: lines.length - skipped, skipped };
}

beforeAll(async () => {
  await withAdmin(`CREATE DATABASE ${name}`);
  await migrateToBefore550();
  pool = createPool(url);
  cityHall = await seedTestOrg(pool);
  region = await seedTestOrg(pool);
  for (const org of [cityHall, region]) {
    await seedAppeals(org.organisation.id, org.users.operator1.departmentIds[0]!, org.users.operator1.id);
  }
  before = await snapshot();
  await migrate(url);
}, 120_000);

afterAll(async () => {
  await pool?.end();
  await withAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
});

describe('partitioning by organisation (migration 550)', () => {
  it('keeps every row of both organisations, each in its organisation partition', async () => {
    expect(before.sync_appeals!.rows).toBe(2 * appealsPerOrg);
    expect(before.report_appeal_facts!.rows).toBe(2 * appealsPerOrg);
    expect(before.audit_log!.rows).toBeGreaterThan(2);
    expect(await snapshot()).toEqual(before);
    for (const table of partitioned) {
      const { rows } = await pool.query<{ kind: string }>(
        `SELECT relkind AS kind FROM pg_class WHERE oid = $1::regclass`,
        [table],
      );
      expect(rows[0]!.kind, table).toBe('p');
      for (const org of [cityHall, region]) {
        const id = org.organisation.id;
        const part = await partitionOf(table, id);
        const counts = await pool.query<{ inside: string; whole: string }>(
          `SELECT (SELECT count(*) FROM ${part}) AS inside, (SELECT count(*) FROM ${table} WHERE org_id = $1) AS whole`,
          [id],
        );
        expect(counts.rows[0]!.inside, part).toBe(counts.rows[0]!.whole);
        expect(Number(counts.rows[0]!.inside), part).toBeGreaterThan(0);
      }
    }
  });

  it("a pull and the journal read only the reader's organisation partition", async () => {
    const reader = { userId: cityHall.users.supervisor.id, orgId: cityHall.organisation.id };
    const mine = cityHall.organisation.id;
    const theirs = region.organisation.id;
    for (const collection of ['appeals', 'messages']) {
      const spec = syncCollections.find((c) => c.name === collection)!;
      const plan = await plansOf((db) => pullChanges(db, spec, reader, { seq: 0 }, 100));
      const table = `sync_${collection}`;
      expect(reads(plan, await partitionOf(table, mine)).executed, plan).toBeGreaterThan(0);
      expect(reads(plan, await partitionOf(table, theirs)).executed, plan).toBe(0);
    }
    const journal = await plansOf((db) => readAdminJournal(db, { orgId: mine, limit: 50 }));
    expect(reads(journal, await partitionOf('audit_log', mine)).executed, journal).toBeGreaterThan(0);
    expect(reads(journal, await partitionOf('audit_log', theirs)).executed, journal).toBe(0);
  });

  it('keeps the report facts trigger: an appeal written after the migration has its facts', async () => {
    const id = cityHall.organisation.id;
    await pool.query(
      `INSERT INTO sync_appeals (org_id, id, seq, doc, department_ids)
       VALUES ($1, 'after-550', nextval('okno_sync_seq'),
               '{"id":"after-550","status":"registered","regime":"formal","receivedAt":1790000000000,"extension":null}', '{}')`,
      [id],
    );
    const { rows } = await pool.query(
      `SELECT status FROM ${await partitionOf('report_appeal_facts', id)} WHERE appeal_id = 'after-550'`,
    );
    expect(rows).toEqual([{ status: 'registered' }]);
  });

  it('a new organisation gets its partitions, and its journal partition stays append-only', async () => {
    const created = await createOrganisation(pool, {
      name: 'Новая администрация',
      timeZone: 'Asia/Yekaterinburg',
    });
    for (const table of partitioned) {
      const part = await partitionOf(table, created.id);
      const { rows } = await pool.query<{ parent: string; bound: string }>(
        `SELECT i.inhparent::regclass::text AS parent, pg_get_expr(c.relpartbound, c.oid) AS bound
           FROM pg_class c JOIN pg_inherits i ON i.inhrelid = c.oid WHERE c.oid = $1::regclass`,
        [part],
      );
      expect(rows, part).toEqual([{ parent: table, bound: `FOR VALUES IN ('${created.id}')` }]);
    }
    const journal = await partitionOf('audit_log', created.id);
    const { rows } = await pool.query(`SELECT action FROM ${journal}`);
    expect(rows.length).toBeGreaterThan(0); // the organisation's creation, audited into its own partition
    await expect(pool.query(`TRUNCATE ${journal}`)).rejects.toThrow(/append-only/);
    await expect(pool.query('DELETE FROM audit_log WHERE org_id = $1', [created.id])).rejects.toThrow(
      /append-only/,
    );
  });
});
