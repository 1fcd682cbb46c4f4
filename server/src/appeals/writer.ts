/**
 * The server's authority over pushed appeals (docs/ARCHITECTURE.md, "Authority" and "Conflicts"):
 * 1. a stale push is first merged three-way with the master (./merge.ts);
 * 2. the lifecycle change is replayed with the shared status machine for the pushing user
 *    (./lifecycle.ts); creation is replayed from the regime's initial state;
 * 3. server-owned fields (the conversation link among them) are taken from the master, immutable
 *    ones may not change;
 * 4. formal appeals get their registration number, every appeal its deadlines (./registration.ts);
 * 5. the result is stored and audited; what the client did not get is returned as the conflict.
 *    `updatedAt` is the server's: the client's instant bounded by the master's and the server clock
 *    (sync/docs.ts `boundedEditTime`); a push that changes nothing else writes nothing.
 */
import { initialStatus, isClosed } from '../../../shared/domain/status-machine';
import type { AppealTriage } from '../../../shared/model/appeal';
import type { AttachmentMeta } from '../../../shared/model/attachment';
import { isOrganisationWide } from '../../../shared/model/roles';
import type { AppealStatus, Regime } from '../../../shared/model/vocabulary';
import { appealSchema } from '../../../shared/schemas/appeals';
import type { FieldChange } from '../audit/audit';
import { boundedEditTime, changedKeys, deepEqual, type SyncDoc, sameState, storedForm } from '../sync/docs';
import { visibleTo } from '../sync/push';
import { combineRefusals, type Refusal, refusalCodes } from '../sync/refusal';
import type { ReplayRule } from '../sync/replay';
import type { CollectionWriter, PushContext, PushRow, WriteDecision } from '../sync/types';
import { schemaValidator } from '../sync/validation';
import { refuse } from '../sync/writers';
import {
  incidentDecisionOf,
  learnFromDecision,
  learnIncidentDecision,
  triageAppeal,
  triageText,
} from '../triage';
import { authoriseLifecycle, lifecycleFields } from './lifecycle';
import { mergeAppeal } from './merge';
import { loadOrgRules, type OrgRules, registerIfDue, withDeadlines } from './registration';
import { authoriseResolution, keepKnownPeople, resolutionFields } from './resolution';
import { acceptedAttachments } from './scans';
import { applyAppealScopeEffects } from './scope';

type Doc = Record<string, unknown>;

const validate = schemaValidator(appealSchema);

/** Never taken from a client. */
const serverOwnedFields = [
  'orgId',
  'registrationNumber',
  'registeredAt',
  'legalDeadline',
  'controlDate',
  'dueAt',
  // What triage suggested on arrival (../triage): computed here for a desktop's new appeal.
  'triage',
];
/**
 * Links the server makes: the conversation an appeal was born from (channels, the bot). A desktop
 * creates appeals without one and can never set or change it — the link decides who sees the chat,
 * its messages and whom a `replyVia: 'channel'` answer reaches, so a client's link would open another
 * department's citizen to it. Refused as `serverOwned`; the master's value stays.
 */
const serverLinkFields = ['conversationId'];
/**
 * Marks a person sets through the server's own API, which replicate to the desktops but are never
 * taken from a push: the repeat mark (`repeatOf`, POST/DELETE /api/v1/appeals/:id/repeat, issue 11),
 * whose evidence the server checks. Like the links, refused as `serverOwned` only when the client
 * changed what it saw; a new appeal starts unmarked.
 */
const serverMarkFields = [
  'repeatOf',
  // Set by the server's own routes and jobs (issues 13, 14) while desktops keep working on the appeal:
  // the problem group a person formed (../problems), the community post an appeal came from
  // (../channels), the territory of its place (../territories) and the citizen's verdict on the answer
  // with the supervisor's decision (../quality).
  'problemId',
  'sourcePost',
  'territoryId',
  'verdict',
];
/** Set when the appeal is created, never changed afterwards. */
const immutableFields = ['regime', 'channel', 'receivedAt'];
/**
 * What an official corrects on an incoming appeal (issue 11): editable while the appeal is in work,
 * kept as they were once it is closed (the archive and the reports read them), unless the same push
 * reopens it.
 */
const workingFields = ['subject', 'category', 'subcategory', 'urgent'];
/** Personal data: the audit log records that they changed, not their values. */
const redactedInAudit = new Set(['applicant', 'kind', 'text', 'comments', 'tasks', 'assignmentNote']);

const pickFields = (doc: Doc, fields: readonly string[]): Doc =>
  Object.fromEntries(fields.filter((field) => field in doc).map((field) => [field, doc[field]]));

const orgRulesCache = new WeakMap<PushContext, Promise<OrgRules>>();
function orgRules(ctx: PushContext): Promise<OrgRules> {
  let rules = orgRulesCache.get(ctx);
  if (!rules) {
    rules = loadOrgRules(ctx.tx, ctx.auth.orgId);
    orgRulesCache.set(ctx, rules);
  }
  return rules;
}

const orgWide = (ctx: PushContext) => isOrganisationWide(ctx.auth.role);

/**
 * Operators and heads create appeals in their own departments (so they keep seeing them);
 * supervisors and admins in any department of their organisation, or unrouted (`''`).
 */
async function mayCreateIn(ctx: PushContext, departmentId: string): Promise<boolean> {
  if (!orgWide(ctx)) return ctx.auth.departmentIds.includes(departmentId);
  if (departmentId === '') return true;
  const found = await ctx.tx.query('SELECT 1 FROM departments WHERE org_id = $1 AND id = $2', [
    ctx.auth.orgId,
    departmentId,
  ]);
  return (found.rowCount ?? 0) > 0;
}

/** The state a new appeal starts from: the client's content, the regime's initial lifecycle. */
function initialState(ctx: PushContext, proposed: Doc): Doc {
  const start: Doc = { ...proposed, status: initialStatus(proposed.regime as Regime), assigneeId: '' };
  for (const field of lifecycleFields) {
    if (!['status', 'departmentId', 'assigneeId'].includes(field)) start[field] = null;
  }
  for (const field of serverOwnedFields) start[field] = null;
  for (const field of serverLinkFields) start[field] = '';
  for (const field of serverMarkFields) start[field] = null;
  start.orgId = ctx.auth.orgId;
  start.mergedIds = Array.isArray(proposed.mergedIds) ? proposed.mergedIds : [];
  return start;
}

function keepServerOwned(base: Doc, row: PushRow, doc: Doc, refusals: Refusal[], creating: boolean): Doc {
  const proposed: Doc = row.newDoc;
  const result = { ...doc };
  const touched: string[] = [];
  for (const field of serverOwnedFields) {
    if (!creating && !deepEqual(proposed[field], base[field])) touched.push(field);
    result[field] = base[field];
  }
  // Refused only when the client changed the link (not when the server linked it meanwhile).
  const seen: Doc = row.assumed ?? base;
  for (const field of [...serverLinkFields, ...serverMarkFields]) {
    if (!deepEqual(proposed[field], seen[field]) && !deepEqual(proposed[field], base[field])) {
      touched.push(field);
    }
    result[field] = base[field];
  }
  // Nested server-owned values: the applicant's link to their encrypted passport and its masked form
  // (set by the personal-data and passport APIs), and the extension notice. A new appeal links no
  // applicant: naming someone else's would open their passport to whoever sees this appeal.
  const baseApplicant = base.applicant as Doc | undefined;
  const applicant = result.applicant as Doc | undefined;
  if (creating && applicant && typeof applicant.applicantId === 'string' && applicant.applicantId !== '') {
    touched.push('applicant.applicantId');
    result.applicant = { ...applicant, applicantId: null };
  }
  if (!creating && applicant && baseApplicant) {
    for (const field of ['applicantId', 'passportMasked']) {
      if (!deepEqual(applicant[field], baseApplicant[field])) {
        touched.push(`applicant.${field}`);
        result.applicant = { ...(result.applicant as Doc), [field]: baseApplicant[field] };
      }
    }
  }
  const baseExtension = base.extension as Doc | null;
  const extension = result.extension as Doc | null;
  if (extension && baseExtension)
    result.extension = { ...extension, noticeQueuedAt: baseExtension.noticeQueuedAt };
  if (touched.length > 0) refusals.push({ code: refusalCodes.serverOwned, fields: touched });
  return result;
}

/**
 * A formal appeal made from an incident (`convertedFromId`, docs/DOMAIN.md: "the two appeals keep
 * links both ways") carries on in the incident's conversation, so its notices and channel answers
 * reach the citizen who asked for it: the server links it, as it links every appeal born from a chat.
 * Only an incident the pushing user sees may be named; any other link is refused and cleared.
 */
async function linkConverted(ctx: PushContext, doc: Doc, refusals: Refusal[]): Promise<Doc> {
  const found = await ctx.tx.query<{ conversation_id: string; department_ids: string[]; regime: string }>(
    `SELECT conversation_id, department_ids, doc->>'regime' AS regime FROM sync_appeals
      WHERE org_id = $1 AND id = $2 AND NOT coalesce((doc->>'_deleted')::boolean, false)`,
    [ctx.auth.orgId, String(doc.convertedFromId)],
  );
  const incident = found.rows[0];
  const allowed =
    incident !== undefined &&
    incident.regime === 'incident' &&
    doc.regime === 'formal' &&
    visibleTo(ctx.auth, incident.department_ids);
  if (!allowed) {
    refusals.push({ code: refusalCodes.outOfScope, fields: ['convertedFromId'] });
    return { ...doc, convertedFromId: null };
  }
  return { ...doc, conversationId: incident.conversation_id };
}

/**
 * The appeal's files (./scans.ts): those the server has stay; a new one is a scan uploaded to this
 * appeal, or — for a formal appeal made from an incident (already checked by `linkConverted`) — one of
 * the incident's files.
 */
async function keepAttachments(
  ctx: PushContext,
  base: Doc | null,
  doc: Doc,
  refusals: Refusal[],
): Promise<Doc> {
  const kept = (base?.attachments ?? []) as AttachmentMeta[];
  // A tombstone (schema-checked only when alive) keeps what the server had.
  if (!Array.isArray(doc.attachments)) return { ...doc, attachments: kept };
  if (deepEqual(doc.attachments, kept)) return doc;
  let carried: AttachmentMeta[] = [];
  if (base === null && doc.convertedFromId) {
    const incident = await ctx.tx.query<{ attachments: AttachmentMeta[] | null }>(
      `SELECT doc->'attachments' AS attachments FROM sync_appeals WHERE org_id = $1 AND id = $2`,
      [ctx.auth.orgId, String(doc.convertedFromId)],
    );
    carried = incident.rows[0]?.attachments ?? [];
  }
  const result = await acceptedAttachments(
    ctx.tx,
    ctx.auth.orgId,
    String(doc.id),
    doc.attachments,
    kept,
    carried,
  );
  if (result.refused) refusals.push({ code: refusalCodes.appealScans, fields: ['attachments'] });
  return { ...doc, attachments: result.attachments };
}

function auditFields(before: Doc, after: Doc): Record<string, FieldChange> {
  return Object.fromEntries(
    changedKeys(before, after).map((k) =>
      redactedInAudit.has(k)
        ? [k, { old: '[redacted]', new: '[redacted]' }]
        : [k, { old: before[k] ?? null, new: after[k] ?? null }],
    ),
  );
}

async function decide(
  ctx: PushContext,
  row: Parameters<CollectionWriter['decide']>[1],
  master: Parameters<CollectionWriter['decide']>[2],
): Promise<WriteDecision> {
  const { auth } = ctx;
  const base = master?.doc ?? null;
  if (row.newDoc._deleted && !base?._deleted && auth.role !== 'admin') {
    return refuse(row, master, {
      code: refusalCodes.roleMayNotChange,
      params: { role: auth.role },
      fields: ['_deleted'],
    });
  }
  const problem = row.newDoc._deleted ? null : validate(row.newDoc);
  if (problem) return refuse(row, master, { code: refusalCodes.invalidDocument, params: { problem } });

  const refusals: Refusal[] = [];
  // The резолюция is decided apart (./resolution.ts): its lists merge by id, never as a concurrent edit.
  const seen = row.assumed ? storedForm(row.assumed) : null;
  let proposed: Doc = { ...row.newDoc, ...pickFields(seen ?? base ?? row.newDoc, resolutionFields) };
  if (base && !sameState(row.assumed, base)) {
    const merged = mergeAppeal(seen ?? {}, proposed, base, ctx.now);
    proposed = merged.doc;
    if (merged.refusal) refusals.push(merged.refusal);
  }

  const creating = base === null;
  if (creating && !(await mayCreateIn(ctx, String(proposed.departmentId)))) {
    return refuse(row, null, { code: refusalCodes.outOfScope, fields: ['departmentId'] });
  }
  const rules = await orgRules(ctx);
  // A new formal appeal is registered first (59-FZ art. 8: nothing happens to it before), so a
  // desktop that created and took it offline gets both.
  const from = creating
    ? await registerIfDue(ctx.tx, auth.orgId, rules, initialState(ctx, proposed), ctx.now)
    : base;
  const actor = { role: auth.role, userId: auth.userId, departmentIds: auth.departmentIds };
  // A desktop's new appeal says the regime's initial status; registration may have moved past it.
  const wanted =
    creating && proposed.status === initialStatus(proposed.regime as Regime)
      ? { ...proposed, status: from.status }
      : proposed;
  const lifecycle = authoriseLifecycle(from, wanted, actor, ctx.now);
  refusals.push(...lifecycle.refusals);
  let doc: Doc = lifecycle.doc;
  if (!creating) {
    const changedImmutable = immutableFields.filter((f) => !deepEqual(doc[f], base[f]));
    if (changedImmutable.length > 0) {
      refusals.push({
        code: refusalCodes.roleMayNotChange,
        params: { role: auth.role },
        fields: changedImmutable,
      });
      for (const f of changedImmutable) doc[f] = base[f];
    }
  }
  if (!creating && isClosed(base.status as AppealStatus) && isClosed(doc.status as AppealStatus)) {
    const edited = workingFields.filter((f) => !deepEqual(doc[f], base[f]));
    if (edited.length > 0) {
      refusals.push({ code: refusalCodes.closedAppeal, fields: edited });
      for (const f of edited) doc[f] = base[f];
    }
  }
  doc = keepServerOwned(from, row, doc, refusals, creating);
  const resolution = authoriseResolution(
    base,
    seen,
    row.newDoc,
    { role: auth.role, userId: auth.userId },
    lifecycle.actions.includes('assign'),
    base !== null && doc.assigneeId !== base.assigneeId,
    ctx.now,
  );
  const people = await keepKnownPeople(ctx.tx, auth.orgId, base, resolution.set, auth.role);
  doc = { ...doc, ...people.set };
  if (resolution.refusal) refusals.push(resolution.refusal);
  if (people.refusal) refusals.push(people.refusal);
  if (creating && doc.convertedFromId) doc = await linkConverted(ctx, doc, refusals);
  doc = await keepAttachments(ctx, base, doc, refusals);
  doc._deleted = proposed._deleted === true;
  if (creating && !doc._deleted) {
    doc.triage = await triageAppeal(
      ctx.tx,
      auth.orgId,
      triageText(String(doc.subject), String(doc.text)),
      ctx.now,
    );
  }
  // A person chose the department (a new appeal in it, a reassignment): the organisation's learner learns it.
  if (!doc._deleted && doc.departmentId !== '' && doc.departmentId !== (base?.departmentId ?? '')) {
    const suggestion = ((creating ? doc.triage : base?.triage) ?? null) as AppealTriage | null;
    await learnFromDecision(
      ctx.tx,
      {
        orgId: auth.orgId,
        appealId: String(doc.id),
        text: triageText(String(doc.subject), String(doc.text)),
        departmentId: String(doc.departmentId),
        suggested: suggestion?.department[0]?.value ?? null,
      },
      ctx.now,
    ).catch((error) => console.error('triage learning failed', error));
  }
  // «Это инцидент» / «Не инцидент» on a chat message: the organisation's incident learner learns it.
  const incident = doc._deleted ? null : incidentDecisionOf(base, doc, lifecycle.actions);
  if (incident !== null) {
    const suggestion = (base?.triage ?? null) as AppealTriage | null;
    await learnIncidentDecision(
      ctx.tx,
      {
        orgId: auth.orgId,
        appealId: String(doc.id),
        text: triageText(String(doc.subject), String(doc.text)),
        incident,
        suggested: suggestion ? suggestion.incident.value : null,
      },
      ctx.now,
    ).catch((error) => console.error('triage incident learning failed', error));
  }

  const registered = await registerIfDue(ctx.tx, auth.orgId, rules, doc, ctx.now);
  doc = withDeadlines(base, registered, rules);

  const refusal = combineRefusals(refusals);
  // Nothing but the instant changed (e.g. every change refused): nothing is written, no seq, no audit.
  if (base && deepEqual(base, { ...doc, updatedAt: base.updatedAt })) {
    return { store: null, reply: sameState(row.newDoc, base) ? null : base, refusal };
  }
  doc.updatedAt = boundedEditTime(row.newDoc.updatedAt, base?.updatedAt, ctx.now);
  const stored = doc as SyncDoc;
  const action = creating ? 'appeal.create' : stored._deleted ? 'appeal.delete' : 'appeal.update';
  const actions: string[] = [...lifecycle.actions];
  if (doc.registrationNumber && doc.registrationNumber !== base?.registrationNumber) actions.push('register');
  return {
    store: {
      doc: stored,
      columns: {
        departmentIds: stored.departmentId ? [String(stored.departmentId)] : [],
        conversationId: String(stored.conversationId ?? ''),
      },
      audit: {
        action,
        fields: auditFields(base ?? {}, stored),
        details: { ...(actions.length > 0 ? { actions } : {}), ...(refusal ? { refused: refusal } : {}) },
      },
    },
    reply: null,
    refusal,
  };
}

const isUnset = (value: unknown) => value === null || value === undefined || value === '';

/**
 * A re-sent push of an appeal (../sync/replay.ts) is compared without what the server fills in: the
 * server-owned fields of a new appeal, the status registration moved it to from the regime's initial
 * one, the conversation link, and the server's values nested in the applicant and the extension
 * where the client left them as it found them.
 */
const appealReplay: ReplayRule = {
  filledOnCreation: [...serverOwnedFields, ...serverMarkFields],
  normalise(proposed, assumed, master) {
    const creating = assumed === null;
    const doc: Doc = { ...proposed };
    if (creating && proposed.status === initialStatus(proposed.regime as Regime)) doc.status = master.status;
    if (creating && isUnset(proposed.conversationId)) doc.conversationId = master.conversationId;
    const applicant = proposed.applicant as Doc | undefined;
    const masterApplicant = master.applicant as Doc | undefined;
    if (applicant && masterApplicant) {
      const seen = (assumed?.applicant ?? {}) as Doc;
      const next: Doc = { ...applicant };
      for (const field of ['applicantId', 'passportMasked']) {
        const untouched = creating ? isUnset(applicant[field]) : deepEqual(applicant[field], seen[field]);
        if (untouched) next[field] = masterApplicant[field];
      }
      doc.applicant = next;
    }
    const extension = proposed.extension as Doc | null;
    const masterExtension = master.extension as Doc | null;
    if (extension && masterExtension) {
      doc.extension = { ...extension, noticeQueuedAt: masterExtension.noticeQueuedAt };
    }
    return doc;
  },
};

export const appealsWriter: CollectionWriter = {
  decide,
  replay: appealReplay,
  afterWrite: (ctx, written) => applyAppealScopeEffects(ctx.tx, ctx.auth.orgId, written),
};
