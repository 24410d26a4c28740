// `npm run bench`: the product's speed beside native tools on the same data, in one run.
// Numbers are medians of 3 runs on whatever machine runs this; the machine may be noisy.
import { readdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { benchImage, repoRoot } from './bench-image.mjs';
import { row, timeCommand } from './timing.mjs';

const img = benchImage();
const cli = `node ${resolve(repoRoot, 'bin/oci-explorer.js')}`;
const blobsDir = resolve(img.layout, 'blobs/sha256');
const blobFiles = readdirSync(blobsDir).map((f) => resolve(blobsDir, f));
const blobBytes = blobFiles.reduce((s, f) => s + statSync(f).size, 0);
const mb = (n) => (n / 1e6).toFixed(1);

console.log(`bench image: ${img.dir}`);
console.log(
  `layout blobs: ${blobFiles.length} files, ${mb(blobBytes)} MB; docker-archive ${mb(statSync(img.dockerArchive).size)} MB\n`,
);

console.log('== inspect (headers only) ==');
for (const [label, path] of [
  ['inspect --json docker-archive', img.dockerArchive],
  ['inspect --json oci-archive', img.ociArchive],
  ['inspect --json oci-layout', img.layout],
]) {
  const t = timeCommand(`${cli} inspect --json ${path} > /dev/null`);
  console.log(row(label, t.ms, null, `peak ${t.peakMb?.toFixed(0) ?? '?'} MB`));
}
const nodeStart = timeCommand('node -e 0');
console.log(row('(node startup alone)', nodeStart.ms, null));

console.log('\n== verify (sha256 of every blob) ==');
const files = blobFiles.join(' ');
const openssl = timeCommand(`openssl dgst -sha256 ${files} > /dev/null`);
const sha256sum = timeCommand(`sha256sum ${files} > /dev/null`);
console.log(
  row(
    'openssl dgst -sha256 (layout blobs)',
    openssl.ms,
    openssl.ms,
    `${mb(blobBytes / (openssl.ms / 1000))} MB/s`,
  ),
);
console.log(
  row(
    'sha256sum (layout blobs)',
    sha256sum.ms,
    openssl.ms,
    `${mb(blobBytes / (sha256sum.ms / 1000))} MB/s`,
  ),
);
const verifyLayout = timeCommand(`${cli} verify ${img.layout} > /dev/null`);
console.log(
  row(
    'oci-explorer verify oci-layout',
    verifyLayout.ms,
    openssl.ms,
    `${mb(blobBytes / (verifyLayout.ms / 1000))} MB/s, peak ${verifyLayout.peakMb?.toFixed(0)} MB`,
  ),
);
const dockerBytes = statSync(img.dockerArchive).size;
const opensslDocker = timeCommand(`openssl dgst -sha256 ${img.dockerArchive} > /dev/null`);
const verifyDocker = timeCommand(`${cli} verify ${img.dockerArchive} > /dev/null`);
console.log(
  row(
    'openssl dgst -sha256 (docker-archive file)',
    opensslDocker.ms,
    opensslDocker.ms,
    `${mb(dockerBytes / (opensslDocker.ms / 1000))} MB/s`,
  ),
);
console.log(
  row(
    'oci-explorer verify docker-archive',
    verifyDocker.ms,
    opensslDocker.ms,
    `peak ${verifyDocker.peakMb?.toFixed(0)} MB`,
  ),
);
console.log(
  '\nGoals: inspect of the docker-archive well under 1 s; verify within 1.25x of openssl.',
);
