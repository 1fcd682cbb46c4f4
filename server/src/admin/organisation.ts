/**
 * The organisation's settings for its administrators (renderer/features/admin/OrganisationTab.tsx):
 *   GET   /api/v1/admin/organisation   → { organisation: { id, name, settings, nextRegistration } }
 *   PATCH /api/v1/admin/organisation   → { organisation, fields, recomputed }
 * The body of a PATCH is shared/domain/organisation-settings.ts's OrganisationChange (name, timeZone,
 * workingHours, deadlineShiftRule, incidentSla, registrationNumberPattern, retentionYears), checked by
 * the same function as the admin CLI's `org-set`; a refusal is 400 with one code per kind of field
 * (`invalid_working_hours`…) and `details: { field, key, params }` (`key`: the i18n text), nothing
 * written. `fields` says what changed, old → new (as the journal shows it); `recomputed`, how many
 * open appeals' deadlines moved. Administrators only, and only their own organisation: there is no
 * organisation id to give. Production calendars are calendars/routes.ts.
 */
import type { FastifyInstance } from 'fastify';
import type { OrganisationSetup } from '../../../shared/domain/organisation-settings';
import {
  changeOrganisationSettings,
  OrganisationSettingsError,
  readOrganisationSetup,
} from '../accounts/organisation-settings';
import { requireRole } from '../auth/require-auth';
import type { Queryable } from '../db/pool';
import { ApiError } from '../http/errors';

// The shape is the shared check's (it names the refused field); this only bounds the size.
const changeBody = { type: 'object', maxProperties: 20 } as const;

const view = (id: string, setup: Awaited<ReturnType<typeof readOrganisationSetup>>) => {
  const { calendarYears: _calendarsRoute, ...settings } = setup.settings;
  return { id, name: setup.name, settings };
};

/**
 * What the next registration number is made of, for the pattern's example on the screen: this year in
 * the organisation's zone, its counter's next value (server/src/appeals/registration.ts), and the code
 * of its first department for `{DEPT}`. Only read: the counter moves only when an appeal is registered.
 */
async function nextRegistration(db: Queryable, orgId: string, setup: OrganisationSetup) {
  const year = Number(
    new Intl.DateTimeFormat('en', { timeZone: setup.settings.timeZone, year: 'numeric' }).format(Date.now()),
  );
  const [counter, department] = await Promise.all([
    db.query<{ next: number }>('SELECT next FROM registration_counters WHERE org_id = $1 AND year = $2', [
      orgId,
      year,
    ]),
    db.query<{ code: string }>(
      'SELECT code FROM departments WHERE org_id = $1 AND NOT disabled ORDER BY code LIMIT 1',
      [orgId],
    ),
  ]);
  return {
    year,
    sequence: Number(counter.rows[0]?.next ?? 1),
    departmentCode: department.rows[0]?.code ?? 'D1',
  };
}

export async function adminOrganisationRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.okno;

  app.get('/admin/organisation', { preHandler: requireRole('admin') }, async (request) => {
    const { orgId } = request.auth;
    const setup = await readOrganisationSetup(db, orgId);
    return {
      organisation: { ...view(orgId, setup), nextRegistration: await nextRegistration(db, orgId, setup) },
    };
  });

  app.patch<{ Body: unknown }>(
    '/admin/organisation',
    { preHandler: requireRole('admin'), schema: { body: changeBody } },
    async (request) => {
      const { auth } = request;
      try {
        const result = await changeOrganisationSettings(db, auth.orgId, request.body, {
          userId: auth.userId,
          deviceId: auth.deviceId,
        });
        return {
          organisation: view(auth.orgId, result.organisation),
          fields: result.fields,
          recomputed: result.recomputed,
        };
      } catch (error) {
        if (error instanceof OrganisationSettingsError) {
          const { apiCode, field, code, params } = error.refusal;
          throw new ApiError(400, apiCode, error.message, { field, key: code, params: params ?? {} });
        }
        throw error;
      }
    },
  );
}
