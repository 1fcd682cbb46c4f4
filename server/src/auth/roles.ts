export const roles = ['operator', 'head', 'supervisor', 'admin'] as const;
export type Role = (typeof roles)[number];

export const isRole = (value: unknown): value is Role => roles.includes(value as Role);

/** Roles that see the whole organisation; operators and heads see their departments only. */
export const organisationWideRoles: readonly Role[] = ['supervisor', 'admin'];
