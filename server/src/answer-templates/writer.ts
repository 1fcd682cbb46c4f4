/**
 * The sync writer of answer templates (shared/model/answer-template.ts). A template belongs to the
 * organisation or one department and may be personal; who may write which is the shared rule
 * (shared/domain/answer-templates.ts `templateWriteProblem`), enforced here on every pushed row:
 * - another official's personal template is out of scope (the client gets a tombstone, never the text);
 * - the author is the server's: the pushing official for a new template, kept as it was afterwards;
 * - the department must be the organisation's; title, body and placeholders follow `checkAnswerTemplate`;
 * - a refused row is the refused-change path with `sync:refusal.template` and the rule's key.
 * Scope columns: `department_ids` (null: the organisation's) and `personal_of` (migration 450, derived
 * from the document) drive the pull; a template leaving someone's scope gets them an exit row.
 */
import { checkAnswerTemplate, templateWriteProblem } from '../../../shared/domain/answer-templates';
import type { AnswerTemplate } from '../../../shared/model/answer-template';
import { organisationWideRoles } from '../../../shared/model/roles';
import { answerTemplateSchema } from '../../../shared/schemas/answer-templates';
import type { Queryable } from '../db/pool';
import { boundedEditTime, changedKeys, deepEqual, type SyncDoc, sameState, tombstoneOf } from '../sync/docs';
import { type Refusal, refusalCodes } from '../sync/refusal';
import type {
  CollectionWriter,
  MasterRow,
  PushContext,
  PushRow,
  WriteDecision,
  WrittenDoc,
} from '../sync/types';
import { schemaValidator } from '../sync/validation';
import { refuse } from '../sync/writers';

const validate = schemaValidator(answerTemplateSchema);

const notAudited = new Set(['id', 'orgId', 'authorId', 'updatedAt', '_deleted']);

type Scope = Pick<AnswerTemplate, 'departmentId' | 'authorId' | 'personal'>;

function scopeOf(doc: SyncDoc): Scope {
  return {
    departmentId: typeof doc.departmentId === 'string' ? doc.departmentId : null,
    authorId: typeof doc.authorId === 'string' ? doc.authorId : null,
    personal: doc.personal === true,
  };
}

const templateRefusal = (problem: string, params: Record<string, string | number> = {}): Refusal => ({
  code: refusalCodes.template,
  params: { problem: problem.replace(/^templates:problem\./, ''), ...params },
});

async function departmentExists(ctx: PushContext, departmentId: string): Promise<boolean> {
  const found = await ctx.tx.query('SELECT 1 FROM departments WHERE org_id = $1 AND id = $2', [
    ctx.auth.orgId,
    departmentId,
  ]);
  return (found.rowCount ?? 0) > 0;
}

async function decide(ctx: PushContext, row: PushRow, master: MasterRow | null): Promise<WriteDecision> {
  const writer = { userId: ctx.auth.userId, role: ctx.auth.role, departmentIds: ctx.auth.departmentIds };
  const before = master && !master.doc._deleted ? scopeOf(master.doc) : null;
  if (before?.personal && before.authorId !== writer.userId) {
    // Never the real text of another official's personal template: the tombstone of what was pushed.
    return {
      store: null,
      reply: tombstoneOf(row.assumed ?? row.newDoc),
      refusal: { code: refusalCodes.outOfScope },
    };
  }
  if (master && !sameState(row.assumed, master.doc)) {
    return { store: null, reply: master.doc, refusal: { code: refusalCodes.concurrentEdit } };
  }
  const deleting = row.newDoc._deleted;
  // A deletion removes the template as it stands (its scope and author are the master's).
  const doc: SyncDoc =
    deleting && master
      ? { ...master.doc, _deleted: true, updatedAt: row.newDoc.updatedAt }
      : {
          ...row.newDoc,
          orgId: ctx.auth.orgId,
          authorId: master ? (master.doc.authorId ?? null) : writer.userId,
        };
  if (!deleting) {
    const problem = validate(doc);
    if (problem) return refuse(row, master, { code: refusalCodes.invalidDocument, params: { problem } });
    const checked = checkAnswerTemplate({ title: String(doc.title), body: String(doc.body) });
    if (!checked.ok) return refuse(row, master, templateRefusal(checked.error.code, checked.error.params));
    const { departmentId } = scopeOf(doc);
    if (departmentId !== null && !(await departmentExists(ctx, departmentId))) {
      return refuse(row, master, templateRefusal('notYourDepartment'));
    }
  }
  const denied = templateWriteProblem(writer, before, deleting ? null : scopeOf(doc));
  if (denied) return refuse(row, master, templateRefusal(denied.code));
  // A push that changes only the instant writes nothing; the client adopts the master.
  if (master && deepEqual(master.doc, { ...doc, updatedAt: master.doc.updatedAt })) {
    return { store: null, reply: deepEqual(master.doc, doc) ? null : master.doc, refusal: null };
  }
  doc.updatedAt = boundedEditTime(doc.updatedAt, master?.doc.updatedAt, ctx.now);
  const old: Record<string, unknown> = master?.doc ?? {};
  // What an official changed, old → new («Журнал администратора»); who and when are the audit row's own.
  const fields = Object.fromEntries(
    changedKeys(old, doc)
      .filter((k) => !notAudited.has(k))
      .map((k) => [k, { old: old[k] ?? null, new: doc[k] ?? null }]),
  );
  const action = `answerTemplate.${!master ? 'create' : deleting ? 'delete' : 'update'}`;
  const { departmentId } = scopeOf(doc);
  return {
    store: {
      doc,
      columns: { departmentIds: departmentId === null ? null : [departmentId] },
      audit: { action, fields },
    },
    reply: null,
    refusal: null,
  };
}

/**
 * Exit rows for the officials who saw a template before this write and do not now (it became
 * personal, or moved to another department): their desktops drop it on the next pull. Whoever sees
 * it now pulls the new state itself (it has a new seq).
 */
async function templateExits(db: Queryable, orgId: string, written: WrittenDoc[]): Promise<void> {
  const moved = written
    .filter((w) => w.before && !w.before.doc._deleted)
    .map((w) => {
      const old = scopeOf(w.before!.doc);
      const now = scopeOf(w.doc);
      return {
        id: w.id,
        doc: w.before!.doc,
        old_dept: old.departmentId,
        old_personal: old.personal ? old.authorId : null,
        new_dept: now.departmentId,
        new_personal: now.personal ? now.authorId : null,
      };
    })
    .filter((r) => r.old_dept !== r.new_dept || r.old_personal !== r.new_personal);
  if (moved.length === 0) return;
  const sees = (dept: string, personal: string) =>
    `((r.${personal} IS NULL OR r.${personal} = u.id) AND (r.${dept} IS NULL OR u.org_wide OR r.${dept} = ANY(u.depts)))`;
  await db.query(
    `INSERT INTO sync_user_events (seq, org_id, user_id, collection, doc_id, kind, doc)
     SELECT nextval('okno_sync_seq'), $1, u.id, 'answerTemplates', r.id, 'exit', r.doc || '{"_deleted": true}'::jsonb
       FROM jsonb_to_recordset($2::jsonb)
         AS r(id text, doc jsonb, old_dept text, old_personal text, new_dept text, new_personal text)
       JOIN (SELECT x.id, x.role = ANY($3::text[]) AS org_wide,
                    ARRAY(SELECT d.department_id FROM user_departments d WHERE d.user_id = x.id) AS depts
               FROM users x WHERE x.org_id = $1) u ON true
      WHERE ${sees('old_dept', 'old_personal')} AND NOT ${sees('new_dept', 'new_personal')}`,
    [orgId, JSON.stringify(moved), organisationWideRoles],
  );
}

export const answerTemplatesWriter: CollectionWriter = {
  decide,
  afterWrite: (ctx, written) => templateExits(ctx.tx, ctx.auth.orgId, written),
};

/**
 * What a desktop pulls (sync/pull.ts `pullScope`): the organisation's templates, those of the
 * reader's departments (every department for supervisors and administrators), and of personal ones
 * only the reader's own.
 */
export const answerTemplatesPullScope =
  '(t.personal_of IS NULL OR t.personal_of = $1) AND (t.department_ids IS NULL OR me.org_wide OR t.department_ids && me.depts)';
