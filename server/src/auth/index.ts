export type { AuthContext } from './context';
export { authenticate, requireAuth, requireAuthForStream, requireRole } from './require-auth';
export { isRole, organisationWideRoles, type Role, roles } from './roles';
