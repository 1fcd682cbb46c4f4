/** What every section of the reception card gets from the form that holds its state, and its texts. */
import type { DomainError } from '../../../shared/domain/result';
import { errorText, useT } from '../../app/translate';
import type { ReceptionErrors, ReceptionField, ReceptionInput } from './reception-form';

export interface SectionProps {
  input: ReceptionInput;
  set: (patch: Partial<ReceptionInput>) => void;
  /** The errors of the card's own fields (co-signers' rows have theirs apart). */
  errors: ReceptionErrors['fields'];
  /** The official left this field: its own rule is checked from now on (before any save). */
  touch?: (field: ReceptionField) => void;
}

/**
 * The card's texts: `t`, the text of a domain error, and a text field's error props (red, with the
 * error explained under it). The one import of the shared translation helper in the sections.
 */
export function useSectionText() {
  const { t } = useT();
  const errorOf = (error: DomainError) => errorText(t, error);
  const fieldError = (error: DomainError | undefined) =>
    error ? { error: true, helperText: errorOf(error) } : {};
  return { t, errorOf, fieldError };
}
