/**
 * From a chosen action to the local write: the shared status machine decides (the server replays the
 * same machine on push), and its result becomes one patch of the appeal document. Pure.
 */
import type { ClosingResult } from '../../shared/domain/classifier/results';
import { ok, type Result } from '../../shared/domain/result';
import {
  type ActionPayloads,
  type Actor,
  type AppealAction,
  type AppealChanges,
  type Art11ActionOutcome,
  applyAction,
  availableActions,
} from '../../shared/domain/status-machine';
import type { Appeal } from '../../shared/model/appeal';

/** What one action writes into the appeal: the machine's changes, the new status and the edit time. */
export type AppealPatch = AppealChanges & Pick<Appeal, 'status' | 'updatedAt'>;

/**
 * Actions not offered in the action bar: registration is the server's, the answer and the interim
 * answer are sent from the composer (each writes its outbound message first: an interim answer has a
 * text and reaches the applicant — defect 4 of issue 11), and conversion needs the formal appeal it creates.
 */
const notInActionBar: readonly AppealAction[] = [
  'register',
  'answer',
  'answer_interim',
  'convert_to_formal',
  // The inbox's «Не инциденты» closes a non-incident with one key (features/inbox).
  'close_non_incident',
];

/** Actions performed at once, without a form. */
export const immediateActions: readonly AppealAction[] = ['take', 'request_documents', 'receive_documents'];

/** The legal actions of this actor on this appeal that the action bar offers. */
export function offeredActions(appeal: Appeal, actor: Actor): AppealAction[] {
  return availableActions(appeal, actor).filter((action) => !notInActionBar.includes(action));
}

/** The status machine's verdict as a patch, or its error (an i18n key with parameters). */
export function planAction<A extends AppealAction>(
  appeal: Appeal,
  action: A,
  actor: Actor,
  payload: ActionPayloads[A],
  now: number,
): Result<AppealPatch> {
  const transition = applyAction(appeal, action, actor, payload, now);
  if (!transition.ok) return transition;
  // updatedAt never goes back, even when this desktop's clock is behind the last editor's.
  const updatedAt = Math.max(now, appeal.updatedAt + 1);
  return ok({ ...transition.value.changes, status: transition.value.status, updatedAt });
}

/** Every field an action form can hold, as typed (strings straight from the inputs). */
export interface ActionForm {
  assigneeId: string;
  departmentId: string;
  days: string;
  reason: string;
  bodyName: string;
  result: ClosingResult | '';
  classifierCode: string;
  outcome: Art11ActionOutcome | '';
  note: string;
  targetId: string;
}

export const emptyActionForm: ActionForm = {
  assigneeId: '',
  departmentId: '',
  days: '30',
  reason: '',
  bodyName: '',
  result: '',
  classifierCode: '',
  outcome: '',
  note: '',
  targetId: '',
};

const optional = <K extends string>(key: K, value: string): Partial<Record<K, string>> =>
  value.trim() === '' ? {} : ({ [key]: value.trim() } as Record<K, string>);

/**
 * The payload of `action` from the form. It does not validate: the status machine does, and its
 * error names the field (`domain:transition.*`), so the form shows the same reasons as the server.
 */
export function payloadFromForm(action: AppealAction, form: ActionForm, appeal: Appeal): unknown {
  switch (action) {
    case 'assign':
      return {
        assigneeId: form.assigneeId,
        ...(appeal.departmentId === '' ? { departmentId: form.departmentId } : {}),
      };
    case 'reassign':
      return { departmentId: form.departmentId };
    case 'extend':
      return { days: form.days.trim() === '' ? Number.NaN : Number(form.days), reason: form.reason };
    case 'forward':
      return { bodyName: form.bodyName };
    case 'close':
      return { result: form.result, ...optional('classifierCode', form.classifierCode) };
    case 'apply_art11':
      return {
        outcome: form.outcome,
        ...optional('note', form.note),
        ...optional('classifierCode', form.classifierCode),
      };
    case 'terminate_correspondence':
      return { reason: form.reason, ...optional('classifierCode', form.classifierCode) };
    case 'merge_duplicate':
      return { targetId: form.targetId };
    case 'reopen':
      return { reason: form.reason };
    default:
      return undefined;
  }
}
