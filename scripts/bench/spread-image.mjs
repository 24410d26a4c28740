// An image whose bytes are spread over several layers of similar size, made from the bench
// image (for `ls` on parallel layers): each large layer is cut at member boundaries into parts
// near a quarter of the image's uncompressed bytes, each part a tar of its own, gzip -6'd by
// node:zlib. Whiteouts stay in their part; the merged tree differs a little, the work does not.
// Built once into `<bench dir>/bench-spread` (about half a minute), reused after.
import { createHash } from 'node:crypto';
import {
  createReadStream,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { resolve } from 'node:path';
import { createGunzip, createGzip } from 'node:zlib';
import { repoRoot } from './bench-image.mjs';

const PARTS = 4;

/** The spread image's layout folder; builds it from the bench image when absent. */
export async function spreadImage(img) {
  const out = resolve(process.env.OCI_BENCH_SPREAD_DIR ?? resolve(img.dir, 'bench-spread'));
  if (existsSync(resolve(out, 'index.json'))) return out;
  console.error(`building the spread image into ${out} (about half a minute)…`);
  const { listLayer } = await import(resolve(repoRoot, 'dist-cli/core/layers/list-layer.js'));
  const { FileBlob } = await import(resolve(repoRoot, 'dist-cli/cli/file-blob.js'));
  const blob = (d) => resolve(img.layout, 'blobs', d.replace(':', '/'));
  const index = JSON.parse(readFileSync(resolve(img.layout, 'index.json'), 'utf8'));
  const manifest = JSON.parse(readFileSync(blob(index.manifests[0].digest), 'utf8'));
  const config = JSON.parse(readFileSync(blob(manifest.config.digest), 'utf8'));
  const tmp = `${out}.partial`;
  mkdirSync(resolve(tmp, 'blobs/sha256'), { recursive: true });

  const listed = [];
  for (const l of manifest.layers) {
    const path = blob(l.digest);
    const listing = await listLayer(FileBlob.of(path, l.size), {
      checkpointEvery: 0,
      diffId: false,
    });
    listed.push({ path, listing });
  }
  const total = listed.reduce((s, l) => s + l.listing.uncompressedSize, 0);
  const layers = [];
  const diffIds = [];
  for (const { path, listing } of listed) {
    const size = listing.uncompressedSize;
    const parts = Math.max(1, Math.round(size / (total / PARTS)));
    // Cut at the member header nearest each k/parts of the layer's bytes.
    const starts = listing.entries.map((e) => e.headerOffset);
    const cuts = [0];
    for (let k = 1; k < parts; k++) {
      const want = (size * k) / parts;
      cuts.push(starts.reduce((a, b) => (Math.abs(b - want) < Math.abs(a - want) ? b : a)));
    }
    cuts.push(size);
    for (const part of await writeParts(path, cuts, tmp)) {
      layers.push({
        mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
        digest: part.digest,
        size: part.size,
      });
      diffIds.push(part.diffId);
    }
  }
  const put = (text) => {
    const bytes = Buffer.from(text);
    const digest = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
    writeFileSync(resolve(tmp, 'blobs', digest.replace(':', '/')), bytes);
    return { digest, size: bytes.length };
  };
  const { history: _history, ...rest } = config;
  const cfg = put(JSON.stringify({ ...rest, rootfs: { type: 'layers', diff_ids: diffIds } }));
  const man = put(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...cfg },
      layers,
    }),
  );
  writeFileSync(
    resolve(tmp, 'index.json'),
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', ...man }],
    }),
  );
  writeFileSync(resolve(tmp, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
  renameSync(tmp, out);
  return out;
}

/** Inflate one layer and write its byte ranges [cuts[i], cuts[i+1]) as gzip layers (tars closed). */
async function writeParts(path, cuts, dir) {
  const parts = [];
  let part = null;
  let at = 0;
  const open = (i) => {
    const gz = createGzip({ level: 6 });
    const raw = createHash('sha256');
    const chunks = [];
    let size = 0;
    gz.on('data', (c) => {
      raw.update(c);
      chunks.push(c);
      size += c.length;
    });
    const ended = new Promise((r) => gz.on('end', r));
    return { i, gz, raw, chunks, diff: createHash('sha256'), ended, size: () => size };
  };
  const close = async (p, last) => {
    // A part cut before the layer's end needs its own end-of-archive marker.
    if (!last) {
      const eoa = Buffer.alloc(1024);
      p.diff.update(eoa);
      p.gz.write(eoa);
    }
    p.gz.end();
    await p.ended;
    const digest = `sha256:${p.raw.digest('hex')}`;
    writeFileSync(resolve(dir, 'blobs', digest.replace(':', '/')), Buffer.concat(p.chunks));
    parts.push({ digest, size: p.size(), diffId: `sha256:${p.diff.digest('hex')}` });
  };
  part = open(0);
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }).pipe(
    createGunzip(),
  )) {
    let off = 0;
    while (off < chunk.length) {
      const end = cuts[part.i + 1];
      const n = Math.min(chunk.length - off, end - at);
      if (n <= 0) {
        await close(part, false);
        part = open(part.i + 1);
        continue;
      }
      const piece = chunk.subarray(off, off + n);
      part.diff.update(piece);
      if (!part.gz.write(piece)) await new Promise((r) => part.gz.once('drain', r));
      off += n;
      at += n;
    }
  }
  await close(part, true);
  return parts;
}
