// `oci-explorer diff` of the bench image against a variant of it with one changed layer, beside
// what a person would do with native tools: `umoci unpack` of both, then `diff -rq`.
// The variant (bench-data/bench-debian-variant) shares the bench image's other layer blobs
// through symlinks; its top layer is the original with one file's bytes changed (same size),
// one file's mode changed and one file added. Run alone: node scripts/bench/diff.mjs
import { execFileSync, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { sha256, tarHeader } from '../../e2e/oci-writer.mjs';
import { benchImage, repoRoot } from './bench-image.mjs';
import { hasTool, row, timeCommand } from './timing.mjs';

const ADDED = 'usr/share/bench-diff-added.txt';

function octalField(h, at, len) {
  return parseInt(
    h
      .subarray(at, at + len)
      .toString('latin1')
      .replace(/\0.*$/s, '')
      .trim() || '0',
    8,
  );
}

function checksum(h) {
  h.fill(' ', 148, 156);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
}

/** The tar with one regular file's bytes flipped (size kept), one file's mode changed, one file added. */
function changeTar(tar) {
  let off = 0;
  let flipped = null;
  let chmodded = null;
  let pax = false;
  while (off + 512 <= tar.length) {
    const h = tar.subarray(off, off + 512);
    if (h.every((b) => b === 0)) break;
    const size = octalField(h, 124, 12);
    const type = String.fromCharCode(h[156] || 48);
    const data = off + 512;
    const name = h.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '');
    // Members behind PAX or GNU long-name headers are left alone: their names are elsewhere.
    if (type === '0' && !pax && size >= 4096 && size <= 1 << 20) {
      if (!flipped) {
        for (let i = 0; i < 16; i++) tar[data + i] ^= 0xff;
        flipped = name;
      } else if (!chmodded) {
        h.write('0000600\0', 100, 'latin1');
        checksum(h);
        chmodded = name;
      }
    }
    pax = type === 'x' || type === 'L';
    off = data + Math.ceil(size / 512) * 512;
  }
  if (!flipped || !chmodded)
    throw new Error('the bench image top layer has too few files to change');
  const added = Buffer.from('a file only the variant has\n');
  const tail = Buffer.concat([
    tarHeader(ADDED, added.length),
    added,
    Buffer.alloc((512 - (added.length % 512)) % 512),
    Buffer.alloc(1024),
  ]);
  return { tar: Buffer.concat([tar.subarray(0, off), tail]), flipped, chmodded };
}

/** Build (once) the variant layout next to the bench image; returns its path. */
export function diffVariant(img) {
  const out = resolve(img.dir, 'bench-debian-variant');
  if (existsSync(join(out, 'index.json'))) return out;
  const blob = (d) => join(img.layout, 'blobs/sha256', d.slice(7));
  const index = JSON.parse(readFileSync(join(img.layout, 'index.json'), 'utf8'));
  const manifest = JSON.parse(readFileSync(blob(index.manifests[0].digest), 'utf8'));
  const config = JSON.parse(readFileSync(blob(manifest.config.digest), 'utf8'));
  const top = manifest.layers.length - 1;
  const changed = changeTar(gunzipSync(readFileSync(blob(manifest.layers[top].digest))));
  const gz = gzipSync(changed.tar, { level: 6 });
  rmSync(out, { recursive: true, force: true });
  mkdirSync(join(out, 'blobs/sha256'), { recursive: true });
  const put = (bytes) => {
    const d = sha256(bytes);
    writeFileSync(join(out, 'blobs/sha256', d.slice(7)), bytes);
    return d;
  };
  // The unchanged layers are the same files: linked (symlinks to the bench image's blobs), not copied.
  for (const l of manifest.layers.slice(0, top))
    symlinkSync(realpathSync(blob(l.digest)), join(out, 'blobs/sha256', l.digest.slice(7)));
  config.rootfs.diff_ids[top] = sha256(changed.tar);
  const configBytes = Buffer.from(JSON.stringify(config));
  const layers = manifest.layers.map((l, i) =>
    i === top ? { ...l, digest: put(gz), size: gz.length } : l,
  );
  const m2 = {
    ...manifest,
    config: { ...manifest.config, digest: put(configBytes), size: configBytes.length },
    layers,
  };
  const mBytes = Buffer.from(JSON.stringify(m2));
  const i2 = {
    ...index,
    manifests: [{ ...index.manifests[0], digest: put(mBytes), size: mBytes.length }],
  };
  writeFileSync(join(out, 'index.json'), JSON.stringify(i2));
  writeFileSync(join(out, 'oci-layout'), readFileSync(join(img.layout, 'oci-layout')));
  console.error(
    `variant: /${changed.flipped} changed, /${changed.chmodded} mode 0600, /${ADDED} added`,
  );
  return out;
}

/** Print the diff section of the benchmark. */
export async function benchDiff(img) {
  if (!hasTool('umoci')) {
    console.log('\n== diff: SKIPPED, umoci is missing (.ci/run installs it) ==');
    return;
  }
  const variant = diffVariant(img);
  const cli = `node ${resolve(repoRoot, 'bin/oci-explorer.js')}`;
  const work = mkdtempSync(join(tmpdir(), 'oci-explorer-bench-diff-'));
  console.log('\n== diff: the bench image against a variant with one changed layer ==');
  try {
    const a = join(work, 'a');
    const b = join(work, 'b');
    // One run: two unpacks of ~335 MB each are slow, and the machine is shared.
    const native = timeCommand(
      `umoci unpack --image ${img.layout}:latest ${a} >/dev/null && umoci unpack --image ${variant}:latest ${b} >/dev/null && diff -rq --no-dereference ${a}/rootfs ${b}/rootfs > /dev/null`,
      1,
    );
    const nativeOut = spawnSync('diff', ['-rq', '--no-dereference', `${a}/rootfs`, `${b}/rootfs`], {
      encoding: 'utf8',
    });
    execFileSync('rm', ['-rf', a, b]);
    console.log(
      row(
        'umoci unpack of both, then diff -rq --no-dereference (1 run)',
        native.ms,
        native.ms,
        `peak ${native.peakMb?.toFixed(0)} MB`,
      ),
    );
    const mine = timeCommand(
      `${cli} diff ${img.layout} ${variant} --json > ${join(work, 'diff.json')}`,
    );
    console.log(
      row(
        'oci-explorer diff --json (median of 3)',
        mine.ms,
        native.ms,
        `peak ${mine.peakMb?.toFixed(0)} MB`,
      ),
    );
    const files = JSON.parse(readFileSync(join(work, 'diff.json'), 'utf8')).files;
    console.log(`  oci-explorer found: ${files.map((f) => `${f.kind} ${f.path}`).join(', ')}`);
    console.log(`  diff -rq found: ${nativeOut.stdout.trim().split('\n').length} line(s)`);
    console.log(
      `Goal: oci-explorer diff <= 0.5x of the native pair, peak memory growing with files, not bytes.`,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchDiff(benchImage());
