/**
 * Files officials attach to answers (issue 10): the one module that writes `answer_files`
 * (migration 410). The bytes go to the same store as citizens' files (../channels/attachments.ts:
 * content-addressed, folders 0700, files 0600), under the shared rule of
 * shared/model/answer-files.ts.
 *
 * - `saveAnswerFile`: an upload for one appeal (the route checked the appeal's scope first).
 * - `answerFilesRefusal`: the messages writer's check that an answer's `attachments` are files
 *   uploaded for that appeal, in number and size the route can carry.
 * - `withAnswerFiles`: the outbox reads the answer's files when it sends it; they are not copied
 *   into the outbox row (the store is content-addressed, so a retry sends the same bytes).
 */

import {
  answerFileRule,
  answerFilesProblem,
  type FileProblem,
  type UploadRule,
  uploadProblem,
  uploadType,
} from '../../../shared/model/answer-files';
import type { AttachmentMeta } from '../../../shared/model/attachment';
import type { AttachmentStore } from '../channels/attachments';
import type { Queryable } from '../db/pool';
import { newId } from '../ids';
import type { ClaimedMessage, OutboxAttachment } from '../outbox/types';

/** What the bytes begin with, for the types that have a signature: a renamed program is refused. */
const signatures: Record<string, number[][]> = {
  'image/jpeg': [[0xff, 0xd8, 0xff]],
  'image/png': [[0x89, 0x50, 0x4e, 0x47]],
  'image/gif': [[0x47, 0x49, 0x46, 0x38]],
  'image/webp': [[0x52, 0x49, 0x46, 0x46]],
  'application/pdf': [[0x25, 0x50, 0x44, 0x46]],
};
/** Executables and scripts, whatever the name says: PE (MZ), ELF, Mach-O, a shebang. */
const programs = [
  [0x4d, 0x5a],
  [0x7f, 0x45, 0x4c, 0x46],
  [0xcf, 0xfa, 0xed, 0xfe],
  [0x23, 0x21],
];

const startsWith = (bytes: Buffer, prefix: number[]) => prefix.every((byte, i) => bytes[i] === byte);

function contentAgrees(bytes: Buffer, mimeType: string): boolean {
  if (programs.some((prefix) => startsWith(bytes, prefix))) return false;
  const expected = signatures[mimeType];
  return !expected || expected.some((prefix) => startsWith(bytes, prefix));
}

export interface AnswerFileUpload {
  orgId: string;
  appealId: string;
  uploadedBy: string;
  name: string;
  declaredType: string;
  bytes: Buffer;
}

/**
 * Checks an official's upload against its rule (shared/model/answer-files.ts) and the bytes against
 * the type, and stores it; the metadata under a new id, or the problem. Answers' files and appeals'
 * scans (./scans.ts) both come through here; each records its own rows.
 */
async function storeUpload(
  store: AttachmentStore,
  rule: UploadRule,
  upload: Pick<AnswerFileUpload, 'name' | 'declaredType' | 'bytes'>,
): Promise<{ meta: AttachmentMeta & { sha256: string } } | { problem: FileProblem }> {
  // The file's own name: no folders (a client may send «C:\\fakepath\\…»), no control characters.
  const base = upload.name.split(/[\\/]/).pop() ?? '';
  const printable = [...base].filter((c) => c.charCodeAt(0) > 0x1f && c.charCodeAt(0) !== 0x7f).join('');
  const name = printable.trim().slice(0, 255);
  const problem = uploadProblem(rule, { name, type: upload.declaredType, size: upload.bytes.length });
  if (problem) return { problem };
  const mimeType = uploadType(rule, name, upload.declaredType)!;
  if (!contentAgrees(upload.bytes, mimeType)) return { problem: 'typeRefused' };
  const saved = await store.saveBytes(upload.bytes, name, mimeType, {
    maxBytes: upload.bytes.length,
    allowedTypes: [mimeType],
    allowedHosts: [],
  });
  if ('reason' in saved) return { problem: saved.reason === 'too-large' ? 'tooLarge' : 'typeRefused' };
  return { meta: { ...saved.meta, id: newId(), mimeType, sha256: saved.meta.sha256 ?? '' } };
}

/** The tables that record an official's uploads, one row a file: answers' files and appeals' scans. */
export type UploadTable = 'answer_files' | 'appeal_scans';

/**
 * Stores the file under `rule` and records it in `table` for the appeal; the problem when the rule
 * refuses it. Answers' files (below) and appeals' scans (./scans.ts) differ only in rule and table.
 */
export async function saveUpload(
  db: Queryable,
  store: AttachmentStore,
  rule: UploadRule,
  table: UploadTable,
  upload: AnswerFileUpload,
): Promise<{ meta: AttachmentMeta } | { problem: FileProblem }> {
  const stored = await storeUpload(store, rule, upload);
  if ('problem' in stored) return stored;
  const { meta } = stored;
  await db.query(
    `INSERT INTO ${table} (id, org_id, appeal_id, uploaded_by, sha256, name, mime_type, size)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      meta.id,
      upload.orgId,
      upload.appealId,
      upload.uploadedBy,
      meta.sha256,
      meta.name,
      meta.mimeType,
      meta.size,
    ],
  );
  return { meta };
}

/** Stores an answer's file and records it for the appeal; the problem when the rule refuses it. */
export const saveAnswerFile = (db: Queryable, store: AttachmentStore, upload: AnswerFileUpload) =>
  saveUpload(db, store, answerFileRule, 'answer_files', upload);

interface AnswerFileRow {
  id: string;
  sha256: string;
  name: string;
  mime_type: string;
  size: string;
}

/**
 * Why an answer's `attachments` cannot be stored, or null: each must be a file uploaded for this
 * appeal, described as it was stored, and together within the rule for the answer's route.
 */
export async function answerFilesRefusal(
  db: Queryable,
  orgId: string,
  appealId: string,
  attachments: readonly AttachmentMeta[],
  replyVia: string | null,
): Promise<string | null> {
  if (attachments.length === 0) return null;
  const together = answerFilesProblem(attachments, replyVia);
  if (together) return together;
  const found = await db.query<AnswerFileRow>(
    `SELECT id, sha256, name, mime_type, size FROM answer_files
      WHERE org_id = $1 AND appeal_id = $2 AND id = ANY($3::text[])`,
    [orgId, appealId, attachments.map((file) => file.id)],
  );
  const byId = new Map(found.rows.map((row) => [row.id, row]));
  const agrees = (file: AttachmentMeta) => {
    const row = byId.get(file.id);
    return (
      row !== undefined &&
      row.sha256 === file.sha256 &&
      row.name === file.name &&
      row.mime_type === file.mimeType &&
      Number(row.size) === file.size
    );
  };
  return attachments.every(agrees) ? null : 'notUploaded';
}

/**
 * The claimed answer with its official's files after whatever it carries (the answer letter), read
 * from the store; any other row as it is.
 */
export async function withAnswerFiles(
  db: Queryable,
  store: AttachmentStore,
  message: ClaimedMessage,
): Promise<ClaimedMessage> {
  if (message.kind !== 'answer' || !message.messageId) return message;
  const files = await db.query<AnswerFileRow>(
    `SELECT f.id, f.sha256, f.name, f.mime_type, f.size
       FROM sync_messages m
       CROSS JOIN LATERAL jsonb_array_elements(m.doc->'attachments') WITH ORDINALITY AS a(meta, n)
       JOIN answer_files f ON f.org_id = m.org_id AND f.id = a.meta->>'id' AND f.appeal_id = m.appeal_id
      WHERE m.org_id = $1 AND m.id = $2
      ORDER BY a.n`,
    [message.orgId, message.messageId],
  );
  if (files.rows.length === 0) return message;
  const attachments: OutboxAttachment[] = [];
  for (const file of files.rows) {
    const bytes = await store.read(file.sha256);
    attachments.push({ name: file.name, mimeType: file.mime_type, contentBase64: bytes.toString('base64') });
  }
  return { ...message, attachments: [...message.attachments, ...attachments] };
}
