import type { TFunction } from 'i18next';
import type { ServerCheck } from '../../../shared/bridge/server-address';

type Refusal = Extract<ServerCheck, { ok: false }>;

/** The sentence the «Адрес сервера» screen shows for a refused address, in the window's language. */
export function serverCheckMessage(t: TFunction<'setup'>, address: string, refusal: Refusal): string {
  const shown = address.trim();
  switch (refusal.problem) {
    case 'invalid':
      return t('problem.invalid', { address: shown });
    case 'insecure-remote':
      return t('problem.insecureRemote', { address: shown });
    case 'unreachable':
      return t('problem.unreachable', { address: shown });
    case 'tls':
      return t('problem.tls', { address: shown });
    case 'not-okno':
      return t('problem.notOkno', { address: shown });
    case 'incompatible': {
      const serverVersion = refusal.serverVersion;
      if (serverVersion === undefined) return t('problem.incompatibleOld', { address: shown });
      return t('problem.incompatible', { address: shown, serverVersion });
    }
  }
}
