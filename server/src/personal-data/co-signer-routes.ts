/**
 * The co-signers of a collective appeal with their contacts (./co-signers.ts). The replicated appeal
 * carries each co-signer's name and postal address only (its schema has no room for more), so the
 * phone and e-mail stay on the server:
 *
 * - `GET /api/v1/appeals/:id/co-signers` — names, postal addresses and the masked phone and e-mail,
 *   for whoever may see the appeal;
 * - `POST /api/v1/appeals/:id/co-signers/reveal` — the clear phone and e-mail, for the roles that may
 *   reveal a passport (heads, supervisors, admins); audited (`co_signers.reveal`), a refused attempt
 *   too (`co_signers.reveal_denied` with the reason: the role, or an appeal not visible), answered no-store.
 *
 * Refused: no such appeal in the caller's organisation (404), outside the caller's departments (403).
 */
import type { FastifyInstance } from 'fastify';
import type { PersonName } from '../../../shared/model/person';
import { mayRevealPassport } from '../../../shared/model/roles';
import { appealInScope } from '../appeals/in-scope';
import { appendAudit } from '../audit/audit';
import type { AuthContext } from '../auth/context';
import { requireAuth } from '../auth/require-auth';
import { forbidden } from '../http/errors';
import { idParams } from '../http/params';
import { type CoSignerContacts, maskedCoSignerContacts, revealCoSignerContacts } from './co-signers';

interface CoSignerDoc {
  name: PersonName;
  postalAddress: string | null;
}

export async function coSignerRoutes(app: FastifyInstance): Promise<void> {
  const { db, config } = app.okno;

  /** The appeal's co-signers as its document lists them, once the caller may see it. */
  async function coSignersOf(auth: AuthContext, appealId: string): Promise<CoSignerDoc[]> {
    const appeal = await appealInScope(db, auth, appealId);
    return (appeal.kind as { coSigners?: CoSignerDoc[] | null } | undefined)?.coSigners ?? [];
  }

  const withContacts = (coSigners: CoSignerDoc[], contacts: ({ position: number } & CoSignerContacts)[]) =>
    coSigners.map((signer, position) => {
      const found = contacts.find((c) => c.position === position);
      return { ...signer, phone: found?.phone ?? null, email: found?.email ?? null };
    });

  app.get<{ Params: { id: string } }>(
    '/appeals/:id/co-signers',
    { preHandler: requireAuth, schema: { params: idParams } },
    async (request) => {
      const { auth } = request;
      const coSigners = await coSignersOf(auth, request.params.id);
      const masked = await maskedCoSignerContacts(db, auth.orgId, request.params.id);
      return { coSigners: withContacts(coSigners, masked) };
    },
  );

  app.post<{ Params: { id: string } }>(
    '/appeals/:id/co-signers/reveal',
    { preHandler: requireAuth, schema: { params: idParams } },
    async (request, reply) => {
      const { auth } = request;
      const appealId = request.params.id;
      const denied = (reason: 'role' | 'not_visible') =>
        appendAudit(db, {
          orgId: auth.orgId,
          actorUserId: auth.userId,
          deviceId: auth.deviceId,
          action: 'co_signers.reveal_denied',
          entity: 'appeal',
          entityId: appealId,
          details: { role: auth.role, reason },
        });
      if (!mayRevealPassport(auth.role)) {
        await denied('role');
        throw forbidden('Your role may not reveal personal data');
      }
      const coSigners = await coSignersOf(auth, appealId).catch(async (error: unknown) => {
        await denied('not_visible');
        throw error;
      });
      const clear = await revealCoSignerContacts(db, config, {
        orgId: auth.orgId,
        appealId,
        actorUserId: auth.userId,
        deviceId: auth.deviceId,
      });
      reply.header('cache-control', 'no-store');
      return { coSigners: withContacts(coSigners, clear) };
    },
  );
}
