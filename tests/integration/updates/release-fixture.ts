/**
 * A folder as `npm run dist` leaves it for one version: a Windows installer and its blockmap, an
 * AppImage and a deb, and electron-builder's latest.yml / latest-linux.yml naming their sha512.
 * The installers are random bytes: the server checks checksums and names, never runs them.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface ReleaseFolder {
  dir: string;
  version: string;
  /** the bytes of each file, by name */
  bytes: Record<string, Buffer>;
}

const sha512 = (bytes: Buffer) => createHash('sha512').update(bytes).digest('base64');

function metadata(version: string, files: [string, Buffer][]): string {
  const [main] = files;
  return [
    `version: ${version}`,
    'files:',
    ...files.flatMap(([name, bytes]) => [
      `  - url: ${name}`,
      `    sha512: ${sha512(bytes)}`,
      `    size: ${bytes.length}`,
    ]),
    `path: ${main![0]}`,
    `sha512: ${sha512(main![1])}`,
    "releaseDate: '2026-12-01T10:00:00.000Z'",
    '',
  ].join('\n');
}

/** Writes the folder; `damaged` names a file whose bytes change after latest*.yml was written. */
export function releaseFolder(
  version: string,
  opts: { damaged?: string; channel?: string } = {},
): ReleaseFolder {
  const dir = mkdtempSync(path.join(tmpdir(), `okno-release-${version}-`));
  const exe = `Okno-Setup-${version}.exe`;
  const appImage = `Okno-${version}.AppImage`;
  const deb = `okno_${version}_amd64.deb`;
  const bytes: Record<string, Buffer> = {
    [exe]: randomBytes(70_000),
    [`${exe}.blockmap`]: randomBytes(300),
    [appImage]: randomBytes(50_000),
    [deb]: randomBytes(40_000),
  };
  const channel = opts.channel ?? 'latest';
  const texts: Record<string, string> = {
    [`${channel}.yml`]: metadata(version, [[exe, bytes[exe]!]]),
    [`${channel}-linux.yml`]: metadata(version, [
      [appImage, bytes[appImage]!],
      [deb, bytes[deb]!],
    ]),
  };
  if (opts.damaged) {
    const damaged = Buffer.from(bytes[opts.damaged]!);
    damaged[damaged.length - 1]! ^= 0xff;
    bytes[opts.damaged] = damaged;
  }
  for (const [name, content] of Object.entries(bytes)) writeFileSync(path.join(dir, name), content);
  for (const [name, text] of Object.entries(texts)) writeFileSync(path.join(dir, name), text);
  // electron-builder leaves these beside the installers; the upload ignores them
  writeFileSync(path.join(dir, 'builder-debug.yml'), 'x: 1\n');
  return { dir, version, bytes };
}
