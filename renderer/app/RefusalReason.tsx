import { useTranslation } from 'react-i18next';
import type { resources } from '../../shared/i18n/resources';
import type { RefusedChange } from '../../shared/model/refused-change';
import { refusalCodes } from '../../shared/sync/contract';

type SyncRefusalKey = `sync:refusal.${keyof (typeof resources)['ru']['sync']['refusal']}`;

/**
 * Every refusal code of the sync contract is itself the key of its text (namespace `sync`, ru and en),
 * so nothing maps one to the other: the set's element type makes a code without a text a type error,
 * and no refusal falls back to the generic text unnoticed.
 */
const knownCodes: ReadonlySet<string> = new Set<SyncRefusalKey>(Object.values(refusalCodes));

/** For a code this desktop does not know (a newer server): «Сервер отклонил изменение». */
const otherRefusalKey = 'sync:otherRefusal';

type Translate = (key: string, params?: Record<string, unknown>) => string;

/** The key of a refused change's reason (stored codes are plain strings: an older or newer server's). */
const refusalTextKey = (code: string): string => (knownCodes.has(code) ? code : otherRefusalKey);

/** The reason's text, its params (`from`, `to`, …) filling the placeholders. */
const refusalText = (t: Translate, reason: RefusedChange['reason']): string =>
  t(refusalTextKey(reason.code), reason.params);

/** Why the server refused a change, in the user's language. */
export function RefusalReason({ reason }: { reason: RefusedChange['reason'] }) {
  const { t } = useTranslation();
  return <>{refusalText(t as unknown as Translate, reason)}</>;
}
