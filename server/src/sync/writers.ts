/**
 * Collection writers that need no domain knowledge: read-only collections and "last accepted write
 * wins, conflicts keep the master" collections (RxDB's default semantics).
 */
import type { Role } from '../auth/roles';
import { boundedEditTime, changedKeys, deepEqual, type SyncDoc, sameState, tombstoneOf } from './docs';
import { type Refusal, refusalCodes } from './refusal';
import type { CollectionWriter, MasterRow, PushRow, WriteDecision } from './types';
import type { DocValidator } from './validation';

/** The refused answer: the master (the client keeps nothing of its change) or, with no master, a tombstone. */
export function refuse(row: PushRow, master: MasterRow | null, refusal: Refusal): WriteDecision {
  return { store: null, reply: master ? master.doc : tombstoneOf(row.assumed ?? row.newDoc), refusal };
}

/** Collections the server alone writes (departments, users, conversations…). */
export const readOnlyWriter: CollectionWriter = {
  async decide(_ctx, row, master) {
    if (master && sameState(row.newDoc, master.doc)) return { store: null, reply: null, refusal: null };
    return refuse(row, master, { code: refusalCodes.readOnly });
  },
};

export interface PlainWriterOptions {
  /** Roles that may write; everyone when absent. */
  roles?: readonly Role[];
  validate?: DocValidator;
  /** Field holding the organisation id, forced to the caller's organisation. */
  orgField?: string;
  /** Audit entity name, e.g. `answerTemplate`. */
  entity: string;
  /** Field holding the edit instant, bounded by the server's clock (`boundedEditTime`). */
  editTimeField?: string;
}

/**
 * RxDB's default semantics: the push is taken when the client's assumed master is the current
 * master; otherwise the master is returned as the conflict (the client's default handler keeps it).
 */
export function plainWriter(options: PlainWriterOptions): CollectionWriter {
  return {
    async decide(ctx, row, master) {
      if (master && !sameState(row.assumed, master.doc)) {
        return { store: null, reply: master.doc, refusal: { code: refusalCodes.concurrentEdit } };
      }
      if (options.roles && !options.roles.includes(ctx.auth.role)) {
        return refuse(row, master, { code: refusalCodes.roleMayNotChange, params: { role: ctx.auth.role } });
      }
      const problem = row.newDoc._deleted ? null : options.validate?.(row.newDoc);
      if (problem) return refuse(row, master, { code: refusalCodes.invalidDocument, params: { problem } });
      const doc: SyncDoc = options.orgField
        ? { ...row.newDoc, [options.orgField]: ctx.auth.orgId }
        : { ...row.newDoc };
      const timeField = options.editTimeField;
      if (timeField) {
        // A push that changes only the instant writes nothing; the client adopts the master.
        if (master && deepEqual(master.doc, { ...doc, [timeField]: master.doc[timeField] })) {
          return { store: null, reply: deepEqual(master.doc, doc) ? null : master.doc, refusal: null };
        }
        doc[timeField] = boundedEditTime(doc[timeField], master?.doc[timeField], ctx.now);
      }
      if (master && deepEqual(master.doc, doc)) return { store: null, reply: null, refusal: null };
      const before: Record<string, unknown> = master?.doc ?? {};
      const fields = Object.fromEntries(
        changedKeys(before, doc).map((k) => [k, { old: before[k] ?? null, new: doc[k] ?? null }]),
      );
      const action = `${options.entity}.${!master ? 'create' : doc._deleted ? 'delete' : 'update'}`;
      return {
        store: { doc, columns: { departmentIds: null }, audit: { action, fields } },
        reply: null,
        refusal: null,
      };
    },
  };
}
