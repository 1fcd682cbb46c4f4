/**
 * A self-signed certificate for 127.0.0.1 and localhost, made once per test process with the
 * system's openssl (P-256, so it takes milliseconds): the test servers' TLS (SMTP STARTTLS) and the
 * `ca` a client trusts it by. Nothing is committed, so nothing expires or leaks a key.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

let made: { key: string; cert: string } | null = null;

export function testCertificate(): { key: string; cert: string } {
  if (made) return made;
  const dir = mkdtempSync(path.join(tmpdir(), 'okno-cert-'));
  try {
    const keyFile = path.join(dir, 'key.pem');
    const certFile = path.join(dir, 'cert.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        keyFile,
        '-out',
        certFile,
        '-days',
        '3650',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=IP:127.0.0.1,DNS:localhost',
      ],
      { stdio: 'ignore' },
    );
    made = { key: readFileSync(keyFile, 'utf8'), cert: readFileSync(certFile, 'utf8') };
    return made;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
