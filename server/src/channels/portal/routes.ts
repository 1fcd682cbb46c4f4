/**
 * Portal routes:
 *   POST /api/v1/intake/portal          one item; `Authorization: Bearer <source API key>` (hashed in
 *                                       channel_accounts.api_key_hash) → 201 created / 200 duplicate
 *   POST /api/v1/intake/portal/import   a CSV export (text/csv) for `?account=<channel account id>`;
 *                                       admins and supervisors of the account's organisation
 */
import type { FastifyInstance } from 'fastify';
import { requireRole } from '../../auth';
import { ApiError, forbidden } from '../../http/errors';
import { accountByApiKey, loadChannelAccount } from '../accounts';
import { rawBody } from '../http';
import type { ChannelDeps } from '../pipeline';
import { importPortalCsv } from './import';
import { intakePortalItem, PortalItemError, parsePortalItem } from './intake';

const csvLimit = 20 * 1024 * 1024;

export async function portalRoutes(app: FastifyInstance, opts: { deps: ChannelDeps }): Promise<void> {
  const { db } = opts.deps;
  app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: csvLimit }, (_request, body, done) =>
    done(null, String(body)),
  );

  app.post('/api/v1/intake/portal', async (request, reply) => {
    const header = request.headers.authorization ?? '';
    const key = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    const account = key ? await accountByApiKey(db, key) : null;
    if (!account) throw new ApiError(401, 'invalid_api_key', 'A valid portal source API key is required');
    const { text, json } = rawBody(request.body);
    let item: ReturnType<typeof parsePortalItem>;
    try {
      item = parsePortalItem(json);
    } catch (error) {
      if (error instanceof PortalItemError) throw new ApiError(400, 'invalid_portal_item', error.message);
      throw error;
    }
    const result = await intakePortalItem(db, account, item, text);
    return reply.code(result.duplicate ? 200 : 201).send(result);
  });

  app.post<{ Querystring: { account?: string } }>(
    '/api/v1/intake/portal/import',
    { preHandler: requireRole('admin', 'supervisor'), bodyLimit: csvLimit },
    async (request) => {
      const account = request.query.account ? await loadChannelAccount(db, request.query.account) : null;
      if (account?.network !== 'portal') throw new ApiError(404, 'not_found', 'No such portal source');
      if (account.orgId !== request.auth.orgId)
        throw forbidden('The portal source belongs to another organisation');
      if (typeof request.body !== 'string')
        throw new ApiError(415, 'unsupported_media_type', 'Send text/csv');
      return importPortalCsv(db, account, request.body);
    },
  );
}
