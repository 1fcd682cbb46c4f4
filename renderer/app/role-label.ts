import type { TFunction } from 'i18next';
import { roles } from '../../shared/model/roles';

export function roleLabel(t: TFunction<'app'>, role: string): string {
  const known = roles.find((candidate) => candidate === role);
  return known ? t(`roles.${known}`) : t('roles.unknown', { role });
}
