// Images written at test time (nothing binary is checked in): tar headers, tars, and OCI layouts
// of gzip layers, for the e2e tests and the benchmarks.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const GiB = 1024 ** 3;

/** `sha256:<hex>` of some bytes. */
export const sha256 = (b) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

function octal(n, width) {
  return n.toString(8).padStart(width - 1, '0') + '\0';
}

/**
 * One ustar header block: a regular file (`type` '0') or a folder ('5'); sizes of 8 GiB and more
 * in base-256, as GNU tar writes them.
 * @param {string} name
 * @param {number} size
 * @param {string} [type]
 */
export function tarHeader(name, size, type = '0') {
  const h = Buffer.alloc(512);
  h.write(name, 0, 100, 'utf8');
  h.write(octal(type === '5' ? 0o755 : 0o644, 8), 100);
  h.write(octal(0, 8), 108);
  h.write(octal(0, 8), 116);
  if (size >= 8 * GiB) {
    h[124] = 0x80;
    let v = BigInt(size);
    for (let i = 135; i > 124; i--) {
      h[i] = Number(v & 0xffn);
      v >>= 8n;
    }
  } else h.write(octal(size, 12), 124);
  h.write(octal(1_600_000_000, 12), 136);
  h.fill(' ', 148, 156);
  h.write(type, 156);
  h.write('ustar\0', 257);
  h.write('00', 263);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(octal(sum, 7), 148);
  h[155] = 0x20;
  return h;
}

/**
 * A tar of `files` ([path, bytes]), each padded to a block, with the end-of-archive blocks.
 * @param {[string, Buffer][]} files
 */
export function tarOf(files) {
  const parts = [];
  for (const [path, data] of files)
    parts.push(tarHeader(path, data.length), data, Buffer.alloc((512 - (data.length % 512)) % 512));
  parts.push(Buffer.alloc(1024));
  return Buffer.concat(parts);
}

/**
 * A writer of blobs into `dir/blobs/sha256/`, each named by its digest; returns the digest.
 * @param {string} dir
 */
export function blobWriter(dir) {
  const blobs = join(dir, 'blobs', 'sha256');
  mkdirSync(blobs, { recursive: true });
  return (/** @type {Buffer} */ b) => {
    const digest = sha256(b);
    writeFileSync(join(blobs, digest.slice(7)), b);
    return digest;
  };
}

/**
 * Write an OCI layout of one image into `dir`: its gzip layers given by their bytes (or, for a
 * layer already in `blobs/sha256`, its digest and size) and diff_ids.
 * @param {string} dir
 * @param {{ bytes?: Buffer, digest?: string, size?: number, diffId: string }[]} layers
 */
export function writeLayout(dir, layers) {
  const write = blobWriter(dir);
  const put = (b) => ({ digest: write(b), size: b.length });
  const descs = layers.map((l) => (l.bytes ? put(l.bytes) : { digest: l.digest, size: l.size }));
  const config = put(
    Buffer.from(
      JSON.stringify({
        architecture: 'amd64',
        os: 'linux',
        rootfs: { type: 'layers', diff_ids: layers.map((l) => l.diffId) },
      }),
    ),
  );
  const manifest = put(
    Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config },
        layers: descs.map((d) => ({
          mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
          ...d,
        })),
      }),
    ),
  );
  writeIndex(dir, manifest);
  return manifest.digest;
}

/**
 * Write `oci-layout` and an `index.json` listing one image manifest into `dir`.
 * @param {string} dir
 * @param {{ digest: string, size: number }} manifest
 */
export function writeIndex(dir, manifest) {
  writeFileSync(join(dir, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
  writeFileSync(
    join(dir, 'index.json'),
    JSON.stringify({
      schemaVersion: 2,
      manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', ...manifest }],
    }),
  );
}
