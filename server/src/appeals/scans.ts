/**
 * Scans of a reception or postal appeal (issue 10): the one module that writes `appeal_scans`
 * (migration 460). An official adds the applicant's written appeal and its enclosures from the
 * reception card or the appeal; the desktop uploads each scan (at once, or from its local queue when
 * the connection returns: renderer/db/scan-queue.ts) and only then names it in the appeal's
 * `attachments`, which the replication pushes.
 *
 * - `saveAppealScan`: an upload for one appeal (the route checked the appeal's scope first), under
 *   the shared scan rule (shared/model/answer-files.ts `appealScanRule`), stored like an answer's file.
 * - `acceptedAttachments`: the appeals writer's check of a pushed `attachments` list — what the
 *   server already had stays (a citizen's photo is evidence, never removed from a desktop), and a new
 *   entry is kept only when it is a scan uploaded to this appeal by this organisation, described as
 *   it was stored (or, for a formal appeal made from an incident, one of the incident's files).
 */
import { appealScanRule } from '../../../shared/model/answer-files';
import type { AttachmentMeta } from '../../../shared/model/attachment';
import type { AttachmentStore } from '../channels/attachments';
import type { Queryable } from '../db/pool';
import { deepEqual } from '../sync/docs';
import { type AnswerFileUpload, saveUpload } from './answer-files';

/** Stores the scan and records it for the appeal; the problem when the rule refuses it. */
export const saveAppealScan = (db: Queryable, store: AttachmentStore, upload: AnswerFileUpload) =>
  saveUpload(db, store, appealScanRule, 'appeal_scans', upload);

interface ScanRow {
  id: string;
  sha256: string;
  name: string;
  mime_type: string;
  size: string;
}

const asMeta = (row: ScanRow): AttachmentMeta => ({
  id: row.id,
  name: row.name,
  mimeType: row.mime_type,
  size: Number(row.size),
  sha256: row.sha256,
});

const isMetaList = (value: unknown): value is AttachmentMeta[] =>
  Array.isArray(value) &&
  value.every((entry) => typeof entry === 'object' && entry !== null && typeof entry.id === 'string');

/**
 * The `attachments` the appeal keeps from a push, and whether any of the proposed ones was refused.
 * `kept`: what the server has (stays whatever the push says); `carried`: files a new appeal may name
 * without an upload (the incident's, on conversion).
 */
export async function acceptedAttachments(
  db: Queryable,
  orgId: string,
  appealId: string,
  proposed: unknown,
  kept: readonly AttachmentMeta[],
  carried: readonly AttachmentMeta[] = [],
): Promise<{ attachments: AttachmentMeta[]; refused: boolean }> {
  const wanted = isMetaList(proposed) ? proposed : [];
  const known = (list: readonly AttachmentMeta[], file: AttachmentMeta) =>
    list.some((entry) => deepEqual(entry, file));
  const added = wanted.filter((file) => !kept.some((entry) => entry.id === file.id));
  const unknown = added.filter((file) => !known(carried, file));
  const uploaded =
    unknown.length === 0
      ? []
      : (
          await db.query<ScanRow>(
            `SELECT id, sha256, name, mime_type, size FROM appeal_scans
              WHERE org_id = $1 AND appeal_id = $2 AND id = ANY($3::text[])`,
            [orgId, appealId, unknown.map((file) => file.id)],
          )
        ).rows.map(asMeta);
  const accepted = added.filter((file) => known(carried, file) || known(uploaded, file));
  const attachments = [
    ...kept,
    ...accepted.filter((file, i) => accepted.findIndex((f) => f.id === file.id) === i),
  ];
  return { attachments, refused: !isMetaList(proposed) || !deepEqual(attachments, proposed) };
}
