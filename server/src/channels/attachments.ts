/**
 * Attachments of inbound messages are downloaded to server storage before the event's
 * transaction (so a slow file never holds database locks), content-addressed by SHA-256 under
 * `${DATA_DIR}/attachments/<first two hex>/<sha256>` — a redelivered event re-downloads into the
 * same file. Limits: size (default 20 MB, never above the shared maximum), type (an allow-list of
 * document and image types), and hosts (files are fetched only from the network's own hosts or
 * its configured API base, never from an arbitrary URL in a payload).
 *
 * Citizens' files (scanned passports among them) are kept like the server's secrets (config.ts):
 * folders 0700, files 0600, so no other local user of the machine can list or read them.
 */
import { createHash } from 'node:crypto';
import { chmod, mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { maxAttachmentBytes } from '../../../shared/model/attachment';
import type { Queryable } from '../db/pool';
import { newId } from '../ids';
import type { AttachmentMeta } from '../intake/types';
import type { ChannelAccount } from './types';

/** A file a network offers; fetched by `url`, or by the URL `resolveUrl` returns (Telegram getFile). */
export interface RemoteAttachment {
  name: string;
  mimeType?: string;
  declaredSize?: number;
  url?: string;
  resolveUrl?: () => Promise<string>;
  headers?: Record<string, string>;
  /** Bytes already in hand (e-mail parts): saved under the same limits, nothing fetched. */
  bytes?: Buffer;
}

export interface StoredAttachment {
  meta: AttachmentMeta;
}

export interface AttachmentFailure {
  name: string;
  reason: 'too-large' | 'type-not-allowed' | 'host-not-allowed' | 'unavailable';
}

const defaultAllowedTypes = [
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/webp',
  'image/heic',
  'application/pdf',
  'text/plain',
  'application/rtf',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'video/mp4',
  'audio/ogg',
  'audio/mpeg',
];

const byExtension: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  heic: 'image/heic',
  pdf: 'application/pdf',
  txt: 'text/plain',
  rtf: 'application/rtf',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  mp4: 'video/mp4',
  ogg: 'audio/ogg',
  oga: 'audio/ogg',
  mp3: 'audio/mpeg',
};

/** Production file hosts per network (suffix match); the account's API base host is always allowed. */
const networkHosts: Record<string, string[]> = {
  vk: [
    'vk.com',
    'vk.ru',
    'userapi.com',
    'vkuserphoto.ru',
    'vk-cdn.net',
    'vkuseraudio.net',
    'vkuservideo.net',
  ],
  telegram: [],
  max: ['max.ru', 'oneme.ru', 'okcdn.ru', 'mycdn.me'],
  ok: ['ok.ru', 'mycdn.me', 'okcdn.ru'],
  email: [],
  portal: [],
};

export interface AttachmentLimits {
  maxBytes: number;
  allowedTypes: string[];
  allowedHosts: string[];
}

export function limitsOf(account: ChannelAccount): AttachmentLimits {
  const s = account.settings;
  const maxBytes = Math.min(
    typeof s.maxAttachmentBytes === 'number' ? s.maxAttachmentBytes : 20 * 1024 * 1024,
    maxAttachmentBytes,
  );
  const allowedTypes = Array.isArray(s.attachmentTypes)
    ? (s.attachmentTypes as string[])
    : defaultAllowedTypes;
  const extraHosts = Array.isArray(s.attachmentHosts) ? (s.attachmentHosts as string[]) : [];
  let apiHost: string[] = [];
  try {
    if (account.apiBaseUrl) apiHost = [new URL(account.apiBaseUrl).hostname];
  } catch {}
  return {
    maxBytes,
    allowedTypes,
    allowedHosts: [...(networkHosts[account.network] ?? []), ...apiHost, ...extraHosts],
  };
}

function mimeOf(name: string, declared?: string): string {
  const clean = declared?.split(';')[0]?.trim().toLowerCase();
  if (clean && clean !== 'application/octet-stream') return clean;
  const ext = name.split('.').pop()?.toLowerCase() ?? '';
  return byExtension[ext] ?? clean ?? 'application/octet-stream';
}

function hostAllowed(url: URL, hosts: string[]): boolean {
  const host = url.hostname.toLowerCase();
  return hosts.some((h) => host === h || host.endsWith(`.${h}`));
}

/** Where the server keeps files: citizens' (inbound) and officials' (answers) alike. */
export function attachmentsDir(dataDir: string): string {
  return path.join(dataDir, 'attachments');
}

const folderMode = 0o700;
const fileMode = 0o600;

export class AttachmentStore {
  constructor(private readonly dir: string) {}

  /**
   * Run once at start: creates the storage folder and tightens what an older version left readable
   * to others (0755 folders, 0644 files). The walk runs only while the root is not yet 0700, and the
   * root is tightened last, so an interrupted start walks again next time.
   */
  async prepare(): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: folderMode });
    if (((await stat(this.dir)).mode & 0o777) === folderMode) return;
    for (const shard of await readdir(this.dir, { withFileTypes: true })) {
      if (!shard.isDirectory()) continue;
      const folder = path.join(this.dir, shard.name);
      await chmod(folder, folderMode);
      for (const entry of await readdir(folder, { withFileTypes: true })) {
        if (entry.isFile()) await chmod(path.join(folder, entry.name), fileMode);
      }
    }
    await chmod(this.dir, folderMode);
  }

  /** The bytes of a stored file (its name is its SHA-256); throws when there is none. */
  async read(sha256: string): Promise<Buffer> {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('not a stored file');
    return readFile(path.join(this.dir, sha256.slice(0, 2), sha256));
  }

  /** Saves bytes already in hand (e-mail parts, portal uploads) under the same rules. */
  async saveBytes(
    bytes: Buffer,
    name: string,
    mimeType: string,
    limits: AttachmentLimits,
  ): Promise<StoredAttachment | AttachmentFailure> {
    const mime = mimeOf(name, mimeType);
    if (!limits.allowedTypes.includes(mime)) return { name, reason: 'type-not-allowed' };
    if (bytes.length > limits.maxBytes) return { name, reason: 'too-large' };
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const folder = path.join(this.dir, sha256.slice(0, 2));
    await mkdir(folder, { recursive: true, mode: folderMode });
    const target = path.join(folder, sha256);
    const temp = `${target}.${process.pid}.${newId()}.part`;
    await writeFile(temp, bytes, { mode: fileMode });
    await rename(temp, target);
    return {
      meta: {
        id: newId(),
        name: name.slice(0, 255) || 'file',
        mimeType: mime.slice(0, 255),
        size: bytes.length,
        sha256,
      },
    };
  }

  async download(
    remote: RemoteAttachment,
    limits: AttachmentLimits,
  ): Promise<StoredAttachment | AttachmentFailure> {
    const name = remote.name;
    if (remote.bytes) return this.saveBytes(remote.bytes, name, remote.mimeType ?? '', limits);
    if (remote.declaredSize !== undefined && remote.declaredSize > limits.maxBytes)
      return { name, reason: 'too-large' };
    if (remote.mimeType && !limits.allowedTypes.includes(mimeOf(name, remote.mimeType))) {
      return { name, reason: 'type-not-allowed' };
    }
    let url: URL;
    try {
      url = new URL(remote.url ?? (remote.resolveUrl ? await remote.resolveUrl() : ''));
    } catch {
      return { name, reason: 'unavailable' };
    }
    if (!/^https?:$/.test(url.protocol) || !hostAllowed(url, limits.allowedHosts))
      return { name, reason: 'host-not-allowed' };
    try {
      const response = await fetch(url, {
        headers: remote.headers ?? {},
        signal: AbortSignal.timeout(10_000),
        redirect: 'error',
      });
      if (!response.ok || !response.body) return { name, reason: 'unavailable' };
      const length = Number(response.headers.get('content-length') ?? 0);
      if (length > limits.maxBytes) {
        await response.body.cancel();
        return { name, reason: 'too-large' };
      }
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of response.body) {
        size += chunk.length;
        if (size > limits.maxBytes) return { name, reason: 'too-large' };
        chunks.push(Buffer.from(chunk));
      }
      return this.saveBytes(
        Buffer.concat(chunks),
        name,
        remote.mimeType ?? response.headers.get('content-type') ?? '',
        limits,
      );
    } catch {
      return { name, reason: 'unavailable' };
    }
  }
}

const reasonText: Record<AttachmentFailure['reason'], string> = {
  'too-large': 'файл больше допустимого размера',
  'type-not-allowed': 'тип файла не допускается',
  'host-not-allowed': 'источник файла не допускается',
  unavailable: 'файл недоступен',
};

/** A line appended to the message text for each file that was not saved, so the operator knows. */
export function failureNote(failure: AttachmentFailure): string {
  return `[Вложение «${failure.name}» не сохранено: ${reasonText[failure.reason]}]`;
}

export function isFailure(result: StoredAttachment | AttachmentFailure): result is AttachmentFailure {
  return 'reason' in result;
}

/** Links stored files to their message (inside the event's transaction). */
export async function recordAttachments(
  tx: Queryable,
  orgId: string,
  messageId: string,
  metas: AttachmentMeta[],
): Promise<void> {
  if (metas.length === 0) return;
  await tx.query(
    `INSERT INTO inbound_attachments (id, org_id, message_id, sha256, name, mime_type, size)
     SELECT r.id, $1, $2, r.sha256, r.name, r."mimeType", r.size
       FROM jsonb_to_recordset($3::jsonb) AS r(id text, sha256 text, name text, "mimeType" text, size bigint)`,
    [orgId, messageId, JSON.stringify(metas)],
  );
}
