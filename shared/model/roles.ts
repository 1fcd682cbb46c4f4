/**
 * The role policy: which staff roles may do what (docs/DOMAIN.md, "Who uses it"). The one
 * declaration for the server (scope, pull, push, routes), the desktop (which actions and screens it
 * offers) and the status machine (shared/domain/status-machine.ts); the server enforces it, the
 * desktop only avoids offering what the server would refuse.
 */
import { type Role, roles } from './vocabulary';

export { type Role, roles };

export const isRole = (value: unknown): value is Role => (roles as readonly unknown[]).includes(value);

/** Roles that see and route the whole organisation; operators and heads see their departments only. */
export const organisationWideRoles: readonly Role[] = ['supervisor', 'admin'];

/**
 * Roles that manage others' work: assign and reassign appeals, edit answer templates, open the
 * supervisor's view, and ask the server for a clear passport (the reveal is logged).
 */
export const managerRoles: readonly Role[] = ['head', 'supervisor', 'admin'];

/** Roles that may ask for an applicant's clear passport (POST /applicants/:id/passport/reveal). */
const passportRevealRoles: readonly Role[] = managerRoles;

const among = (list: readonly Role[], role: string): boolean => (list as readonly string[]).includes(role);

/** Supervisors and admins: the whole organisation, every department. */
export const isOrganisationWide = (role: string): boolean => among(organisationWideRoles, role);

/** Heads, supervisors and admins. */
export const isManager = (role: string): boolean => among(managerRoles, role);

export const mayRevealPassport = (role: string): boolean => among(passportRevealRoles, role);
