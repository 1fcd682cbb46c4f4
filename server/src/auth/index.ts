export type { AuthContext } from './context';
export { requireAuth, requireAuthForStream, requireRole } from './require-auth';
export type { Role } from './roles';
