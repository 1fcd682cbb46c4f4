import type { Appeal } from '../../shared/model/appeal';
import { labelKey } from '../../shared/model/labels';
import type { Translate } from './translate';

/**
 * How an appeal is named where its number would be: the registration number; a formal appeal still
 * waiting for one says so; incidents and portal messages, which never get a number, say what they
 * are and when they came («Инцидент от 06.12.2026, 10:15»).
 */
export function appealReference(
  t: Translate,
  appeal: Pick<Appeal, 'registrationNumber' | 'regime' | 'receivedAt'>,
  formatDate: (value: number) => string,
): string {
  if (appeal.registrationNumber) return appeal.registrationNumber;
  if (appeal.regime === 'formal') return t('app:appeal.numberPending');
  return t('app:appeal.unnumbered', {
    kind: t(labelKey.regime(appeal.regime)),
    date: formatDate(appeal.receivedAt),
  });
}
