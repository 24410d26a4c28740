// `npm run test:image`: the checks against Debian's own tools on the large bench image
// (skopeo inspect agreement, verify and a flipped byte, then umoci unpack against ls --json).
// The bench image is built on first use (about 2-3 minutes, as root on Debian).
import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
let failed = false;
for (const script of ['check-bench-image.mjs', 'check-umoci.mjs']) {
  console.log(`\n# ${script}`);
  const r = spawnSync('node', [resolve(here, script)], { stdio: 'inherit' });
  if (r.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
