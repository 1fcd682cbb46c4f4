/**
 * The control job: reads each organisation's appeals in sync seq order (from `control_cursor`) and
 * keeps their dashboard facts (`control_appeal_facts`): category, department, territory and the
 * problem's place. The territory is found from the appeal's own words, then the applicant's postal
 * address (../territories/match.ts); an appeal whose stored `territoryId` differs gets the new one
 * through the server's appeal writer (../appeals/store.ts), so desktops pull it. The place comes from
 * the appeal's words only. So every appeal gets its territory at intake and on every change, seconds
 * later, whoever wrote it (push, intake, bot); a change of territories sets the cursor back to 0 and
 * the same job re-reads every appeal (the backfill), a page at a time, never blocking a request.
 * After the facts, it looks for rise alerts (./alerts.ts).
 */
import type pg from 'pg';
import { writeAppealChanges } from '../appeals/store';
import { inTransaction, type Queryable } from '../db/pool';
import { PeriodicJob } from '../jobs/periodic';
import { type AppealPlace, placeOf, TerritoryMatcher } from '../territories/match';
import { listTerritories } from '../territories/store';
import { detectRiseAlerts } from './alerts';

type Doc = Record<string, unknown>;

const pageSize = 1000;
const str = (value: unknown): string => (typeof value === 'string' ? value : '');

interface Fact {
  appealId: string;
  receivedAt: number;
  category: string;
  territoryId: string;
  departmentId: string;
  place: AppealPlace | null;
}

/** The territory and the place of one appeal document. */
function factOf(doc: Doc, matcher: TerritoryMatcher): Fact {
  const words = `${str(doc.subject)}. ${str(doc.text)}`;
  const contacts = (doc.applicant as { contacts?: { postalAddress?: unknown } } | undefined)?.contacts;
  return {
    appealId: str(doc.id),
    receivedAt: Number(doc.receivedAt) || 0,
    category: str(doc.category),
    territoryId: matcher.size > 0 ? (matcher.territoryOf([words, str(contacts?.postalAddress)]) ?? '') : '',
    departmentId: str(doc.departmentId),
    place: placeOf(words),
  };
}

/** Merged duplicates and deleted documents are not appeals of their own on the dashboard. */
const counted = (doc: Doc) => doc._deleted !== true && !doc.duplicateOf;

async function cursorOf(db: Queryable, orgId: string): Promise<number> {
  const found = await db.query<{ seq: string }>('SELECT seq FROM control_cursor WHERE org_id = $1', [orgId]);
  return Number(found.rows[0]?.seq ?? 0);
}

/**
 * @public tests/bench (`reports`, issue 14) fills the facts of a million appeals with it before timing
 * ./dashboard.ts.
 * One page of the organisation's appeals changed since the cursor: their facts, their territories,
 * the cursor moved on. Returns how many appeals were read (a full page: more may wait).
 */
export async function refreshControlFacts(db: pg.Pool, orgId: string, limit = pageSize): Promise<number> {
  const from = await cursorOf(db, orgId);
  const page = await db.query<{ id: string; seq: string; doc: Doc }>(
    'SELECT id, seq, doc FROM sync_appeals WHERE org_id = $1 AND seq > $2 ORDER BY seq LIMIT $3',
    [orgId, from, limit],
  );
  if (page.rows.length === 0) return 0;
  const matcher = new TerritoryMatcher(await listTerritories(db, orgId));
  const facts: Fact[] = [];
  const gone: string[] = [];
  const moved: { id: string; territoryId: string | null }[] = [];
  for (const row of page.rows) {
    if (!counted(row.doc)) {
      gone.push(row.id);
      continue;
    }
    const fact = factOf({ ...row.doc, id: row.id }, matcher);
    facts.push(fact);
    // Only a document that has the field (appeals schema v4) gets it: an older desktop would refuse it.
    const next = fact.territoryId || null;
    if (Object.hasOwn(row.doc, 'territoryId') && (row.doc.territoryId ?? null) !== next)
      moved.push({ id: row.id, territoryId: next });
  }
  const last = Number(page.rows.at(-1)!.seq);
  await inTransaction(db, async (tx) => {
    if (gone.length > 0)
      await tx.query('DELETE FROM control_appeal_facts WHERE org_id = $1 AND appeal_id = ANY($2)', [
        orgId,
        gone,
      ]);
    if (facts.length > 0) {
      await tx.query(
        `INSERT INTO control_appeal_facts
           (org_id, appeal_id, received_at, category, territory_id, department_id, place_key, place_label)
         SELECT $1, * FROM unnest($2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
         ON CONFLICT (org_id, appeal_id) DO UPDATE SET
           received_at = EXCLUDED.received_at, category = EXCLUDED.category, territory_id = EXCLUDED.territory_id,
           department_id = EXCLUDED.department_id, place_key = EXCLUDED.place_key, place_label = EXCLUDED.place_label`,
        [
          orgId,
          facts.map((f) => f.appealId),
          facts.map((f) => f.receivedAt),
          facts.map((f) => f.category),
          facts.map((f) => f.territoryId),
          facts.map((f) => f.departmentId),
          facts.map((f) => f.place?.key ?? null),
          facts.map((f) => f.place?.label ?? null),
        ],
      );
    }
    // The writer takes the organisation's sync lock; the documents' other fields are left as they are.
    if (moved.length > 0)
      await writeAppealChanges(
        tx,
        orgId,
        moved.map((m) => ({ id: m.id, before: {}, set: { territoryId: m.territoryId } })),
        { rule: 'unchanged' },
      );
    await tx.query(
      `INSERT INTO control_cursor (org_id, seq) VALUES ($1, $2)
       ON CONFLICT (org_id) DO UPDATE SET seq = GREATEST(control_cursor.seq, EXCLUDED.seq)
        WHERE control_cursor.seq = $3`,
      [orgId, last, from],
    );
  });
  return page.rows.length;
}

/** Organisations with appeals the job has not read yet. */
async function pendingOrganisations(db: Queryable): Promise<string[]> {
  const found = await db.query<{ id: string }>(
    `SELECT o.id FROM organisations o
      WHERE EXISTS (SELECT 1 FROM sync_appeals a
                     WHERE a.org_id = o.id
                       AND a.seq > coalesce((SELECT c.seq FROM control_cursor c WHERE c.org_id = o.id), 0))`,
  );
  return found.rows.map((row) => row.id);
}

/** How often the job looks for alerts in an organisation whose appeals did not change. */
const alertIntervalMs = 10 * 60_000;

/**
 * One round: a page of every organisation with changed appeals, then the rise alerts of those
 * organisations (and of all, every ten minutes: a week turns without any appeal changing).
 * Returns true when some organisation has a full page waiting.
 */
async function controlRound(db: pg.Pool, now: number, state = { alertsAt: 0 }): Promise<boolean> {
  let more = false;
  const changed = await pendingOrganisations(db);
  for (const orgId of changed) {
    const read = await refreshControlFacts(db, orgId);
    if (read >= pageSize) more = true;
  }
  const everyone = now - state.alertsAt >= alertIntervalMs;
  const orgs = everyone
    ? (await db.query<{ id: string }>('SELECT id FROM organisations')).rows.map((row) => row.id)
    : changed;
  for (const orgId of orgs) await detectRiseAlerts(db, orgId, now);
  if (everyone) state.alertsAt = now;
  return more;
}

export class ControlJob {
  private readonly job: PeriodicJob;

  constructor(
    db: pg.Pool,
    options: { now: () => number; intervalMs?: number; log?: { error(obj: object, msg: string): void } },
  ) {
    const state = { alertsAt: 0 };
    const interval = options.intervalMs ?? 2000;
    this.job = new PeriodicJob(() => controlRound(db, options.now(), state), {
      nextDelayMs: (more) => (more === true ? 0 : interval),
      failure: 'control job round failed',
      ...(options.log ? { log: options.log } : {}),
    });
  }

  start(): void {
    this.job.start();
  }

  stop(): Promise<void> {
    return this.job.stop();
  }
}
