// Type-checks every part of the repository with its own compiler settings,
// so that e.g. a DOM or Node API used in shared/ fails the run.
import { spawnSync } from 'node:child_process';

const parts = ['shared', 'main', 'renderer', 'server', 'tests'];
let failed = false;
for (const part of parts) {
  const started = Date.now();
  const result = spawnSync('tsc', ['-p', `${part}/tsconfig.json`], { stdio: 'inherit', shell: false });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    failed = true;
    console.error(`typecheck: ${part} failed (${seconds}s)`);
  } else {
    console.log(`typecheck: ${part} ok (${seconds}s)`);
  }
}
process.exit(failed ? 1 : 0);
