import { useTranslation } from 'react-i18next';
import type { resources } from '../../shared/i18n/resources';
import type { RefusedChange } from '../../shared/model/refused-change';
import { type RefusalCode, refusalCodes } from '../../shared/sync/contract';

type SyncRefusalKey = `sync:refusal.${keyof (typeof resources)['ru']['sync']['refusal']}`;

/**
 * The text of every refusal code of the sync contract (namespace `sync`, ru and en). One map for the
 * app bar's list and the appeal's notice: a code the server may send without a text here is a type
 * error, so no refusal falls back to the generic text unnoticed.
 */
export const refusalTextKeys: Record<RefusalCode, SyncRefusalKey> = {
  [refusalCodes.outOfScope]: 'sync:refusal.outOfScope',
  [refusalCodes.readOnly]: 'sync:refusal.readOnly',
  [refusalCodes.roleMayNotChange]: 'sync:refusal.roleMayNotChange',
  [refusalCodes.serverOwned]: 'sync:refusal.serverOwned',
  [refusalCodes.statusTransition]: 'sync:refusal.statusTransition',
  [refusalCodes.concurrentEdit]: 'sync:refusal.concurrentEdit',
  [refusalCodes.invalidDocument]: 'sync:refusal.invalidDocument',
  [refusalCodes.immutable]: 'sync:refusal.immutable',
  [refusalCodes.replyViaMissing]: 'sync:refusal.replyViaMissing',
  [refusalCodes.replyViaChannel]: 'sync:refusal.replyViaChannel',
  [refusalCodes.replyViaEmail]: 'sync:refusal.replyViaEmail',
  [refusalCodes.replyViaPost]: 'sync:refusal.replyViaPost',
};

/** For a code this desktop does not know (a newer server): «Сервер отклонил изменение». */
const otherRefusalKey = 'sync:otherRefusal';

type Translate = (key: string, params?: Record<string, unknown>) => string;

const isKnown = (code: string): code is RefusalCode => Object.hasOwn(refusalTextKeys, code);

/** The key of a refused change's reason (stored codes are plain strings: an older or newer server's). */
const refusalTextKey = (code: string): string => (isKnown(code) ? refusalTextKeys[code] : otherRefusalKey);

/** The reason's text, its params (`from`, `to`, …) filling the placeholders. */
const refusalText = (t: Translate, reason: RefusedChange['reason']): string =>
  t(refusalTextKey(reason.code), reason.params);

/** Why the server refused a change, in the user's language. */
export function RefusalReason({ reason }: { reason: RefusedChange['reason'] }) {
  const { t } = useTranslation();
  return <>{refusalText(t as unknown as Translate, reason)}</>;
}
