export type { PersonalDataKey } from './keyring';
export { maskPassport } from './mask';
export {
  decryptPassport,
  type EncryptedPassport,
  encryptPassport,
  formatPassport,
  type Passport,
  PersonalDataError,
  parsePassport,
  passportMatchHash,
} from './passport-crypto';
export { passportRevealRoles } from './routes';
export {
  findApplicantsByPassport,
  maskedPassport,
  type PersonalDataConfig,
  readPassport,
  revealPassport,
  rotatePersonalDataKeys,
  savePassport,
} from './store';
