/**
 * How «Журнал администратора» words the organisation's settings (audit action
 * `organisation.settings_update`, fields as shared/domain/organisation-settings.ts names them): the
 * field names of the `organisation` namespace, a day off and the shift rule in words.
 */
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import ru from '../../../shared/i18n/ru/organisation';

type Node = string | { readonly [key: string]: Node };

/** Whether `organisation:journal.fields.<name>` exists (`workingHours.mon` is a nested key). */
function isFieldName(name: string): boolean {
  let node: Node | undefined = ru.journal.fields;
  for (const part of name.split('.')) {
    node = typeof node === 'object' && Object.hasOwn(node, part) ? node[part] : undefined;
  }
  return typeof node === 'string';
}

/** The journal's words for the organisation's settings, from a `t` of the `organisation` namespace. */
export function organisationJournalWords(t: TFunction<'organisation'>) {
  const text = t as unknown as (key: string) => string;
  return {
    field: (name: string): string | undefined =>
      isFieldName(name) ? text(`journal.fields.${name}`) : undefined,
    setting: (name: string, value: unknown): string | undefined => {
      if (name.startsWith('workingHours.') && value === 'off') return t('journal.dayOff');
      if (name === 'deadlineShiftRule' && (value === 'next' || value === 'previous'))
        return t(`journal.shift.${value}`);
      return undefined;
    },
  };
}

export function useOrganisationJournalWords() {
  const { t } = useTranslation('organisation');
  return organisationJournalWords(t);
}
