// The CLI's bundles, made by `npm run prepare` after `tsc -p tsconfig.cli.json`: the compiled
// command (dist-cli/cli/main.js) and its layer worker (dist-cli/cli/layer-worker.js), each
// bundled with what it imports into one file of dist-cli/bundle/, which bin/oci-explorer.js runs.
// Why: Node spent ~85 ms resolving and compiling the CLI's ~150 modules before any work, on
// every command (`--help` took ~0.2 s against Node's own ~0.06 s start); one file loads in
// ~25 ms. The worker is bundled beside the command, where the command looks for it
// (`LAYER_WORKER_SCRIPT`), so the threads of `ls` and `verify` start as fast.
import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const out = resolve(root, 'dist-cli/bundle');
await rm(out, { recursive: true, force: true });
for (const name of ['main', 'layer-worker']) {
  await build({
    input: resolve(root, `dist-cli/cli/${name}.js`),
    platform: 'node',
    logLevel: 'warn',
    output: { file: resolve(out, `${name}.js`), format: 'esm' },
  });
}
