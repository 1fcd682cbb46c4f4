// Where the Electron binary of node_modules/electron is, if it was downloaded: electron's install
// script fetches it at `npm ci`, which machines without access to the download (or with
// ELECTRON_SKIP_BINARY_DOWNLOAD=1) skip. `npm start` (./start.mjs) and `npm run dist` (./dist.mjs) need it.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The executable, or null when the package has none downloaded. */
export function electronBinary(packageDir) {
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const executable = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(executable) ? executable : null;
}
