import { readFileSync } from 'node:fs';

/** The `electronFuses:` block of electron-builder.yml as a map (flat `name: true|false` lines). */
function fusesOf(yaml: string): Record<string, boolean> {
  const lines = yaml.split('\n');
  const start = lines.indexOf('electronFuses:');
  const fuses: Record<string, boolean> = {};
  for (const line of lines.slice(start + 1)) {
    const match = /^ {2}(\w+): (true|false)\s*$/.exec(line);
    if (!match) break;
    fuses[match[1]!] = match[2] === 'true';
  }
  return fuses;
}

describe('Electron fuses of the packaged app', () => {
  const fuses = fusesOf(readFileSync(new URL('../../electron-builder.yml', import.meta.url), 'utf8'));

  it('finding 12: file:// pages get no extra privileges, and every earlier hardening fuse stays', () => {
    expect(fuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });
});
