import type { TFunction } from 'i18next';

const knownRoles = ['operator', 'head', 'supervisor', 'admin'] as const;

export function roleLabel(t: TFunction<'app'>, role: string): string {
  const known = knownRoles.find((candidate) => candidate === role);
  return known ? t(`roles.${known}`) : t('roles.unknown', { role });
}
