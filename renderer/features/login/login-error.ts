import type { ApiError } from '../../api/client';

/** The i18n key (namespace `app`) and parameters that explain a failed sign-in to the user. */
export type LoginErrorMessage =
  | { readonly key: 'login.errors.required' }
  | { readonly key: 'login.errors.invalidCredentials' }
  | { readonly key: 'login.errors.tooManyAttempts' }
  | { readonly key: 'login.errors.network' }
  | { readonly key: 'login.errors.server'; readonly status: number };

export function loginErrorMessage(error: ApiError): LoginErrorMessage {
  switch (error.kind) {
    case 'invalid-credentials':
    case 'unauthorized':
      return { key: 'login.errors.invalidCredentials' };
    case 'too-many-attempts':
      return { key: 'login.errors.tooManyAttempts' };
    case 'network':
      return { key: 'login.errors.network' };
    case 'server':
      return { key: 'login.errors.server', status: error.status };
  }
}
