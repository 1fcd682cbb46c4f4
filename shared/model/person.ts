import type { EpochMs } from './primitives';
import type { IdentificationMethod, NameMatchVerdict, SocialNetwork } from './vocabulary';

/** Surname, name and patronymic (if any), as 59-FZ art. 7 asks for them. */
export interface PersonName {
  lastName: string;
  firstName: string;
  patronymic: string | null;
}

/**
 * Where the answer can go. Seed condition 2: a phone, or else both a postal and an e-mail address
 * (checked by the validators, not by the type).
 */
export interface Contacts {
  phone: string | null;
  email: string | null;
  postalAddress: string | null;
}

/** The result of comparing a social profile's name with the passport name (shared/domain/name-match.ts). */
export interface NameMatch {
  verdict: NameMatchVerdict;
  /** The profile name that was compared. */
  profileName: string | null;
  checkedAt: EpochMs | null;
}

/**
 * A passport as it may exist on a desktop: masked, `45 ** ***456` (region digits and the last three
 * digits of the number). The full series and number live only on the server, encrypted at field level.
 */
export type PassportMasked = string;
export const passportMaskedPattern = '^\\d{2} \\*\\* \\*{3}\\d{3}$';

export interface SocialProfileRef {
  network: SocialNetwork;
  accountId: string;
  profileName: string;
}

/** A citizen or an organisation's representative known to the organisation. */
export interface Applicant {
  id: string;
  orgId: string;
  name: PersonName;
  contacts: Contacts;
  identification: IdentificationMethod;
  passportMasked: PassportMasked | null;
  nameMatch: NameMatch;
  socialProfiles: SocialProfileRef[];
  updatedAt: EpochMs;
}
