import type { AppealAction } from '../../../../shared/domain/status-machine';

/**
 * The actions officials use most, most frequent first (issue 11, defect 11): taking, registering and
 * routing come before the rare legal outcomes.
 */
const byFrequency: readonly AppealAction[] = [
  'take',
  'register',
  'assign',
  'reassign',
  'close',
  'extend',
  'request_documents',
  'receive_documents',
  'answer_interim',
  'forward',
  'convert_to_formal',
  'merge_duplicate',
  'apply_art11',
  'terminate_correspondence',
  'reopen',
];

/** How many actions are buttons; the rest open from «Другие действия». */
const primaryCount = 3;

/** The offered actions split into the frequent few shown as buttons and the rest, for a menu. */
export function splitActions(actions: readonly AppealAction[]): {
  primary: AppealAction[];
  more: AppealAction[];
} {
  const rank = (action: AppealAction) => {
    const index = byFrequency.indexOf(action);
    return index === -1 ? byFrequency.length : index;
  };
  const ordered = [...actions].sort((a, b) => rank(a) - rank(b));
  // One left over reads better as a button than as a menu of one.
  const cut = ordered.length <= primaryCount + 1 ? ordered.length : primaryCount;
  return { primary: ordered.slice(0, cut), more: ordered.slice(cut) };
}
