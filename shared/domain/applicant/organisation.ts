import { fail, ok, type Result } from '../result';
import { type FieldError, type FieldsFailure, failFields } from './field-errors';
import { type Inn, validateInn } from './inn';
import { readInput } from './text';

/** An organisation filing an appeal (seed condition 6): its name and taxpayer number. */
export interface Organisation {
  readonly name: string;
  readonly inn: Inn;
}

export interface OrganisationInput {
  name?: unknown;
  inn?: unknown;
}

export type OrganisationField = 'name' | 'inn';

const ORGANISATION_NAME_MAX = 300;
/** Names carry letters, digits, quotes and punctuation; these signal markup or code, not a name. */
const FORBIDDEN = /[<>{}[\]\\`|;\p{Cc}]/u;

export function validateOrganisationName(value: unknown): Result<string> {
  const input = readInput(value, ORGANISATION_NAME_MAX);
  if (!input.ok) {
    if (input.problem === 'missing') return fail('validation:organisation.nameRequired');
    return input.problem === 'tooLong'
      ? fail('validation:organisation.nameTooLong', { max: ORGANISATION_NAME_MAX })
      : fail('validation:organisation.nameFormat');
  }
  if (FORBIDDEN.test(input.text) || !/\p{L}/u.test(input.text))
    return fail('validation:organisation.nameFormat');
  return ok(input.text);
}

/** Validates an organisation applicant; lists every field error. */
export function validateOrganisation(
  input: OrganisationInput | null | undefined,
): Result<Organisation, FieldsFailure<OrganisationField>> {
  const own = (field: OrganisationField): unknown =>
    typeof input === 'object' && input !== null && Object.hasOwn(input, field) ? input[field] : undefined;
  const name = validateOrganisationName(own('name'));
  const inn = validateInn(own('inn'));
  if (name.ok && inn.ok) return ok({ name: name.value, inn: inn.value });
  const fields: FieldError<OrganisationField>[] = [];
  if (!name.ok) fields.push({ field: 'name', error: name.error });
  if (!inn.ok) fields.push({ field: 'inn', error: inn.error });
  return failFields('validation:organisation.invalidFields', fields, { count: fields.length });
}
