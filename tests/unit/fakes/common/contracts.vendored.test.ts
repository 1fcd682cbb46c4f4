import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { contractsRoot } from '../../../fakes/common/contracts';

/**
 * The schemas in tests/contracts are copies of published files and must stay verbatim: licensed, sourced,
 * and byte for byte the published files, as recorded in tests/contracts/SHA256SUMS when they were vendored.
 */
const vendoredRoot = contractsRoot();

/** Files of our own in tests/contracts, not copies (see tests/contracts/README.md). */
const ownFiles = new Set(['README.md', '.gitattributes', 'SHA256SUMS', 'ok/NOTE.txt']);

function filesUnder(root: string, dir = ''): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = dir ? `${dir}/${entry.name}` : entry.name;
    return entry.isDirectory() ? filesUnder(root, relative) : [relative];
  });
}

const vendoredFiles = filesUnder(vendoredRoot).filter((file) => !ownFiles.has(file));
const schemaFolders = readdirSync(vendoredRoot).filter(
  (name) =>
    statSync(path.join(vendoredRoot, name)).isDirectory() &&
    filesUnder(vendoredRoot, name).some((file) => file.endsWith('.json')),
);

describe('vendored schemas', () => {
  it('are the published schemas of VK, Telegram and MAX; OK publishes none', () => {
    expect(schemaFolders.sort()).toEqual(['max', 'telegram', 'vk']);
    expect(filesUnder(vendoredRoot, 'ok')).toEqual(['ok/NOTE.txt']);
  });

  it.each(schemaFolders)(
    '%s/ carries the upstream LICENSE and a SOURCE.txt naming repository and commit',
    (folder) => {
      const license = readFileSync(path.join(vendoredRoot, folder, 'LICENSE'), 'utf8');
      expect(license).toMatch(/MIT License|unlicense\.org/);
      const source = readFileSync(path.join(vendoredRoot, folder, 'SOURCE.txt'), 'utf8');
      const repository = source.match(/github\.com\/[\w.-]+\/[\w.-]+/)?.[0];
      const commit = source.match(/\b[0-9a-f]{40}\b/)?.[0];
      expect(repository, 'SOURCE.txt names the GitHub repository').toBeDefined();
      expect(commit, 'SOURCE.txt names the commit').toBeDefined();
      const readme = readFileSync(path.join(vendoredRoot, 'README.md'), 'utf8');
      expect(readme).toContain(repository);
      expect(readme).toContain(commit);
    },
  );

  // SHA256SUMS was written from the published copies when they were vendored (sha256sum format, so
  // `cd tests/contracts && sha256sum -c SHA256SUMS` checks it too): an edited or reformatted schema fails.
  const manifest = readFileSync(path.join(vendoredRoot, 'SHA256SUMS'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => {
      const [hash = '', file = ''] = line.split(/\s+\*?/, 2);
      return { hash, file };
    });

  it('SHA256SUMS lists every vendored file and nothing else', () => {
    expect(manifest.map((entry) => entry.file).sort()).toEqual([...vendoredFiles].sort());
  });

  it.each(manifest)('$file is byte for byte the published copy', ({ hash, file }) => {
    const actual = createHash('sha256')
      .update(readFileSync(path.join(vendoredRoot, file)))
      .digest('hex');
    expect(actual).toBe(hash);
  });
});
