export type { PersonalDataKey } from './keyring';
export { type EncryptedPassport, type Passport, PersonalDataError } from './passport-crypto';
export {
  findApplicantsByPassport,
  type PersonalDataConfig,
  readPassport,
  rotatePersonalDataKeys,
  savePassport,
} from './store';
