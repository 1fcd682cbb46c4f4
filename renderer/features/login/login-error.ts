import type { TFunction } from 'i18next';
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
