/**
 * The final monthly ССТУ report: the one module that writes `report_finals` (migration 530). A month is
 * made final by a supervisor or an administrator once no appeal of it waits for a code correction and
 * the organisation reports with its official classifier edition (not Okno's sample); the numbers are
 * stored as they were, with who and when, and audited (`report.finalise`, total old → new). Making a
 * month final again after corrections stores a new version; the latest is the month's report.
 */
import type pg from 'pg';
import type { ReportFinal, SstuNumbers } from '../../../shared/model/report';
import { appendAudit } from '../audit/audit';
import { inTransaction, type Queryable } from '../db/pool';

interface FinalRow {
  version: number;
  made_at: Date;
  made_by: string;
  made_by_name: string | null;
  edition: string;
  total: number | null;
}

export async function latestFinal(db: Queryable, orgId: string, month: string): Promise<ReportFinal | null> {
  const found = await db.query<FinalRow>(
    `SELECT f.version, f.made_at, f.made_by, u.display_name AS made_by_name, f.edition,
            (f.numbers->'totals'->>'total')::integer AS total
       FROM report_finals f LEFT JOIN users u ON u.id = f.made_by AND u.org_id = f.org_id
      WHERE f.org_id = $1 AND f.kind = 'sstu' AND f.period = $2
      ORDER BY f.version DESC LIMIT 1`,
    [orgId, month],
  );
  const row = found.rows[0];
  return row
    ? {
        version: row.version,
        madeAt: row.made_at.getTime(),
        madeById: row.made_by,
        madeByName: row.made_by_name,
        edition: row.edition,
        total: row.total ?? 0,
      }
    : null;
}

export interface FinalActor {
  userId: string;
  deviceId: string | null;
}

/** Stores the month's numbers as final (the caller checked there is nothing to correct). */
export async function storeFinal(
  db: pg.Pool,
  orgId: string,
  month: string,
  edition: string,
  numbers: SstuNumbers,
  actor: FinalActor,
): Promise<void> {
  await inTransaction(db, async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
      `okno_report_final:${orgId}:${month}`,
    ]);
    const before = await latestFinal(tx, orgId, month);
    const version = (before?.version ?? 0) + 1;
    const stored = { rows: numbers.rows, sections: numbers.sections, totals: numbers.totals };
    await tx.query(
      `INSERT INTO report_finals (org_id, kind, period, version, edition, numbers, made_by)
       VALUES ($1, 'sstu', $2, $3, $4, $5, $6)`,
      [orgId, month, version, edition, JSON.stringify(stored), actor.userId],
    );
    await appendAudit(tx, {
      orgId,
      actorUserId: actor.userId,
      deviceId: actor.deviceId,
      action: 'report.finalise',
      entity: 'report',
      entityId: `sstu:${month}`,
      fields: {
        version: { old: before?.version ?? null, new: version },
        total: { old: before?.total ?? null, new: numbers.totals.total },
        edition: { old: before?.edition ?? null, new: edition },
      },
      details: { kind: 'sstu', month },
    });
  });
}
