import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinary } from '../../../scripts/electron-binary.mjs';

const root = fileURLToPath(new URL('../../..', import.meta.url));

describe('npm run dist', () => {
  it('fails at once with a clear message on a machine without the Electron binary', () => {
    const empty = mkdtempSync(join(tmpdir(), 'okno-electron-'));
    const result = spawnSync(process.execPath, [join(root, 'scripts/dist.mjs')], {
      cwd: root,
      env: { ...process.env, OKNO_ELECTRON_PACKAGE_DIR: empty },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('npm run dist cannot build installers on this machine');
    expect(result.stderr).toMatch(/the Electron \d+\.\d+\.\d+ binary is not installed/);
    expect(result.stderr).toContain('docs/RELEASES.md');
    expect(result.stdout).not.toContain('packaging');
  });

  it('finds the binary electron’s install script downloaded, and none where it did not', () => {
    const packageDir = mkdtempSync(join(tmpdir(), 'okno-electron-'));
    expect(electronBinary(packageDir)).toBeNull();
    writeFileSync(join(packageDir, 'path.txt'), 'electron');
    expect(electronBinary(packageDir)).toBeNull();
    mkdirSync(join(packageDir, 'dist'));
    writeFileSync(join(packageDir, 'dist', 'electron'), '');
    expect(electronBinary(packageDir)).toBe(join(packageDir, 'dist', 'electron'));
  });
});
