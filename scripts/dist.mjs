// `npm run dist`: the installers of the desktop app (electron-builder.yml) — on Windows the NSIS
// installer, on Linux the AppImage and the deb — with electron-builder's update metadata
// (latest.yml, latest-linux.yml) beside them in release/, ready for `release-upload` (docs/RELEASES.md).
// Arguments go to electron-builder, e.g. `npm run dist -- --win` or `npm run dist -- --linux deb`.
//
// Packaging needs Electron itself, downloaded from GitHub (or ELECTRON_MIRROR) by electron's install
// script and by electron-builder. Where it cannot be — a closed network, ELECTRON_SKIP_BINARY_DOWNLOAD —
// this says so at once instead of failing deep inside electron-builder.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { electronBinary } from './electron-binary.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
// Tests point this at a package folder without a binary.
const packageDir = process.env.OKNO_ELECTRON_PACKAGE_DIR || `${root}node_modules/electron/`;
const say = (message) => console.log(`okno: ${message}`);

if (!electronBinary(packageDir)) {
  const { version } = JSON.parse(readFileSync(`${root}node_modules/electron/package.json`, 'utf8'));
  console.error(
    [
      `okno: npm run dist cannot build installers on this machine: the Electron ${version} binary is not installed`,
      '(node_modules/electron has no downloaded binary — npm ci ran without access to the Electron download,',
      'or with ELECTRON_SKIP_BINARY_DOWNLOAD=1), and electron-builder would need to download it too.',
      'Build the installers on a machine that can reach the download (github.com, or a mirror named in',
      'ELECTRON_MIRROR): run `npm ci` there — or `node node_modules/electron/install.js` once — then `npm run dist`.',
      'Windows installers are built on Windows, the AppImage and the deb on Linux. See docs/RELEASES.md.',
    ].join('\n'),
  );
  process.exit(1);
}

const run = (command, args) => {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};
say('building dist/ (renderer, main, preload) …');
run(process.execPath, [`${root}scripts/build-desktop.mjs`]);
say('packaging with electron-builder (electron-builder.yml) into release/ …');
run(process.execPath, [
  `${root}node_modules/electron-builder/cli.js`,
  '--publish',
  'never',
  ...process.argv.slice(2),
]);
say(
  'done: upload the release/ folder with `npm run server:admin -- release-upload --org <org> --dir release`',
);
