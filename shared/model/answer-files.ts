/**
 * Files an official attaches to an answer (issue 10, «Вложения в обе стороны»): one rule, checked by
 * the composer before the upload and by the server on the upload and again on the answer's push.
 *
 * Size: 20 MB a file, at most 5 files and 20 MB together — under every network's upload limit for a
 * bot (Telegram Bot API sendDocument 50 MB, VK docs 200 MB; MAX and OK document none lower for files
 * of this size). E-mail is the tight one: base64 makes a file a third larger and common relays refuse
 * mail over 25 MB, so an e-mail answer carries at most 18 MB of files — the answer letter's PDF
 * (server/src/letters) among them: 1 MB of it is kept for the letter, 17 MB for the official's files.
 *
 * Type: images, PDF and office documents, by MIME type and by the name's extension, both; never
 * anything a computer could run (no .exe, .js, .html, .svg — an SVG can hold script).
 */
import type { AttachmentMeta } from './attachment';
import type { Channel } from './vocabulary';

export const answerFileMaxBytes = 20 * 1024 * 1024;
const answerFilesMaxCount = 5;
const answerFilesMaxTotalBytes = 20 * 1024 * 1024;
export const emailAnswerFilesMaxTotalBytes = 18 * 1024 * 1024;
export const emailAnswerLetterAllowanceBytes = 1024 * 1024;
const emailOfficialFilesMaxBytes = emailAnswerFilesMaxTotalBytes - emailAnswerLetterAllowanceBytes;

/** Extension → the MIME type the file is stored and sent as. */
const answerFileTypes: Readonly<Record<string, string>> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  pdf: 'application/pdf',
  txt: 'text/plain',
  rtf: 'application/rtf',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
};

/** A kind of file officials upload: the types it takes (extension → stored MIME type) and its size. */
export interface UploadRule {
  readonly types: Readonly<Record<string, string>>;
  readonly maxBytes: number;
}

export const answerFileRule: UploadRule = { types: answerFileTypes, maxBytes: answerFileMaxBytes };

/**
 * Scans on a reception or postal appeal (issue 10): the applicant's written appeal and its
 * enclosures, as a scanner or a phone saves them — PDF, JPEG, PNG, 20 MB each (as an answer's file).
 * TIFF, many scanners' default, is refused with its own reason: nothing in the app can show it
 * (Chromium draws no TIFF), and a scan staff cannot open from the appeal is of no use there.
 */
export const appealScanRule: UploadRule = {
  types: { pdf: 'application/pdf', jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png' },
  maxBytes: 20 * 1024 * 1024,
};

/** The appeals that arrive on paper, received in person or by post: the ones that carry scans. */
export const scannedChannels: readonly Channel[] = ['reception', 'post'];

/** For the file picker's `accept`. */
export const uploadAccept = (rule: UploadRule) =>
  Object.keys(rule.types)
    .map((extension) => `.${extension}`)
    .join(',');
export const answerFileAccept = uploadAccept(answerFileRule);

/** Why one file cannot be uploaded under a rule. */
export type FileProblem = 'tooLarge' | 'typeRefused' | 'tiffRefused' | 'empty';
export type AnswerFileProblem = FileProblem | 'tooMany' | 'totalTooLarge';

const extensionOf = (name: string) => {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
};

/**
 * The MIME type a file is kept as, or null when its type is refused. The name's extension decides;
 * a declared type, when there is one (browsers give '' for types they do not know), must agree.
 */
export function uploadType(rule: UploadRule, name: string, declaredType: string): string | null {
  const type = rule.types[extensionOf(name)];
  if (!type) return null;
  const declared = declaredType.split(';')[0]!.trim().toLowerCase();
  if (declared !== '' && declared !== 'application/octet-stream' && declared !== type) return null;
  return type;
}

export const answerFileType = (name: string, declaredType: string) =>
  uploadType(answerFileRule, name, declaredType);

const isTiff = (name: string) => ['tif', 'tiff'].includes(extensionOf(name));

/** Why one file cannot be uploaded under the rule, or null. */
export function uploadProblem(
  rule: UploadRule,
  file: { name: string; type: string; size: number },
): FileProblem | null {
  if (uploadType(rule, file.name, file.type) === null)
    return isTiff(file.name) ? 'tiffRefused' : 'typeRefused';
  if (file.size === 0) return 'empty';
  if (file.size > rule.maxBytes) return 'tooLarge';
  return null;
}

/** Why one file cannot be attached to an answer, or null. */
export const answerFileProblem = (file: { name: string; type: string; size: number }) =>
  uploadProblem(answerFileRule, file);

/** Why this set of files cannot go with one answer by this route, or null. */
export function answerFilesProblem(
  files: readonly Pick<AttachmentMeta, 'size'>[],
  replyVia: string | null,
): AnswerFileProblem | null {
  if (files.length > answerFilesMaxCount) return 'tooMany';
  const total = files.reduce((sum, file) => sum + file.size, 0);
  const limit = replyVia === 'email' ? emailOfficialFilesMaxBytes : answerFilesMaxTotalBytes;
  return total > limit ? 'totalTooLarge' : null;
}

/** Images and PDF are shown inside the app; every other file is only saved, never opened. */
export type FilePreview = 'image' | 'pdf' | null;

const previewedImages = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp']);

export function filePreview(mimeType: string): FilePreview {
  if (previewedImages.has(mimeType)) return 'image';
  return mimeType === 'application/pdf' ? 'pdf' : null;
}
