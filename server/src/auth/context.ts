import type { Role } from './roles';

/** Who is calling: set on `request.auth` by `requireAuth` for protected routes. */
export interface AuthContext {
  userId: string;
  orgId: string;
  role: Role;
  /** Current membership, read from the database on each request. */
  departmentIds: string[];
  deviceId: string | null;
  /** The login session (refresh-token family) the access token belongs to. */
  sessionId?: string;
  /** When the presented access token expires (epoch ms); a live stream ends then. */
  accessExpiresAt?: number;
}

declare module 'fastify' {
  interface FastifyRequest {
    auth: AuthContext;
  }
}
