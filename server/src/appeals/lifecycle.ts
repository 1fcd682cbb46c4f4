/**
 * Server authority over an appeal's lifecycle. A desktop does not send actions, it sends the
 * document as the user left it; the server infers which status-machine actions explain the change
 * from the master state and replays them with the shared machine (shared/domain/status-machine.ts)
 * for the pushing user. Lifecycle fields the replay does not produce are refused (the master's
 * values stay) with the machine's reason.
 */
import {
  type Actor,
  type AppealAction,
  applyAction,
  type TransitionSubject,
  transitionTable,
} from '../../../shared/domain/status-machine';
import type { AppealStatus, Regime } from '../../../shared/model/vocabulary';
import { deepEqual } from '../sync/docs';
import { type Refusal, refusalCodes } from '../sync/refusal';

type Doc = Record<string, unknown>;

/** Fields only status-machine actions change. */
export const lifecycleFields = [
  'status',
  'departmentId',
  'assigneeId',
  'extension',
  'extendedAt',
  'interimAnsweredAt',
  'documentsRequestedAt',
  'answeredAt',
  'closedAt',
  'result',
  'art11Outcome',
  'outcomeNote',
  'duplicateOf',
  'forwardedTo',
  'convertedToId',
] as const;

/** Fields an action may set that a desktop also sets offline; the desktop's instant is kept when plausible. */
const instantFields = ['extendedAt', 'interimAnsweredAt', 'documentsRequestedAt', 'answeredAt', 'closedAt'];

function payloadFor(action: AppealAction, proposed: Doc): unknown {
  const extension = proposed.extension as { days?: unknown; reason?: unknown } | null;
  const forwardedTo = proposed.forwardedTo as { bodyName?: unknown } | null;
  const classifierCode = proposed.classifierCode ?? undefined;
  switch (action) {
    case 'assign':
      return { assigneeId: proposed.assigneeId, departmentId: proposed.departmentId };
    case 'reassign':
      return { departmentId: proposed.departmentId };
    case 'extend':
      return { days: extension?.days, reason: extension?.reason };
    case 'forward':
      return { bodyName: forwardedTo?.bodyName };
    case 'close':
      return { result: proposed.result, classifierCode };
    case 'apply_art11':
      return { outcome: proposed.art11Outcome, note: proposed.outcomeNote ?? undefined, classifierCode };
    case 'terminate_correspondence':
      return { reason: proposed.outcomeNote, classifierCode };
    case 'merge_duplicate':
      return { targetId: proposed.duplicateOf };
    case 'convert_to_formal':
      return { formalAppealId: proposed.convertedToId };
    case 'reopen':
      return { reason: 'reopened on a desktop' };
    default:
      return undefined;
  }
}

/** Candidate actions, in the order they are replayed: routing first, then the status move. */
function inferActions(current: Doc, proposed: Doc, actor: Actor): AppealAction[] {
  const actions: AppealAction[] = [];
  if (proposed.departmentId !== current.departmentId) {
    actions.push(current.departmentId === '' && proposed.assigneeId !== '' ? 'assign' : 'reassign');
  }
  if (proposed.assigneeId !== current.assigneeId && proposed.assigneeId !== '') {
    const isTake = proposed.assigneeId === actor.userId && current.assigneeId === '';
    actions.push(isTake ? 'take' : 'assign');
  }
  if (current.extension === null && proposed.extension !== null) actions.push('extend');
  return actions;
}

function statusActions(regime: Regime, from: AppealStatus, to: AppealStatus): AppealAction[] {
  const rules = transitionTable[regime] ?? {};
  return (Object.keys(rules) as AppealAction[]).filter(
    (action) => rules[action]?.moves[from] === to && from !== to,
  );
}

function apply(current: Doc, action: AppealAction, actor: Actor, proposed: Doc, now: number) {
  const result = applyAction(
    current as unknown as TransitionSubject,
    action,
    actor,
    payloadFor(action, proposed) as never,
    now,
  );
  if (!result.ok) return result;
  const next: Doc = { ...current, ...result.value.changes, status: result.value.status };
  for (const field of instantFields) {
    const mine = proposed[field];
    if (field in result.value.changes && typeof mine === 'number' && mine <= now) next[field] = mine;
  }
  // The forwarding's instant is the desktop's too (defect 1 of issue 11: refused as an unexplained
  // `forwardedTo` because the server's clock gave it another `at`).
  const forwarded = result.value.changes.forwardedTo;
  const mine = proposed.forwardedTo as { bodyName?: unknown; at?: unknown } | null;
  if (forwarded && mine?.bodyName === forwarded.bodyName && typeof mine.at === 'number' && mine.at <= now) {
    next.forwardedTo = { ...forwarded, at: mine.at };
  }
  return { ok: true as const, value: next };
}

export interface LifecycleOutcome {
  doc: Doc;
  refusals: Refusal[];
  actions: AppealAction[];
}

/** Replays the lifecycle change `master` → `proposed` for `actor`; returns the authorised document. */
export function authoriseLifecycle(master: Doc, proposed: Doc, actor: Actor, now: number): LifecycleOutcome {
  let current: Doc = { ...master };
  const refusals: Refusal[] = [];
  const actions: AppealAction[] = [];
  const attempt = (candidates: AppealAction[]) => {
    let firstError: { code: string; params?: Record<string, string | number> } | null = null;
    for (const action of candidates) {
      const result = apply(current, action, actor, proposed, now);
      if (result.ok) {
        current = result.value;
        actions.push(action);
        return null;
      }
      firstError ??= result.error;
    }
    return firstError;
  };
  for (const action of inferActions(current, proposed, actor)) {
    const error = attempt([action]);
    if (error) refusals.push(transitionRefusal(error, current, proposed));
  }
  if (proposed.status !== current.status) {
    const candidates = statusActions(
      current.regime as Regime,
      current.status as AppealStatus,
      proposed.status as AppealStatus,
    );
    const error = candidates.length > 0 ? attempt(candidates) : { code: 'domain:transition.notAllowed' };
    if (error) refusals.push(transitionRefusal(error, current, proposed));
  }
  // Whatever the replayed actions did not produce stays as the master had it.
  const unexplained = lifecycleFields.filter(
    (field) => !deepEqual(current[field], proposed[field]) && !instantFields.includes(field),
  );
  if (unexplained.length > 0 && refusals.length === 0) {
    refusals.push({
      code: refusalCodes.roleMayNotChange,
      params: { role: actor.role },
      fields: [...unexplained],
    });
  } else if (unexplained.length > 0) {
    refusals[0] = { ...refusals[0]!, fields: [...new Set([...(refusals[0]!.fields ?? []), ...unexplained])] };
  }
  return { doc: { ...proposed, ...pick(current, lifecycleFields) }, refusals, actions };
}

function transitionRefusal(
  error: { code: string; params?: Record<string, string | number> },
  current: Doc,
  proposed: Doc,
): Refusal {
  return {
    code: refusalCodes.statusTransition,
    params: { reason: error.code, from: String(current.status), to: String(proposed.status) },
  };
}

function pick(doc: Doc, fields: readonly string[]): Doc {
  return Object.fromEntries(fields.map((f) => [f, doc[f]]));
}
