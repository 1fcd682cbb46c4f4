export { formatPassport, maskPassport, parsePassport } from '../../../shared/domain/applicant/passport';
export type { PersonalDataKey } from './keyring';
export {
  decryptPassport,
  type EncryptedPassport,
  encryptPassport,
  type Passport,
  PersonalDataError,
  passportMatchHash,
} from './passport-crypto';
export {
  findApplicantsByPassport,
  maskedPassport,
  type PersonalDataConfig,
  readPassport,
  revealPassport,
  rotatePersonalDataKeys,
  savePassport,
} from './store';
