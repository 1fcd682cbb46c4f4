/**
 * POST /api/v1/applicants/:id/passport/reveal — the clear passport for heads, supervisors and
 * admins. Operators are refused (403): they work with the masked form, and a reveal by a head is
 * the logged, accountable act 152-FZ practice expects. Every reveal, and every refused attempt —
 * a role that may not (403), an applicant outside the caller's scope or unknown (404) — is audited
 * (`passport.reveal_denied` with `details.reason`). The response is marked no-store.
 */
import type { FastifyInstance } from 'fastify';
import { formatPassport } from '../../../shared/domain/applicant/passport';
import { mayRevealPassport } from '../../../shared/model/roles';
import { appendAudit } from '../audit/audit';
import { requireAuth } from '../auth/require-auth';
import { forbidden, notFound } from '../http/errors';
import { idParams } from '../http/params';
import { coSignerRoutes } from './co-signer-routes';
import { revealPassport } from './store';

const body = {
  type: ['object', 'null'],
  additionalProperties: false,
  properties: { reason: { type: 'string', maxLength: 500 } },
} as const;

export async function personalDataRoutes(app: FastifyInstance): Promise<void> {
  const { db, config } = app.okno;
  await coSignerRoutes(app);

  app.post<{ Params: { id: string }; Body: { reason?: string } | null }>(
    '/applicants/:id/passport/reveal',
    { preHandler: requireAuth, schema: { params: idParams, body } },
    async (request, reply) => {
      const { auth } = request;
      const applicantId = request.params.id;
      const denied = (reason: 'role' | 'not_visible' | 'not_found') =>
        appendAudit(db, {
          orgId: auth.orgId,
          actorUserId: auth.userId,
          deviceId: auth.deviceId,
          action: 'passport.reveal_denied',
          entity: 'applicant',
          entityId: applicantId,
          details: { role: auth.role, reason },
        });
      if (!mayRevealPassport(auth.role)) {
        await denied('role');
        throw forbidden('Your role may not reveal passport data');
      }
      // Not visible and not existing look the same from outside (404); the audit tells them apart.
      if (!(await app.okno.applicantVisibility(auth, applicantId))) {
        await denied('not_visible');
        throw notFound('No passport data for this applicant');
      }
      const reason = request.body?.reason;
      const passport = await revealPassport(db, config, {
        orgId: auth.orgId,
        applicantId,
        actorUserId: auth.userId,
        deviceId: auth.deviceId,
        ...(reason ? { reason } : {}),
      });
      if (!passport) {
        await denied('not_found');
        throw notFound('No passport data for this applicant');
      }
      reply.header('cache-control', 'no-store');
      return {
        applicantId,
        series: passport.series,
        number: passport.number,
        formatted: formatPassport(passport),
      };
    },
  );
}
