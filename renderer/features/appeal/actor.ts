import type { Actor } from '../../../shared/domain/status-machine';
import { type Role, roles } from '../../../shared/model/vocabulary';
import type { SessionUser } from '../../api/client';

/** The signed-in staff member as the status machine sees them; null for a role the client does not know. */
export function actorOf(user: SessionUser): (Actor & { userId: string }) | null {
  if (!(roles as readonly string[]).includes(user.role)) return null;
  return { role: user.role as Role, userId: user.id, departmentIds: user.departmentIds };
}

/** Roles that may ask the server for a clear passport (server/src/personal-data/routes.ts). */
export const passportRevealRoles: readonly Role[] = ['head', 'supervisor', 'admin'];

export const mayRevealPassport = (user: SessionUser): boolean =>
  (passportRevealRoles as readonly string[]).includes(user.role);

/** Supervisors and admins see and route the whole organisation. */
export const isOrganisationWide = (user: SessionUser): boolean =>
  user.role === 'supervisor' || user.role === 'admin';
