import { type Role, roles } from '../../../shared/model/vocabulary';

export { type Role, roles };

export const isRole = (value: unknown): value is Role => roles.includes(value as Role);

/** Roles that see the whole organisation; operators and heads see their departments only. */
export const organisationWideRoles: readonly Role[] = ['supervisor', 'admin'];
