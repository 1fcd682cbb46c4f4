/** Appeals with fixed dates for the report tests, stored as the server stores replicated appeals. */
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { inTransaction } from '../../../server/src/db/pool';
import type { Appeal } from '../../../shared/model';
import { noDueAt } from '../../../shared/model/primitives';
import { appealFixture } from '../../unit/shared/model/fixtures';

/** An instant of Moscow's wall clock (UTC+3 all year): `msk('2026-11-03 01:30')`. */
export const msk = (local: string) => Date.parse(`${local.replace(' ', 'T')}:00+03:00`);

/** Stores an appeal (a fresh seq under the organisation's lock), as any server writer does. */
export async function storeAppeal(db: pg.Pool, appeal: Partial<Appeal> & { orgId: string }): Promise<Appeal> {
  const doc = appealFixture({
    id: randomUUID(),
    status: 'closed',
    dueAt: noDueAt,
    conversationId: '',
    triage: null,
    ...appeal,
  });
  await inTransaction(db, async (tx) => {
    await tx.query(
      `INSERT INTO sync_appeals (org_id, id, seq, doc, department_ids)
       VALUES ($1, $2, okno_sync_next_seq($1), $3, $4)
       ON CONFLICT (org_id, id) DO UPDATE SET seq = EXCLUDED.seq, doc = EXCLUDED.doc,
         department_ids = EXCLUDED.department_ids, updated_at = now()`,
      [
        doc.orgId,
        doc.id,
        JSON.stringify({ ...doc, _deleted: false }),
        doc.departmentId ? [doc.departmentId] : [],
      ],
    );
  });
  return doc;
}
