/**
 * `POST /api/v1/appeals/:id/passport` `{ series, number }`: the passport an official checked at an
 * in-person reception (59-FZ art. 13), sent once by the desktop that registered the appeal. The
 * desktop keeps only the masked form; here the clear value is encrypted (personal-data/store.ts),
 * linked to the appeal's applicant (`applicant.applicantId`, server-owned) and audited. The same
 * passport already on file links the same applicant — only when the caller can see that applicant
 * (an appeal of their departments; supervisors and admins: the organisation). Otherwise a new
 * applicant is made: the answer never tells that another department has this passport on file.
 *
 * Refused: outside the caller's departments (403; 404 when the appeal does not exist), an appeal not
 * identified in person (409 `not_in_person`), one whose passport is already recorded (409
 * `passport_already_recorded`), a passport that does not match the masked form registered with the
 * appeal (409 `passport_mismatch`), an invalid passport (400 `invalid_passport` with the shared
 * validator's code, which never echoes the input).
 */
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { maskPassport, parsePassport } from '../../../shared/domain/applicant';
import { requireAuth } from '../auth/require-auth';
import type { ServerConfig } from '../config';
import { inTransaction } from '../db/pool';
import { ApiError } from '../http/errors';
import { idParams } from '../http/params';
import { newId } from '../ids';
import { findApplicantsByPassport, savePassport } from '../personal-data/store';
import { visibleApplicants } from './history';
import { appealInScope } from './in-scope';
import { editAppeal } from './store';

const body = {
  type: 'object',
  additionalProperties: false,
  required: ['series', 'number'],
  properties: {
    series: { type: 'string', maxLength: 20 },
    number: { type: 'string', maxLength: 20 },
  },
} as const;

interface ApplicantDoc {
  applicantId?: string | null;
  identification?: string;
  passportMasked?: string | null;
}

export async function appealPassportRoutes(
  app: FastifyInstance,
  opts: { db: pg.Pool; config: ServerConfig },
): Promise<void> {
  const { db, config } = opts;
  app.post<{ Params: { id: string }; Body: { series: string; number: string } }>(
    '/api/v1/appeals/:id/passport',
    { preHandler: requireAuth, schema: { params: idParams, body } },
    async (request, reply) => {
      const { auth } = request;
      const parsed = parsePassport(request.body.series, request.body.number);
      if (!parsed.ok) throw new ApiError(400, 'invalid_passport', parsed.error.code);
      const masked = maskPassport(parsed.value);
      const recorded = await inTransaction(db, async (tx) => {
        const appeal = await appealInScope(tx, auth, request.params.id, { withDeleted: true, lock: true });
        const applicant = (appeal.applicant ?? {}) as ApplicantDoc;
        if (applicant.identification !== 'in-person-document')
          throw new ApiError(
            409,
            'not_in_person',
            'Only an appeal identified in person takes a passport here',
          );
        if (applicant.applicantId)
          throw new ApiError(
            409,
            'passport_already_recorded',
            'The applicant’s passport is already recorded',
          );
        if (applicant.passportMasked && applicant.passportMasked !== masked)
          throw new ApiError(409, 'passport_mismatch', 'The passport does not match the one registered');
        // Only an applicant the caller could already see is linked: naming one of another
        // department would tell that the passport is on file there and open it to this one.
        const onFile = await findApplicantsByPassport(tx, config, auth.orgId, request.body);
        const [known] = await visibleApplicants(tx, auth, onFile);
        const applicantId = known ?? newId();
        await savePassport(tx, config, { orgId: auth.orgId, applicantId, ...request.body });
        await editAppeal(
          tx,
          auth.orgId,
          request.params.id,
          (doc) => ({
            set: { applicant: { ...(doc.applicant as ApplicantDoc), applicantId, passportMasked: masked } },
            audit: {
              actorUserId: auth.userId,
              deviceId: auth.deviceId,
              action: 'passport.record',
              details: { applicantId, knownApplicant: known !== undefined },
            },
          }),
          { rule: 'serverClock' },
        );
        return { applicantId, passportMasked: masked };
      });
      reply.header('cache-control', 'no-store');
      return recorded;
    },
  );
}
