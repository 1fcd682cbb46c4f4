import type {
  ActionPayloads,
  Actor,
  AppealAction,
  TransitionSubject,
} from '../../../../shared/domain/status-machine';
import type { AppealStatus, Regime } from '../../../../shared/model';

export function subject(regime: Regime, status: AppealStatus, overrides: Partial<TransitionSubject> = {}) {
  return {
    id: 'appeal-1',
    regime,
    status,
    departmentId: 'dept-roads',
    assigneeId: '',
    extension: null,
    kind: { form: 'application', complaintAgainst: null },
    ...overrides,
  } satisfies TransitionSubject;
}

export const operator: Actor = { role: 'operator', userId: 'user-op', departmentIds: ['dept-roads'] };
export const head: Actor = { role: 'head', userId: 'user-head', departmentIds: ['dept-roads'] };
export const otherHead: Actor = { role: 'head', userId: 'user-head-2', departmentIds: ['dept-housing'] };
export const supervisor: Actor = { role: 'supervisor', userId: 'user-sup' };
export const admin: Actor = { role: 'admin', userId: 'user-admin' };
export const server: Actor = { role: 'admin', system: true };

/** A valid payload for every action, for the given appeal. */
export function validPayload(
  action: AppealAction,
  appeal: TransitionSubject,
  actor: Actor = supervisor,
): ActionPayloads[AppealAction] {
  // An unrouted appeal is routed into a department the actor may route to.
  const routeTo = actor.role === 'head' ? (actor.departmentIds?.[0] ?? 'dept-roads') : 'dept-roads';
  const payloads: { [A in AppealAction]: ActionPayloads[A] } = {
    take: undefined,
    assign:
      appeal.departmentId === ''
        ? { assigneeId: 'user-op', departmentId: routeTo }
        : { assigneeId: 'user-op' },
    reassign: { departmentId: appeal.departmentId === 'dept-other' ? 'dept-roads' : 'dept-other' },
    register: { registrationNumber: '15/2025' },
    request_documents: undefined,
    receive_documents: undefined,
    extend: { days: 30, reason: 'Запрошены документы в Росреестре' },
    forward: { bodyName: 'Министерство транспорта Тверской области' },
    answer_interim: undefined,
    answer: undefined,
    close: { result: 'explained', classifierCode: '0003.0001.0001.0001' },
    apply_art11: { outcome: 'no_answer' },
    terminate_correspondence: { reason: 'Вопрос рассмотрен трижды, новых доводов нет' },
    merge_duplicate: { targetId: 'appeal-2' },
    convert_to_formal: { formalAppealId: 'appeal-3' },
    reopen: { reason: 'Ответ не соответствует вопросу' },
    withdraw: { note: 'Заявление об отзыве получено через Telegram 06.12.2026 13:45' },
    close_non_incident: undefined,
  };
  return payloads[action];
}
