import type pg from 'pg';
import type { FieldChange } from '../audit/audit';
import type { AuthContext } from '../auth/context';
import type { SyncDoc } from './docs';
import type { Refusal } from './refusal';
import type { ReplayRule } from './replay';

/** A document as the server holds it, before the push being processed. */
export interface MasterRow {
  id: string;
  doc: SyncDoc;
  /** Scope column; null for organisation-wide collections. */
  departmentIds: string[] | null;
}

/** One validated row of a push. */
export interface PushRow {
  id: string;
  newDoc: SyncDoc;
  /** What the client believes the master is; null for a document it created. */
  assumed: Record<string, unknown> | null;
}

/** Scope and link columns stored next to a document. */
export interface DocColumns {
  departmentIds: string[] | null;
  appealId?: string;
  conversationId?: string;
}

export interface AuditNote {
  action: string;
  fields: Record<string, FieldChange>;
  details?: Record<string, unknown>;
}

/** What a collection writer decided for one pushed row. */
export interface WriteDecision {
  /** The state to store (a new seq is drawn), or null to leave the master as it is. */
  store: { doc: SyncDoc; columns: DocColumns; audit: AuditNote | null } | null;
  /**
   * The state to send back as a conflict. When null and `store` differs from what the client
   * pushed, the stored state is sent back, so the client adopts server-side additions.
   */
  reply: SyncDoc | null;
  refusal: Refusal | null;
}

export interface PushContext {
  tx: pg.PoolClient;
  auth: AuthContext;
  /** One clock reading per push (epoch ms). */
  now: number;
}

export interface WrittenDoc {
  id: string;
  seq: number;
  before: MasterRow | null;
  doc: SyncDoc;
  columns: DocColumns;
}

export interface CollectionWriter {
  decide(ctx: PushContext, row: PushRow, master: MasterRow | null): Promise<WriteDecision>;
  /** Consequences of the stored rows inside the same transaction (scope exits, re-scoping). */
  afterWrite?(ctx: PushContext, written: WrittenDoc[]): Promise<void>;
  /** How a push replayed after its answer was lost is recognised (./replay.ts); none: never. */
  replay?: ReplayRule;
}

/**
 * A replicated collection as sync/ sees it. The list is composed outside sync/ (server/src/collections.ts)
 * and handed to the sync plugin, so the replication engine knows writers only by this interface.
 */
export interface SyncCollection {
  name: string;
  table: string;
  primaryPath: string;
  /** Ids a client may create. */
  idPattern: RegExp;
  /**
   * Department-scoped collections are filtered by `department_ids` for operators and heads and
   * produce scope exits; the others are visible to the whole organisation.
   */
  departmentScoped: boolean;
  /**
   * Who may pull a document, as an SQL condition on the stored row `t` with the reader `me`
   * (`me.org_wide`, `me.depts`) and the reader's id `$1` in scope; replaces the department filter.
   * Absent: by `departmentScoped`.
   */
  pullScope?: string;
  /** Link columns stored next to the document (see 100_sync.sql). */
  linkColumns: readonly ('appeal_id' | 'conversation_id')[];
  writer: CollectionWriter;
  /**
   * An SQL condition on the stored row `t` that a pull also requires, with `me.archive_cutoff` (epoch
   * ms: now minus the local archive window, shared/model/archive.ts) in scope: what a desktop keeps
   * locally. Absent: every row in scope.
   */
  pullWindow?: string;
  /** Served only with OKNO_SYNC_TEST_COLLECTION=1. */
  testOnly?: boolean;
}
