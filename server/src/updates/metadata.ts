/**
 * electron-builder's update metadata (latest.yml, latest-linux.yml, beta.yml…) as the generic
 * provider of electron-updater reads it. Only the shape electron-builder writes is accepted:
 *
 *   version: 1.2.0
 *   files:
 *     - url: Okno-Setup-1.2.0.exe
 *       sha512: <base64 SHA-512>
 *       size: 81234567
 *   path: Okno-Setup-1.2.0.exe
 *   sha512: <base64 SHA-512>
 *   releaseDate: '2026-12-01T10:00:00.000Z'
 *
 * Keys the server does not use (isAdminRightsRequired, blockMapSize, releaseNotes on one line) are
 * ignored; anything else — nested maps, multi-line strings — is refused rather than half-read.
 */

export type Platform = 'win' | 'linux';

export interface MetadataFile {
  name: string;
  sha512: string;
  size: number | null;
}

export interface PlatformMetadata {
  version: string;
  files: MetadataFile[];
  path: string;
  sha512: string;
  releaseDate: string | null;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

/** `latest.yml` → { channel: 'latest', platform: 'win' }; `beta-linux.yml` → beta, linux. */
export function metadataFileName(name: string): { channel: string; platform: Platform } | null {
  const match = /^([a-z][a-z0-9]{0,19})(-linux)?\.yml$/.exec(name);
  if (!match?.[1]) return null;
  return { channel: match[1], platform: match[2] ? 'linux' : 'win' };
}

export function feedFileName(channel: string, platform: Platform): string {
  return platform === 'linux' ? `${channel}-linux.yml` : `${channel}.yml`;
}

const semverPattern =
  /^(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;

export function isVersion(text: string): boolean {
  return text.length <= 64 && semverPattern.test(text);
}

/** Semantic-version order: negative when a < b. Both must pass `isVersion`. */
export function compareVersions(a: string, b: string): number {
  const pa = semverPattern.exec(a);
  const pb = semverPattern.exec(b);
  if (!pa || !pb) throw new Error('not a version');
  for (let i = 1; i <= 3; i++) {
    const diff = Number(pa[i]) - Number(pb[i]);
    if (diff !== 0) return diff;
  }
  const [ra, rb] = [pa[4], pb[4]];
  if (ra === rb) return 0;
  if (ra === undefined) return 1; // a release is above its pre-releases
  if (rb === undefined) return -1;
  const ia = ra.split('.');
  const ib = rb.split('.');
  for (let i = 0; i < Math.max(ia.length, ib.length); i++) {
    const [x, y] = [ia[i], ib[i]];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (x === y) continue;
    const [nx, ny] = [/^\d+$/.test(x), /^\d+$/.test(y)];
    if (nx && ny) return Number(x) - Number(y);
    if (nx !== ny) return nx ? -1 : 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

const base64Sha512 = /^[A-Za-z0-9+/]{86}==$/;
const safeFileName = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;

function scalar(raw: string): string {
  const text = raw.trim();
  if (text.length >= 2 && (text[0] === "'" || text[0] === '"') && text.at(-1) === text[0]) {
    return text.slice(1, -1);
  }
  return text;
}

/** Reads one metadata file; the problem says what an administrator must fix. */
export function parseMetadata(text: string): Parsed<PlatformMetadata> {
  const top: Record<string, string> = {};
  const files: Record<string, string>[] = [];
  let inFiles = false;
  for (const [index, line] of text.replace(/\r\n/g, '\n').split('\n').entries()) {
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const item = /^ {2}- ([A-Za-z0-9]+):(.*)$/.exec(line);
    const inner = /^ {4}([A-Za-z0-9]+):(.*)$/.exec(line);
    const key = /^([A-Za-z0-9]+):(.*)$/.exec(line);
    if (inFiles && item?.[1]) files.push({ [item[1]]: scalar(item[2] ?? '') });
    else if (inFiles && inner?.[1] && files.length > 0) files.at(-1)![inner[1]] = scalar(inner[2] ?? '');
    else if (key?.[1]) {
      inFiles = key[1] === 'files' && (key[2] ?? '').trim() === '';
      if (!inFiles) top[key[1]] = scalar(key[2] ?? '');
    } else return { ok: false, problem: `line ${index + 1} is not electron-builder update metadata` };
  }
  const version = top.version ?? '';
  if (!isVersion(version)) return { ok: false, problem: `version "${version}" is not a semantic version` };
  if (files.length === 0) return { ok: false, problem: 'no files listed' };
  const parsedFiles: MetadataFile[] = [];
  for (const file of files) {
    const name = file.url ?? '';
    if (!safeFileName.test(name))
      return { ok: false, problem: `file name "${name}" must be a plain name (letters, digits, . _ -)` };
    if (!base64Sha512.test(file.sha512 ?? '')) return { ok: false, problem: `${name}: sha512 is missing` };
    const size = file.size === undefined ? null : Number(file.size);
    if (size !== null && !(Number.isSafeInteger(size) && size >= 0))
      return { ok: false, problem: `${name}: size is not a number` };
    parsedFiles.push({ name, sha512: file.sha512!, size });
  }
  const path = top.path ?? parsedFiles[0]!.name;
  const main = parsedFiles.find((file) => file.name === path);
  if (!main) return { ok: false, problem: `path "${path}" is not among the files` };
  return {
    ok: true,
    value: {
      version,
      files: parsedFiles,
      path,
      sha512: main.sha512,
      releaseDate: top.releaseDate ? top.releaseDate.slice(0, 40) : null,
    },
  };
}

/**
 * The metadata a desktop is served: the stored release, with each file's url relative to the feed
 * (`files/<version>/<name>`), so the generic provider fetches the bytes from the same authenticated server.
 */
export function renderMetadata(metadata: PlatformMetadata): string {
  const url = (name: string) => `files/${metadata.version}/${name}`;
  const lines = [`version: ${metadata.version}`, 'files:'];
  for (const file of metadata.files) {
    lines.push(`  - url: ${url(file.name)}`, `    sha512: ${file.sha512}`);
    if (file.size !== null) lines.push(`    size: ${file.size}`);
  }
  lines.push(`path: ${url(metadata.path)}`, `sha512: ${metadata.sha512}`);
  if (metadata.releaseDate) lines.push(`releaseDate: '${metadata.releaseDate.replace(/'/g, '')}'`);
  return `${lines.join('\n')}\n`;
}
