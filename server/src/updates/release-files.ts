/**
 * The bytes of releases under `${DATA_DIR}/releases`: published files by their SHA-256
 * (`<first two hex>/<sha256>`), uploads awaiting publication in `uploads/<id>`. Kept like the
 * server's secrets and citizens' files (channels/attachments.ts): folders 0700, files 0600 — an
 * installer another local user could replace would be run by every desktop of the organisation.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { chmod, copyFile, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { newId } from '../ids';

const folderMode = 0o700;
const fileMode = 0o600;

export interface Digest {
  size: number;
  /** hex, the storage name */
  sha256: string;
  /** base64, as electron-builder writes it */
  sha512: string;
}

/** Each organisation's uploads apart, so an upload id never reaches another organisation's release. */
function orgFolder(orgId: string): string {
  return createHash('sha256').update(orgId).digest('hex').slice(0, 32);
}

export function releasesDir(dataDir: string): string {
  return path.join(dataDir, 'releases');
}

export class ReleaseFiles {
  constructor(private readonly dir: string) {}

  private async folder(...parts: string[]): Promise<string> {
    const folder = path.join(this.dir, ...parts);
    await mkdir(this.dir, { recursive: true, mode: folderMode });
    await chmod(this.dir, folderMode);
    await mkdir(folder, { recursive: true, mode: folderMode });
    return folder;
  }

  /** Where a published file's bytes are; throws on a name that is not a SHA-256. */
  pathOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('not a stored release file');
    return path.join(this.dir, sha256.slice(0, 2), sha256);
  }

  /** Streams bytes into a new upload; answers its id and digests. At most `maxBytes` are taken. */
  async receive(
    orgId: string,
    source: Readable,
    maxBytes: number,
  ): Promise<{ id: string; digest: Digest } | 'too-large'> {
    const folder = await this.folder('uploads', orgFolder(orgId));
    const id = newId();
    const target = path.join(folder, id);
    const sha256 = createHash('sha256');
    const sha512 = createHash('sha512');
    let size = 0;
    let tooLarge = false;
    source.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes && !tooLarge) {
        tooLarge = true;
        source.destroy(new Error('too large'));
      }
      sha256.update(chunk);
      sha512.update(chunk);
    });
    try {
      await pipeline(source, createWriteStream(target, { mode: fileMode }));
    } catch (error) {
      await rm(target, { force: true });
      if (tooLarge) return 'too-large';
      throw error;
    }
    return { id, digest: { size, sha256: sha256.digest('hex'), sha512: sha512.digest('base64') } };
  }

  /**
   * Removes uploads never published (an administrator who gave up, a refused release) once older
   * than `maxAgeMs`; published files were moved out already. Answers how many were removed.
   */
  async pruneUploads(now: number, maxAgeMs: number): Promise<number> {
    const root = path.join(this.dir, 'uploads');
    let removed = 0;
    for (const org of await readdir(root).catch(() => [] as string[])) {
      for (const name of await readdir(path.join(root, org)).catch(() => [] as string[])) {
        const file = path.join(root, org, name);
        const info = await stat(file).catch(() => null);
        if (info?.isFile() && now - info.mtimeMs > maxAgeMs) {
          await rm(file, { force: true });
          removed++;
        }
      }
    }
    return removed;
  }

  /** An upload of the organisation (another organisation's id finds nothing). */
  uploadPath(orgId: string, id: string): string | null {
    return /^[0-9a-f-]{36}$/.test(id) ? path.join(this.dir, 'uploads', orgFolder(orgId), id) : null;
  }

  /** The digests of a file on disk (the CLI's folder, or an upload). */
  async digestOf(file: string): Promise<Digest> {
    const sha256 = createHash('sha256');
    const sha512 = createHash('sha512');
    let size = 0;
    for await (const chunk of createReadStream(file)) {
      size += (chunk as Buffer).length;
      sha256.update(chunk as Buffer);
      sha512.update(chunk as Buffer);
    }
    return { size, sha256: sha256.digest('hex'), sha512: sha512.digest('base64') };
  }

  /** Files a checked file under its SHA-256 (moved when it is an upload, copied from the CLI's folder). */
  async keep(file: string, digest: Digest, move: boolean): Promise<void> {
    const folder = await this.folder(digest.sha256.slice(0, 2));
    const target = path.join(folder, digest.sha256);
    const exists = await stat(target).then(
      () => true,
      () => false,
    );
    if (exists) {
      if (move) await rm(file, { force: true });
      return;
    }
    const temp = `${target}.${newId()}.part`;
    if (move) await rename(file, temp);
    else await copyFile(file, temp);
    await chmod(temp, fileMode);
    await rename(temp, target);
  }
}
