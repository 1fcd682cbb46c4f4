/**
 * The replication checkpoint is `{ "seq": <integer> }`: the highest server sequence number the
 * client has received for a collection. Seqs come from one PostgreSQL sequence and are drawn under
 * the organisation's lock, so within an organisation seq order is commit order (see 100_sync.sql).
 * A checkpoint is not secret: a forged lower one only re-sends documents the caller may see anyway;
 * a forged higher one (beyond anything issued) is refused so a client cannot skip data silently.
 */
import type { Checkpoint } from '../../../shared/sync/contract';
import type { Queryable } from '../db/pool';
import { ApiError } from '../http/errors';

export type { Checkpoint };

const maxSeq = Number.MAX_SAFE_INTEGER;

const badCheckpoint = (message: string) => new ApiError(400, 'invalid_checkpoint', message);

/** Parses the `checkpoint` query parameter: absent, empty or `null` mean "from the beginning". */
export function parseCheckpoint(raw: unknown): Checkpoint {
  if (raw === undefined || raw === '' || raw === 'null') return { seq: 0 };
  if (typeof raw !== 'string' || raw.length > 200)
    throw badCheckpoint('checkpoint must be a short JSON object');
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw badCheckpoint('checkpoint is not valid JSON');
  }
  if (value === null) return { seq: 0 };
  if (typeof value !== 'object' || Array.isArray(value)) throw badCheckpoint('checkpoint must be an object');
  const keys = Object.keys(value);
  const seq = (value as { seq?: unknown }).seq;
  if (keys.length !== 1 || typeof seq !== 'number' || !Number.isInteger(seq) || seq < 0 || seq > maxSeq) {
    throw badCheckpoint('checkpoint must be { "seq": <non-negative integer> }');
  }
  return { seq };
}

/** Refuses a checkpoint beyond every seq ever issued. */
export async function assertIssued(db: Queryable, checkpoint: Checkpoint): Promise<void> {
  if (checkpoint.seq === 0) return;
  const result = await db.query<{ last: string; called: boolean }>(
    'SELECT last_value AS last, is_called AS called FROM okno_sync_seq',
  );
  const row = result.rows[0];
  const issued = row?.called ? Number(row.last) : 0;
  if (checkpoint.seq > issued)
    throw badCheckpoint('checkpoint is ahead of the server; it was not issued here');
}
