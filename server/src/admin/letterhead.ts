/**
 * «Бланк и подписи» for the organisation's administrators (renderer/features/admin/LetterheadTab.tsx):
 *   GET    /api/v1/admin/letterhead              → { letterhead: AdminLetterhead }
 *   PUT    /api/v1/admin/letterhead              → { letterhead, changed }   text fields and signatories
 *   GET    /api/v1/admin/letterhead/logo         → the logo's bytes (image/png, image/jpeg); 404 without one
 *   PUT    /api/v1/admin/letterhead/logo         (bare PNG/JPEG bytes) → { letterhead, changed }
 *   DELETE /api/v1/admin/letterhead/logo         → { letterhead, changed }
 *   GET    /api/v1/admin/letterhead/preview.pdf  → a sample answer letter on the current letterhead
 * The checks are the admin CLI's (`saveLetterhead`, ../letters/letterhead.ts): a refusal is 400
 * `invalid_letterhead` with `details: { problem, field, patternKey }`; a logo is judged by its first
 * bytes, not its declared type: not PNG/JPEG → 400 `logo_type`, one pdfkit cannot read (damaged) →
 * 400 `logo_unreadable`, over 512 KiB → 413 `logo_too_large`;
 * a logo before any letterhead was saved → 409 `letterhead_not_set`. Every change is audited old → new
 * (../letters/letterhead-audit.ts, the logo by size and SHA-256). The sample letter holds no personal
 * data (a made-up applicant) and draws no outgoing number, so it is not audited as an export.
 * Administrators only, within their own organisation.
 */
import type { FastifyInstance } from 'fastify';
import type { AuthContext } from '../auth/context';
import { requireRole } from '../auth/require-auth';
import type { Queryable } from '../db/pool';
import { ApiError } from '../http/errors';
import {
  imageKind,
  type Letterhead,
  LetterheadError,
  loadLetterhead,
  maxLogoBytes,
  maxSignatories,
  type Signatory,
  saveLetterhead,
} from '../letters/letterhead';
import { auditLetterheadChange, type LogoFingerprint, logoFingerprint } from '../letters/letterhead-audit';
import { renderSampleLetter } from '../letters/render';
import { classifierRoutes } from './classifier';

/** The letterhead as the administrator sees it: the logo as its fingerprint (fetched on its own). */
interface AdminLetterhead {
  /** False until a letterhead is saved: letters carry the organisation's name alone. */
  stored: boolean;
  fullName: string;
  address: string;
  contacts: string;
  executorPhone: string;
  logo: (LogoFingerprint & { type: 'png' | 'jpeg' }) | null;
  signatories: Signatory[];
  outgoingPattern: string;
}

async function isStored(db: Queryable, orgId: string): Promise<boolean> {
  const found = await db.query('SELECT 1 FROM organisation_letterheads WHERE org_id = $1', [orgId]);
  return (found.rowCount ?? 0) > 0;
}

async function adminLetterhead(
  db: Queryable,
  orgId: string,
  letterhead?: Letterhead,
): Promise<AdminLetterhead> {
  const current = letterhead ?? (await loadLetterhead(db, orgId));
  const logo = current.logo;
  const kind = logo ? imageKind(logo) : null;
  return {
    stored: await isStored(db, orgId),
    fullName: current.fullName,
    address: current.address,
    contacts: current.contacts,
    executorPhone: current.executorPhone,
    logo: logo && kind ? { ...logoFingerprint(logo)!, type: kind } : null,
    signatories: current.signatories,
    outgoingPattern: current.outgoingPattern,
  };
}

const text = (maxLength: number) => ({ type: 'string', maxLength }) as const;
const letterheadBody = {
  type: 'object',
  additionalProperties: false,
  required: ['fullName', 'address', 'contacts', 'executorPhone', 'signatories', 'outgoingPattern'],
  properties: {
    fullName: text(1000),
    address: text(1000),
    contacts: text(1000),
    executorPhone: text(200),
    signatories: {
      type: 'array',
      maxItems: maxSignatories + 10,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'position'],
        properties: { name: text(1000), position: text(1000) },
      },
    },
    outgoingPattern: text(200),
  },
} as const;

type LetterheadText = Omit<Letterhead, 'logo'>;

/** Saves through the CLI's validation and audits the change; a refusal says what and where. */
async function change(
  db: Queryable,
  auth: AuthContext,
  next: (stored: Letterhead) => Letterhead,
): Promise<{ letterhead: AdminLetterhead; changed: boolean }> {
  const before = await loadLetterhead(db, auth.orgId);
  let saved: Letterhead;
  try {
    saved = await saveLetterhead(db, auth.orgId, next(before));
  } catch (error) {
    if (!(error instanceof LetterheadError)) throw error;
    if (error.problem === 'logoTooLarge') throw new ApiError(413, 'logo_too_large', error.message);
    if (error.problem === 'logoType') throw new ApiError(400, 'logo_type', error.message);
    if (error.problem === 'logoUnreadable') throw new ApiError(400, 'logo_unreadable', error.message);
    throw new ApiError(400, 'invalid_letterhead', error.message, {
      problem: error.problem,
      field: error.field,
      patternKey: error.patternKey,
    });
  }
  const changed = await auditLetterheadChange(db, {
    orgId: auth.orgId,
    before,
    after: saved,
    actor: { userId: auth.userId, deviceId: auth.deviceId },
  });
  return { letterhead: await adminLetterhead(db, auth.orgId, saved), changed };
}

async function adminLetterheadRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.okno;
  app.addHook('preHandler', requireRole('admin'));
  // Only the logo route takes bare bytes (this plugin's scope); its type is judged by the bytes.
  app.addContentTypeParser(
    ['image/png', 'image/jpeg', 'application/octet-stream'],
    { parseAs: 'buffer' },
    (_request, body, done) => done(null, body),
  );

  app.get('/admin/letterhead', async (request) => ({
    letterhead: await adminLetterhead(db, request.auth.orgId),
  }));

  app.put<{ Body: LetterheadText }>(
    '/admin/letterhead',
    { schema: { body: letterheadBody } },
    async (request) =>
      change(db, request.auth, (stored) => ({
        ...request.body,
        signatories: request.body.signatories.map((s) => ({ name: s.name, position: s.position })),
        logo: stored.logo,
      })),
  );

  app.get('/admin/letterhead/logo', async (request, reply) => {
    const { logo } = await loadLetterhead(db, request.auth.orgId);
    const kind = logo ? imageKind(logo) : null;
    if (!logo || !kind) throw new ApiError(404, 'not_found', 'The letterhead has no logo');
    return reply
      .header('content-type', kind === 'png' ? 'image/png' : 'image/jpeg')
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'no-store')
      .send(logo);
  });

  app.put<{ Body: unknown }>(
    '/admin/letterhead/logo',
    // Room above the 512 KiB limit, so a too-large logo is named as such, not as a too-large request.
    { bodyLimit: 4 * maxLogoBytes },
    async (request) => {
      const { auth, body } = request;
      if (!Buffer.isBuffer(body) || body.length === 0)
        throw new ApiError(400, 'logo_type', 'Send the logo as bare PNG or JPEG bytes');
      if (body.length > maxLogoBytes)
        throw new ApiError(413, 'logo_too_large', 'The logo is larger than 512 KiB');
      if (!imageKind(body)) throw new ApiError(400, 'logo_type', 'The logo must be a PNG or JPEG image');
      if (!(await isStored(db, auth.orgId)))
        throw new ApiError(409, 'letterhead_not_set', 'Save the letterhead before its logo');
      return change(db, auth, (stored) => ({ ...stored, logo: body }));
    },
  );

  app.delete('/admin/letterhead/logo', async (request) => {
    if (!(await isStored(db, request.auth.orgId)))
      return { letterhead: await adminLetterhead(db, request.auth.orgId), changed: false };
    return change(db, request.auth, (stored) => ({ ...stored, logo: null }));
  });

  app.get('/admin/letterhead/preview.pdf', async (request, reply) => {
    const { auth } = request;
    const pdf = await renderSampleLetter(db, auth.orgId, auth.userId, app.okno.now());
    return reply
      .header('content-type', 'application/pdf')
      .header(
        'content-disposition',
        "inline; filename*=UTF-8''%D0%9E%D0%B1%D1%80%D0%B0%D0%B7%D0%B5%D1%86.pdf",
      )
      .header('cache-control', 'no-store')
      .send(pdf);
  });
}

/** «Бланк и подписи» and «Классификатор»: app.ts registers this under /api/v1. */
export async function letterheadAndClassifierRoutes(app: FastifyInstance): Promise<void> {
  await app.register(adminLetterheadRoutes);
  await app.register(classifierRoutes);
}
