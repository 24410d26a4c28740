// End-to-end check on the large bench image, against Debian's own tools (skopeo, later umoci):
// `inspect --json` must agree with `skopeo inspect --raw` / `--config --raw` for the OCI layout,
// the oci-archive and the docker-archive; `verify` must pass, and fail naming the blob when one
// byte of one layer is flipped. Run by .ci/run; needs root on Debian (it installs skopeo).
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  mkdtempSync,
  openSync,
  readSync,
  rmSync,
  writeSync,
  closeSync,
  readdirSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { benchImage, repoRoot } from './bench/bench-image.mjs';

const cli = resolve(repoRoot, 'bin/oci-explorer.js');
let failures = 0;
const check = (ok, what) => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures++;
};
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

function ensureTool(cmd, pkg) {
  if (spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0) return;
  console.log(`installing ${pkg} (apt-get)…`);
  execFileSync('sh', ['-c', `apt-get update -qq && apt-get install -y -qq ${pkg} >/dev/null`], {
    stdio: 'inherit',
  });
}

function ours(args) {
  const r = spawnSync('node', [cli, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function skopeo(args) {
  return execFileSync('skopeo', ['--insecure-policy', ...args], { maxBuffer: 1 << 28 });
}

ensureTool('skopeo', 'skopeo');
const img = benchImage();

for (const [label, path, ref] of [
  ['oci-layout', img.layout, `oci:${img.layout}`],
  ['oci-archive', img.ociArchive, `oci-archive:${img.ociArchive}`],
  ['docker-archive', img.dockerArchive, `docker-archive:${img.dockerArchive}`],
]) {
  const mine = JSON.parse(ours(['inspect', '--json', path]).out);
  const rawManifest = skopeo(['inspect', '--raw', ref]);
  const manifest = JSON.parse(rawManifest.toString('utf8'));
  const config = JSON.parse(skopeo(['inspect', '--config', '--raw', ref]).toString('utf8'));
  const im = mine.images[0];
  check(mine.images.length === 1, `${label}: one image (got ${mine.images.length})`);
  check(mine.format === label, `${label}: format detected as ${mine.format}`);
  if (label !== 'docker-archive') {
    const digest = `sha256:${createHash('sha256').update(rawManifest).digest('hex')}`;
    check(
      im.manifest === digest,
      `${label}: manifest digest ${im.manifest} = sha256 of skopeo's raw manifest`,
    );
  }
  check(im.config.digest === manifest.config.digest, `${label}: config digest ${im.config.digest}`);
  check(
    same(
      im.layers.map((l) => [l.digest, l.size]),
      manifest.layers.map((l) => [l.digest, l.size]),
    ),
    `${label}: ${im.layers.length} layer digests and sizes agree with skopeo`,
  );
  if (label !== 'docker-archive') {
    check(
      same(
        im.layers.map((l) => l.mediaType),
        manifest.layers.map((l) => l.mediaType),
      ),
      `${label}: layer media types agree`,
    );
  }
  check(
    same(
      im.layers.map((l) => l.diffId),
      config.rootfs.diff_ids,
    ),
    `${label}: diff_ids agree with skopeo's config`,
  );
  check(
    im.platform === null || im.platform.startsWith(`${config.os}/${config.architecture}`),
    `${label}: platform ${im.platform}`,
  );
  check(
    mine.problems.filter((p) => p.severity === 'error').length === 0,
    `${label}: no errors reported`,
  );
  const v = ours(['verify', path]);
  check(v.code === 0, `${label}: verify exits 0 (got ${v.code})`);
}

// Flip one byte in the middle of the largest layer of a copy of the layout.
const tmp = mkdtempSync(join(tmpdir(), 'oci-explorer-flip-'));
try {
  const copy = join(tmp, 'layout');
  cpSync(img.layout, copy, { recursive: true });
  const blobs = join(copy, 'blobs/sha256');
  const largest = readdirSync(blobs)
    .map((f) => /** @type {[string, number]} */ ([f, statSync(join(blobs, f)).size]))
    .sort((a, b) => b[1] - a[1])[0];
  const file = join(blobs, largest[0]);
  const fd = openSync(file, 'r+');
  const at = Math.floor(largest[1] / 2);
  const b = Buffer.alloc(1);
  readSync(fd, b, 0, 1, at);
  b[0] ^= 0xff;
  writeSync(fd, b, 0, 1, at);
  closeSync(fd);
  const v = ours(['verify', copy]);
  check(v.code === 1, `flipped byte: verify exits 1 (got ${v.code})`);
  check(
    /digest-mismatch .*want sha256:[0-9a-f]{64}, got sha256:[0-9a-f]{64}/.test(v.out) &&
      v.out.split('\n').some((l) => l.includes('digest-mismatch') && l.includes(largest[0])),
    `flipped byte: verify names sha256:${largest[0].slice(0, 12)}… with want / got`,
  );
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

console.log(
  failures === 0
    ? '\nbench image: all checks passed'
    : `\nbench image: ${failures} check(s) failed`,
);
process.exit(failures === 0 ? 0 : 1);
