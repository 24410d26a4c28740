// Builds a larger OCI layout at test time (nothing binary is checked in): one gzip layer of many
// small files plus a second layer that rewrites some, so indexing takes long enough for the
// long-task observer to mean something.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { blobWriter, sha256, tarHeader } from './oci-writer.mjs';

/** A tar of `files` ([path, Buffer]) with their parent directories. */
function makeTar(files) {
  const parts = [];
  const dirs = new Set();
  for (const [path, data] of files) {
    const segs = path.split('/');
    for (let i = 1; i < segs.length; i++) {
      const d = `${segs.slice(0, i).join('/')}/`;
      if (!dirs.has(d)) {
        dirs.add(d);
        parts.push(tarHeader(d, 0, '5'));
      }
    }
    parts.push(tarHeader(path, data.length), data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  parts.push(Buffer.alloc(1024));
  return Buffer.concat(parts);
}

/** Deterministic text that compresses like real files (not trivially). */
function text(n, seed) {
  const b = Buffer.alloc(n);
  let x = seed | 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    b[i] = 97 + ((x >>> 0) % 16);
  }
  return b;
}

const sha = sha256;

/** Write the layout into a fresh temp folder (`files` spread over `dirs` folders); returns its path and facts. */
export function buildSyntheticImage({ files = 12_000, fileSize = 2_500, dirs = 97 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'oci-e2e-'));
  const put = blobWriter(dir);
  const base = [];
  for (let i = 0; i < files; i++)
    base.push([`usr/share/data/d${i % dirs}/file-${i}.txt`, text(fileSize, i + 1)]);
  const tar1 = makeTar(base);
  const tar2 = makeTar(base.slice(0, 500).map(([p], i) => [p, text(fileSize, 100_000 + i)]));
  const layers = [tar1, tar2].map((t) => {
    const gz = gzipSync(t, { level: 1 });
    return { diffId: sha(t), digest: put(gz), size: gz.length };
  });
  const config = Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      config: { Env: ['PATH=/usr/bin:/bin'], Cmd: ['/bin/sh'], WorkingDir: '/srv' },
      rootfs: { type: 'layers', diff_ids: layers.map((l) => l.diffId) },
      history: [
        { created: '2024-01-01T00:00:00Z', created_by: 'ADD data /usr/share/data' },
        {
          created: '2024-01-01T00:00:01Z',
          created_by: 'ENV PATH=/usr/bin:/bin',
          empty_layer: true,
        },
        { created: '2024-01-01T00:00:02Z', created_by: 'RUN regenerate 500 files' },
      ],
    }),
  );
  const configDigest = put(config);
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: {
        mediaType: 'application/vnd.oci.image.config.v1+json',
        digest: configDigest,
        size: config.length,
      },
      layers: layers.map((l) => ({
        mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
        digest: l.digest,
        size: l.size,
      })),
    }),
  );
  const manifestDigest = put(manifest);
  writeFileSync(join(dir, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
  writeFileSync(
    join(dir, 'index.json'),
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: [
        {
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          digest: manifestDigest,
          size: manifest.length,
          annotations: { 'org.opencontainers.image.ref.name': 'synthetic' },
        },
      ],
    }),
  );
  return { dir, manifestDigest, configDigest, layers, uncompressed: tar1.length + tar2.length };
}
