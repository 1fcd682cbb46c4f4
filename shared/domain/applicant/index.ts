// Applicant data: identity document, contacts, organisation, co-signers. Each validator takes untrusted
// input and returns a Result whose error codes are keys of the "validation" i18n namespace.
export {
  type CoSigner,
  type CoSignerError,
  type CoSignerInput,
  type CoSignersFailure,
  DEFAULT_CO_SIGNERS_MAX,
  validateCoSigners,
} from './co-signers';
export { type ContactField, type Contacts, type ContactsInput, validateContacts } from './contacts';
export { normalizeEmail } from './email';
export type { FieldError, FieldsFailure } from './field-errors';
export { type FullName, parseFullName } from './full-name';
export { type Inn, type InnKind, validateInn } from './inn';
export {
  type Organisation,
  type OrganisationInput,
  validateOrganisation,
} from './organisation';
export {
  formatPassport,
  maskPassport,
  type Passport,
  parseIssuingUnitCode,
  parsePassport,
  parsePassportLine,
} from './passport';
export { normalizePhone, type PhoneNumber } from './phone';
export {
  extractPostalIndex,
  normalizePostalAddress,
  type PostalAddress,
} from './postal-address';
