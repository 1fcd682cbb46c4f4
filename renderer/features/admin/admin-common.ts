/**
 * What the administration tabs share: the API bound to the signed-in session, and the text of a
 * refusal (the server's accounts codes are keys of `admin:errors`; offline has its own sentence).
 */
import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import ru from '../../../shared/i18n/ru/admin';
import { type AdminApi, adminApi } from '../../api/admin';
import type { ApiFailure, TokenSource } from '../../api/client';
import { useServices } from '../../app/services';

export function useAdminApi(tokens: TokenSource): AdminApi {
  const { api } = useServices();
  return useMemo(() => adminApi(api.authorised(tokens)), [api, tokens]);
}

type ErrorCode = keyof (typeof ru)['errors'];
const isErrorCode = (code: string): code is ErrorCode => Object.hasOwn(ru.errors, code);

/** The sentence an administrator reads for a refused or failed call. */
export function failureText(t: TFunction<'admin'>, error: ApiFailure): string {
  if (error.kind === 'network') return t('offline');
  if (error.kind === 'server' && error.status === 403) return t('errors.forbidden');
  if (error.kind === 'server' && error.code && isErrorCode(error.code)) return t(`errors.${error.code}`);
  return t('errors.unknown');
}
