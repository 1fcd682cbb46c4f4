/** Portal intake (written next). */
import type { FastifyInstance } from 'fastify';
import type { ChannelDeps } from '../pipeline';

export async function portalRoutes(_app: FastifyInstance, _opts: { deps: ChannelDeps }): Promise<void> {}
