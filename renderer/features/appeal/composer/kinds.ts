import { type Actor, type AppealAction, availableActions } from '../../../../shared/domain/status-machine';
import type { Appeal } from '../../../../shared/model/appeal';

/**
 * What the composer sends: the answer on the merits (the `answer` action), an interim answer
 * (`answer_interim`: incidents, with a text the applicant receives — defect 4 of issue 11), or, once
 * the answer has been given, a follow-up message that changes no status (defect 8: the composer no
 * longer says «ответ не отправляется» beside the answer it has just queued).
 */
export type ComposerKind = 'answer' | 'interim' | 'followUp';

export const actionOfKind: Record<ComposerKind, AppealAction | null> = {
  answer: 'answer',
  interim: 'answer_interim',
  followUp: null,
};

/** The kinds this actor can send on this appeal, the usual one first; empty when none. */
export function composerKinds(appeal: Appeal, actor: Actor): ComposerKind[] {
  const actions = availableActions(appeal, actor);
  const kinds: ComposerKind[] = [];
  if (actions.includes('answer')) kinds.push('answer');
  if (actions.includes('answer_interim')) kinds.push('interim');
  if (appeal.status === 'answered') kinds.push('followUp');
  return kinds;
}
