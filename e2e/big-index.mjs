// Builds, at test time, an OCI layout whose index.json lists many image manifests (10,000 by
// default): each its own manifest blob (they differ by an annotation) over one shared config and
// one small shared layer, as a registry mirror's index of many tags would. Nothing binary is
// checked in. `node e2e/big-index.mjs [count]` prints the folder it wrote.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { blobWriter, sha256, tarHeader } from './oci-writer.mjs';

const sha = sha256;

const PLATFORMS = [
  { os: 'linux', architecture: 'amd64' },
  { os: 'linux', architecture: 'arm64', variant: 'v8' },
  { os: 'linux', architecture: 's390x' },
  { os: 'linux', architecture: 'ppc64le' },
];

/** Write the layout into a fresh temp folder; returns its path and the manifests' digests. */
export function buildBigIndex(count = 10_000) {
  const dir = mkdtempSync(join(tmpdir(), 'oci-big-index-'));
  const put = blobWriter(dir);
  const body = Buffer.from('hello from a big index\n');
  const tar = Buffer.concat([
    tarHeader('hello.txt', body.length),
    body,
    Buffer.alloc(512 - body.length),
    Buffer.alloc(1024),
  ]);
  const layer = gzipSync(tar);
  const layerDigest = put(layer);
  const config = Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      rootfs: { type: 'layers', diff_ids: [sha(tar)] },
      history: [{ created: '2024-01-01T00:00:00Z', created_by: 'ADD hello.txt /' }],
    }),
  );
  const configDigest = put(config);
  const manifests = [];
  for (let i = 0; i < count; i++) {
    const m = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        config: {
          mediaType: 'application/vnd.oci.image.config.v1+json',
          digest: configDigest,
          size: config.length,
        },
        layers: [
          {
            mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
            digest: layerDigest,
            size: layer.length,
          },
        ],
        annotations: { 'org.opencontainers.image.version': `1.0.${i}` },
      }),
    );
    manifests.push({
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      digest: put(m),
      size: m.length,
      platform: PLATFORMS[i % PLATFORMS.length],
      annotations: { 'org.opencontainers.image.ref.name': `v1.0.${i}` },
    });
  }
  writeFileSync(join(dir, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
  writeFileSync(
    join(dir, 'index.json'),
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests,
    }),
  );
  return { dir, manifests: manifests.map((m) => m.digest), configDigest, layerDigest };
}

if (import.meta.url === `file://${process.argv[1]}`)
  console.log(buildBigIndex(Number(process.argv[2] ?? 10_000)).dir);
