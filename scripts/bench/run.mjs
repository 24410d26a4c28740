// `npm run bench`: the product's speed beside native tools on the same data, in one run.
// Numbers are medians of 3 runs on whatever machine runs this; the machine may be noisy.
import { readdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { benchImage, repoRoot } from './bench-image.mjs';
import { benchLayers } from './layers.mjs';
import { row, timeCommand } from './timing.mjs';

const img = benchImage();
const cli = `node ${resolve(repoRoot, 'bin/oci-explorer.js')}`;
const blobsDir = resolve(img.layout, 'blobs/sha256');
const files = readdirSync(blobsDir).map((f) => resolve(blobsDir, f));
const blobBytes = files.reduce((s, f) => s + statSync(f).size, 0);
const dockerBytes = statSync(img.dockerArchive).size;
const mb = (n) => (n / 1e6).toFixed(1);
const rate = (bytes, t) => `${mb(bytes / (t.ms / 1000))} MB/s`;
const peak = (t) => `peak ${t.peakMb?.toFixed(0) ?? '?'} MB`;
const all = files.join(' ');

console.log(`bench image: ${img.dir}`);
console.log(
  `layout blobs: ${files.length} files, ${mb(blobBytes)} MB; docker-archive ${mb(dockerBytes)} MB\n`,
);

console.log('== inspect (headers only) ==');
const nodeStart = timeCommand('node -e 0');
console.log(row('(node startup alone)', nodeStart.ms, null));
for (const [label, path] of [
  ['inspect --json docker-archive', img.dockerArchive],
  ['inspect --json oci-archive', img.ociArchive],
  ['inspect --json oci-layout', img.layout],
]) {
  const t = timeCommand(`${cli} inspect --json ${path} > /dev/null`);
  console.log(row(label, t.ms, null, peak(t)));
}

console.log('\n== verify --blobs-only (sha256 of every blob) ==');
const openssl = timeCommand(`openssl dgst -sha256 ${all} > /dev/null`);
const sha256sum = timeCommand(`sha256sum ${all} > /dev/null`);
const blobsOnly = timeCommand(`${cli} verify --blobs-only ${img.layout} > /dev/null`);
console.log(
  row('openssl dgst -sha256 (layout blobs)', openssl.ms, openssl.ms, rate(blobBytes, openssl)),
);
console.log(row('sha256sum (layout blobs)', sha256sum.ms, openssl.ms, rate(blobBytes, sha256sum)));
console.log(
  row(
    'oci-explorer verify --blobs-only oci-layout',
    blobsOnly.ms,
    openssl.ms,
    `${rate(blobBytes, blobsOnly)}, ${peak(blobsOnly)}`,
  ),
);
console.log(row('  the same minus node startup', blobsOnly.ms - nodeStart.ms, openssl.ms));
const opensslDocker = timeCommand(`openssl dgst -sha256 ${img.dockerArchive} > /dev/null`);
const blobsOnlyDocker = timeCommand(`${cli} verify --blobs-only ${img.dockerArchive} > /dev/null`);
console.log(
  row(
    'openssl dgst -sha256 (docker-archive file)',
    opensslDocker.ms,
    opensslDocker.ms,
    rate(dockerBytes, opensslDocker),
  ),
);
console.log(
  row(
    'oci-explorer verify --blobs-only docker-archive',
    blobsOnlyDocker.ms,
    opensslDocker.ms,
    peak(blobsOnlyDocker),
  ),
);

console.log('\n== verify (digests, and every layer decompressed for its diff_id) ==');
// The goal's reference (issue 13): what a user would run to check digests and diff_ids.
const nativeGoal = timeCommand(
  `openssl dgst -sha256 ${all} > /dev/null; for f in ${all}; do gzip -dc $f 2>/dev/null | sha256sum > /dev/null; done`,
);
const nativeFull = timeCommand(
  `openssl dgst -sha256 ${all} > /dev/null; for f in ${all}; do gzip -dc $f 2>/dev/null | openssl dgst -sha256 > /dev/null; done`,
);
const full = timeCommand(`${cli} verify ${img.layout} > /dev/null`);
console.log(row('openssl dgst, then gzip -dc | sha256sum per blob', nativeGoal.ms, nativeGoal.ms));
console.log(
  row('openssl dgst, then gzip -dc | openssl dgst per blob', nativeFull.ms, nativeGoal.ms),
);
console.log(
  row(
    'oci-explorer verify oci-layout (one pass per layer)',
    full.ms,
    nativeGoal.ms,
    `${peak(full)}; goal <= 1.00x; ${(full.ms / nativeFull.ms).toFixed(2)}x the openssl pipe`,
  ),
);
console.log(
  '\nGoals: inspect of the docker-archive well under 1 s; verify --blobs-only within 1.25x of openssl.',
);

await benchLayers(img);
// `--cli`: the CLI's sections only (inspect, verify, layers), without the browser's.
if (process.argv.includes('--cli')) process.exit(0);
// The app in Chromium on the bench image: listed and verified beside the CLI in the same run.
await (await import('../../e2e/bench-app.mjs')).printApp(img.layout, { runs: 5 });
await (await import('./diff.mjs')).benchDiff(img);
// The inflaters themselves on the largest layer: in Node, then in a Chromium worker.
const { benchInflate, largestLayer } = await import('./inflate.mjs');
await benchInflate(img);
// Five alternating runs: the ratio moves ±15 % between runs of three on a 2-core machine.
await (
  await import('../../e2e/bench-inflate.mjs')
).printInflateBrowser(largestLayer(img.layout), {
  runs: 5,
});
await (await import('./js-untar.mjs')).benchJsUntar();
// (built by the app's section above)
await (await import('../../e2e/bench-fs.mjs')).benchFilesystem(img.layout, { build: false });
await (await import('../../e2e/bench-hostile.mjs')).benchHostile();
await (await import('../../e2e/bench-registry.mjs')).benchRegistry(img.layout);
// An index of 10,000 manifests: drop → graph visible, and the longest main-thread task.
await (await import('../../e2e/bench-big-index.mjs')).benchBigIndex({ build: false });
