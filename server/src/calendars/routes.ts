/**
 * The organisation's production calendars for its administrators (an admin screen, or scripts):
 *   GET  /api/v1/admin/calendars          → { calendars: [{ year, source, edition, sha256, loadedAt, loadedBy }] }
 *   POST /api/v1/admin/calendars {xml}    → { year, previous, current, changed, recomputed }
 * A file that is not a usable calendar → 400 `invalid_calendar` with the parser's error
 * (`details: { code, params }`, an i18n key in `deadlines:errors.*`); nothing is stored. Admins only.
 */
import type { FastifyInstance } from 'fastify';
import { requireRole } from '../auth/require-auth';
import { ApiError } from '../http/errors';
import {
  CalendarLoadError,
  listOrganisationCalendars,
  loadOrganisationCalendar,
} from './organisation-calendars';

const loadBody = {
  type: 'object',
  additionalProperties: false,
  required: ['xml'],
  // The parser refuses anything over 256 KiB itself; an official calendar is about 2 KB.
  properties: { xml: { type: 'string', minLength: 1, maxLength: 512 * 1024 } },
} as const;

export async function calendarRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.okno;

  app.get('/admin/calendars', { preHandler: requireRole('admin') }, async (request) => ({
    calendars: await listOrganisationCalendars(db, request.auth.orgId),
  }));

  app.post<{ Body: { xml: string } }>(
    '/admin/calendars',
    { preHandler: requireRole('admin'), schema: { body: loadBody } },
    async (request) => {
      const { auth } = request;
      try {
        return await loadOrganisationCalendar(db, {
          orgId: auth.orgId,
          xml: request.body.xml,
          actorUserId: auth.userId,
          deviceId: auth.deviceId,
        });
      } catch (error) {
        if (error instanceof CalendarLoadError) {
          throw new ApiError(400, 'invalid_calendar', error.message, error.error);
        }
        throw error;
      }
    },
  );
}
