import type { TFunction } from 'i18next';
import { minPasswordLength } from '../../../shared/model/staff';
import type { ApiFailure } from '../../api/client';

/** The i18n key (namespace `app`) and parameters that explain a failed sign-in to the user. */
export type LoginErrorMessage =
  | { readonly key: 'login.errors.required' }
  | { readonly key: 'login.errors.invalidCredentials' }
  | { readonly key: 'login.errors.tooManyAttempts' }
  | { readonly key: 'login.errors.tooManyAttemptsWait'; readonly seconds: number }
  | { readonly key: 'login.errors.network' }
  | { readonly key: 'login.errors.server'; readonly status: number };

/** The message's text in the translator's language. */
export function loginErrorText(t: TFunction, message: LoginErrorMessage): string {
  switch (message.key) {
    case 'login.errors.server':
      return t(message.key, { status: message.status });
    case 'login.errors.tooManyAttemptsWait':
      return t(message.key, { seconds: message.seconds });
    default:
      return t(message.key);
  }
}

export function loginErrorMessage(error: ApiFailure): LoginErrorMessage {
  switch (error.kind) {
    case 'invalid-credentials':
    case 'unauthorized':
      return { key: 'login.errors.invalidCredentials' };
    case 'too-many-attempts':
      return error.retryAfterSeconds === null
        ? { key: 'login.errors.tooManyAttempts' }
        : { key: 'login.errors.tooManyAttemptsWait', seconds: error.retryAfterSeconds };
    case 'network':
      return { key: 'login.errors.network' };
    case 'server':
      return { key: 'login.errors.server', status: error.status };
  }
}

/** The sign-in answered that the password was reset and must be changed first. */
export const isPasswordChangeRequired = (error: ApiFailure): boolean =>
  error.kind === 'server' && error.code === 'password_change_required';

/** Why a new password was not taken: the form's own checks, the server's rules, or a sign-in failure. */
export type PasswordChangeError =
  | {
      readonly key:
        | 'login.change.errors.required'
        | 'login.change.errors.mismatch'
        | 'login.change.errors.tooShort'
        | 'login.change.errors.samePassword';
    }
  | LoginErrorMessage;

export function passwordChangeError(error: ApiFailure): PasswordChangeError {
  if (error.kind === 'server' && error.code === 'weak_password')
    return { key: 'login.change.errors.tooShort' };
  if (error.kind === 'server' && error.code === 'same_password')
    return { key: 'login.change.errors.samePassword' };
  return loginErrorMessage(error);
}

export function passwordChangeErrorText(t: TFunction, message: PasswordChangeError): string {
  switch (message.key) {
    case 'login.change.errors.tooShort':
      return t(message.key, { min: minPasswordLength });
    case 'login.change.errors.required':
    case 'login.change.errors.mismatch':
    case 'login.change.errors.samePassword':
      return t(message.key);
    default:
      return loginErrorText(t, message);
  }
}
