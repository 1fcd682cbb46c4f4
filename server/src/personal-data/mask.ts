import type { Passport } from './passport-crypto';

/**
 * The form desktops and logs may show: `45 ** ***456` (region digits and the last three of the
 * number). Kept local until shared/domain/applicant exports one; then use that.
 */
export function maskPassport(passport: Passport): string {
  return `${passport.series.slice(0, 2)} ** ***${passport.number.slice(-3)}`;
}
