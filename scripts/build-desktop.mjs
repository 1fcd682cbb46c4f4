// Builds what the desktop app runs: the renderer (Vite → dist/renderer) and the main process and
// preload (esbuild → dist/main). `node scripts/build-desktop.mjs`, then `npx electron-builder` packages dist/.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));

export async function buildMain() {
  const common = {
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    target: 'node22',
    external: ['electron'],
    sourcemap: true,
    logLevel: 'warning',
  };
  // main.js is ESM (package.json "type": "module"); a sandboxed preload must be a single CommonJS file.
  // electron-updater (bundled) is CommonJS and requires Node's modules: an ES module has no `require`
  // of its own, so the bundle gets one (esbuild's shim uses it).
  await build({
    ...common,
    entryPoints: ['main/main.ts'],
    outfile: 'dist/main/main.js',
    format: 'esm',
    banner: {
      js: "import { createRequire as oknoCreateRequire } from 'node:module'; const require = oknoCreateRequire(import.meta.url);",
    },
  });
  await build({
    ...common,
    entryPoints: ['main/preload.ts'],
    outfile: 'dist/main/preload.cjs',
    format: 'cjs',
  });
}

export function buildRenderer() {
  const vite = fileURLToPath(new URL('../node_modules/vite/bin/vite.js', import.meta.url));
  const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error('the renderer build failed');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  buildRenderer();
  await buildMain();
  console.log('built dist/renderer and dist/main');
}
