/**
 * The files of an appeal, for those who may see the appeal (./in-scope.ts: 404 outside the caller's
 * organisation, 403 outside their departments):
 *
 *   GET  /api/v1/appeals/:id/files/:fileId      a citizen's photo or document, or an answer's file
 *   POST /api/v1/appeals/:id/files?name=…       an official's file for an answer (bare bytes,
 *                                               `application/octet-stream`); answers its metadata
 *   POST /api/v1/appeals/:id/scans?name=…       a scan of a reception or postal appeal (./scans.ts),
 *                                               the same way; the appeal names it once uploaded
 *
 * A file is found only through the appeal: its id must be on the appeal or on one of the appeal's
 * messages (a scan: uploaded to that appeal), and its bytes are looked up by the server's own record
 * of it (`inbound_attachments`, `answer_files`, `appeal_scans`), never by a hash a document names.
 *
 * Every file of an appeal may hold personal data — a citizen's photo or scan (a passport, a
 * certificate), or an answer that names the applicant — so, conservatively, every download is
 * audited (`appeal.file.download`), and so is every upload (`appeal.file.upload`). A download is
 * always an attachment with `nosniff` and a sandbox policy: the browser never renders it as a page.
 */
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import {
  answerFileMaxBytes,
  appealScanRule,
  type FileProblem,
  scannedChannels,
} from '../../../shared/model/answer-files';
import type { Channel } from '../../../shared/model/vocabulary';
import { appendAudit } from '../audit/audit';
import { requireAuth } from '../auth/require-auth';
import { AttachmentStore, attachmentsDir } from '../channels/attachments';
import type { ServerConfig } from '../config';
import { ApiError, notFound } from '../http/errors';
import { saveAnswerFile } from './answer-files';
import { appealInScope } from './in-scope';
import { saveAppealScan } from './scans';

const safeId = { type: 'string', minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9_-]+$' } as const;
const fileParams = {
  type: 'object',
  required: ['id', 'fileId'],
  properties: { id: safeId, fileId: safeId },
} as const;
const idOnly = { type: 'object', required: ['id'], properties: { id: safeId } } as const;
const uploadQuery = {
  type: 'object',
  required: ['name'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 255 },
    type: { type: 'string', maxLength: 255 },
  },
} as const;

interface StoredFile {
  sha256: string;
  name: string;
  mime_type: string;
  source: 'citizen' | 'answer' | 'scan';
}

/** The file `fileId` if the appeal or one of its messages carries it. */
async function fileOfAppeal(
  db: pg.Pool,
  orgId: string,
  appeal: Record<string, unknown>,
  fileId: string,
): Promise<StoredFile | null> {
  const result = await db.query<StoredFile>(
    `WITH named AS (
       SELECT 1 FROM jsonb_array_elements(coalesce($3::jsonb, '[]'::jsonb)) AS a(meta) WHERE a.meta->>'id' = $4
       UNION ALL
       SELECT 1 FROM sync_messages m, jsonb_array_elements(coalesce(m.doc->'attachments', '[]'::jsonb)) AS a(meta)
        WHERE m.org_id = $1 AND m.appeal_id = $2 AND a.meta->>'id' = $4
          AND NOT coalesce((m.doc->>'_deleted')::boolean, false)
     )
     SELECT sha256, name, mime_type, 'citizen' AS source FROM inbound_attachments
      WHERE org_id = $1 AND id = $4 AND EXISTS (SELECT 1 FROM named)
     UNION ALL
     SELECT sha256, name, mime_type, 'answer' FROM answer_files
      WHERE org_id = $1 AND id = $4 AND appeal_id = $2 AND EXISTS (SELECT 1 FROM named)
     UNION ALL
     -- A scan is bound to its appeal by its upload: it opens before the push that names it arrives.
     SELECT sha256, name, mime_type, 'scan' FROM appeal_scans
      WHERE org_id = $1 AND id = $4 AND appeal_id = $2
     LIMIT 1`,
    [orgId, String(appeal.id), JSON.stringify(appeal.attachments ?? []), fileId],
  );
  return result.rows[0] ?? null;
}

/** RFC 6266: an ASCII fallback and the UTF-8 name (Cyrillic names are the rule here). */
function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  // RFC 8187 attr-char has no ' ( ) *, which encodeURIComponent leaves as they are.
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

const problemMessages: Record<FileProblem, string> = {
  tooLarge: 'The file is larger than an answer may carry',
  typeRefused: 'Files of this type cannot be attached to an answer',
  tiffRefused: 'TIFF files cannot be shown in Okno; send PDF, JPEG or PNG',
  empty: 'The file is empty',
};
const scanProblemMessages: Record<FileProblem, string> = {
  tooLarge: 'A scan may be at most 20 MB',
  typeRefused: 'A scan must be a PDF, JPEG or PNG file',
  tiffRefused: 'TIFF scans cannot be shown in Okno; save the scan as PDF, JPEG or PNG',
  empty: 'The file is empty',
};

/** The refusal of an upload: 413 for the size, 415 for the type or an empty file. */
function uploadRefused(problem: FileProblem, messages: Record<FileProblem, string>): ApiError {
  const status = problem === 'tooLarge' ? 413 : 415;
  return new ApiError(status, `file_${problem}`, messages[problem]);
}

export async function appealFileRoutes(
  app: FastifyInstance,
  opts: { db: pg.Pool; config: ServerConfig },
): Promise<void> {
  const { db } = opts;
  const store = new AttachmentStore(attachmentsDir(opts.config.dataDir));
  await store.prepare();
  // Only these routes take bare bytes (this plugin's scope).
  app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer' }, (_request, body, done) =>
    done(null, body),
  );

  app.get<{ Params: { id: string; fileId: string } }>(
    '/api/v1/appeals/:id/files/:fileId',
    { preHandler: requireAuth, schema: { params: fileParams } },
    async (request, reply) => {
      const { auth } = request;
      const appeal = await appealInScope(db, auth, request.params.id);
      const file = await fileOfAppeal(db, auth.orgId, appeal, request.params.fileId);
      if (!file) throw notFound('No such file in this appeal');
      const bytes = await store.read(file.sha256).catch(() => null);
      if (!bytes) throw notFound('The file is no longer stored');
      await appendAudit(db, {
        orgId: auth.orgId,
        actorUserId: auth.userId,
        deviceId: auth.deviceId,
        action: 'appeal.file.download',
        entity: 'appeal',
        entityId: request.params.id,
        details: { fileId: request.params.fileId, source: file.source, mimeType: file.mime_type },
      });
      return reply
        .header('content-type', file.mime_type)
        .header('content-disposition', contentDisposition(file.name))
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "sandbox; default-src 'none'")
        .header('cache-control', 'no-store')
        .send(bytes);
    },
  );

  /**
   * An official's upload for one appeal: the appeal in the caller's scope (and accepted by `check`),
   * bare bytes saved by `save` under its rule, the refusal worded by `messages`, and an audit entry.
   */
  function uploadRoute(
    path: string,
    options: {
      maxBytes: number;
      save: typeof saveAnswerFile;
      messages: Record<FileProblem, string>;
      action: 'appeal.file.upload' | 'appeal.scan.upload';
      check?: (appeal: Awaited<ReturnType<typeof appealInScope>>) => void;
    },
  ): void {
    app.post<{ Params: { id: string }; Querystring: { name: string; type?: string }; Body: Buffer }>(
      path,
      {
        preHandler: requireAuth,
        bodyLimit: options.maxBytes,
        schema: { params: idOnly, querystring: uploadQuery },
      },
      async (request, reply) => {
        const { auth } = request;
        const appeal = await appealInScope(db, auth, request.params.id);
        options.check?.(appeal);
        if (!Buffer.isBuffer(request.body)) {
          throw new ApiError(415, 'unsupported_media_type', 'Send the file as application/octet-stream');
        }
        const saved = await options.save(db, store, {
          orgId: auth.orgId,
          appealId: request.params.id,
          uploadedBy: auth.userId,
          name: request.query.name,
          declaredType: request.query.type ?? '',
          bytes: request.body,
        });
        if ('problem' in saved) throw uploadRefused(saved.problem, options.messages);
        await appendAudit(db, {
          orgId: auth.orgId,
          actorUserId: auth.userId,
          deviceId: auth.deviceId,
          action: options.action,
          entity: 'appeal',
          entityId: request.params.id,
          details: { fileId: saved.meta.id, mimeType: saved.meta.mimeType, size: saved.meta.size },
        });
        return reply.code(201).send({ file: saved.meta });
      },
    );
  }

  uploadRoute('/api/v1/appeals/:id/files', {
    maxBytes: answerFileMaxBytes,
    save: saveAnswerFile,
    messages: problemMessages,
    action: 'appeal.file.upload',
  });
  uploadRoute('/api/v1/appeals/:id/scans', {
    maxBytes: appealScanRule.maxBytes,
    save: saveAppealScan,
    messages: scanProblemMessages,
    action: 'appeal.scan.upload',
    check: (appeal) => {
      if (!scannedChannels.includes(appeal.channel as Channel)) {
        throw new ApiError(
          409,
          'scan_notPaperAppeal',
          'Scans are added to reception and postal appeals only',
        );
      }
    },
  });
}
