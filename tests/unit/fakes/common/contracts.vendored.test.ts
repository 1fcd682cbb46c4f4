import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { contractsRoot, repoRoot } from '../../../fakes/common/contracts';

/**
 * The schemas in tests/contracts are copies of published files and must stay verbatim: licensed, sourced,
 * and byte for byte what the team's shared contracts folder holds when a clone sits beside it.
 */
const vendoredRoot = contractsRoot();
const sharedRoot = path.resolve(repoRoot, '..', 'shared', 'contracts');

/** Files of our own in tests/contracts, not copies (see tests/contracts/README.md). */
const ownFiles = new Set(['README.md', '.gitattributes', 'ok/NOTE.txt']);

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

  const sharedPresent = existsSync(sharedRoot);
  const sharedNote = sharedPresent
    ? `match ${sharedRoot} byte for byte`
    : `match ../shared/contracts byte for byte — skipped: ${sharedRoot} does not exist beside this clone`;
  // The default reporter lists no skipped test of a passing file: say it where it is seen.
  if (!sharedPresent) console.info(`vendored schemas: ${sharedNote}`);

  describe.skipIf(!sharedPresent)(sharedNote, () => {
    it.each(vendoredFiles)('%s', (file) => {
      const shared = path.join(sharedRoot, file);
      expect(existsSync(shared), `${file} is not in ${sharedRoot}`).toBe(true);
      expect(readFileSync(path.join(vendoredRoot, file)).equals(readFileSync(shared))).toBe(true);
    });

    it('leave no shared schema file behind', () => {
      const missing = filesUnder(sharedRoot).filter(
        (file) => !ownFiles.has(file) && !existsSync(path.join(vendoredRoot, file)),
      );
      expect(missing).toEqual([]);
    });
  });
});
