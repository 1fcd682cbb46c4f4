import type { Actor } from '../../shared/domain/status-machine';
import {
  isRole,
  isOrganisationWide as roleIsOrganisationWide,
  mayRevealPassport as roleMayRevealPassport,
} from '../../shared/model/roles';
import type { SessionUser } from '../api/client';

/** The signed-in staff member as the status machine sees them; null for a role the client does not know. */
export function actorOf(user: SessionUser): (Actor & { userId: string }) | null {
  if (!isRole(user.role)) return null;
  return { role: user.role, userId: user.id, departmentIds: user.departmentIds };
}

/** Whether the user may ask the server for a clear passport (the role policy: shared/model/roles.ts). */
export const mayRevealPassport = (user: SessionUser): boolean => roleMayRevealPassport(user.role);

/** Supervisors and admins see and route the whole organisation. */
export const isOrganisationWide = (user: SessionUser): boolean => roleIsOrganisationWide(user.role);
