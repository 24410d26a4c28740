import { describe, expect, it } from 'vitest';
import { loadGraph } from '../graph/load-graph.ts';
import { openFileSet } from '../store/open-input.ts';
import { LayoutBuilder, sha256, type DescriptorJson } from '../testing/layout-builder.ts';
import { verifyBlobs } from './verify-blobs.ts';

const FILE = [{ path: 'etc/hostname', content: 'box\n' }];

async function verify(b: LayoutBuilder, manifests: DescriptorJson[]) {
  const input = await openFileSet(b.fileSet(manifests));
  return verifyBlobs(await loadGraph(input), input.store);
}

describe('verifyBlobs', () => {
  it('verifies every stored blob of a clean layout', async () => {
    const b = new LayoutBuilder();
    const { checks, problems } = await verify(b, [b.image([FILE])]);
    expect(problems).toEqual([]);
    expect(checks.map((c) => c.state)).toEqual(['verified', 'verified', 'verified']);
    for (const c of checks) expect(c.got).toBe(c.digest);
  });

  it('names a blob whose bytes changed, at its digest', async () => {
    const b = new LayoutBuilder();
    const m = b.image([FILE]);
    const layer = b.blob('not the layer', 'application/octet-stream');
    b.corrupt(layer, 'changed');
    const { checks, problems } = await verify(b, [m]);
    const bad = checks.find((c) => c.digest === layer.digest)!;
    expect([bad.state, bad.got]).toEqual(['mismatch', sha256(new TextEncoder().encode('changed'))]);
    expect(problems.map((p) => [p.code, p.where])).toEqual([['digest-mismatch', layer.digest]]);
  });

  it('skips the blobs it is told another pass checked', async () => {
    const b = new LayoutBuilder();
    const m = b.image([FILE]);
    const input = await openFileSet(b.fileSet([m]));
    const { checks } = await verifyBlobs(await loadGraph(input), input.store, {
      skip: new Set([m.digest]),
    });
    expect(checks.map((c) => c.digest)).not.toContain(m.digest);
    expect(checks).toHaveLength(2);
  });

  it.each([
    // [what, the data, the descriptor's size, codes]
    ['matching data', 'hello', 5, []],
    ['data of another length', 'hello', 4, ['data-size-mismatch']],
  ] as const)('checks embedded data: %s', async (_, data, size, codes) => {
    const b = new LayoutBuilder();
    const bytes = new TextEncoder().encode(data);
    const embedded = {
      mediaType: 'application/octet-stream',
      digest: sha256(bytes),
      size,
      data: Buffer.from(bytes).toString('base64'),
    };
    const m = b.json(
      {
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        artifactType: 'application/x-test',
        config: b.blob('{}', 'application/vnd.oci.empty.v1+json'),
        layers: [embedded],
      },
      'application/vnd.oci.image.manifest.v1+json',
    );
    const { problems } = await verify(b, [m]);
    expect(problems.map((p) => p.code)).toEqual(codes);
  });

  it("checks a subject's embedded data too", async () => {
    const b = new LayoutBuilder();
    const wrong = new TextEncoder().encode('not what the digest says');
    const subject = {
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      digest: `sha256:${'0'.repeat(64)}`,
      size: wrong.length,
      data: Buffer.from(wrong).toString('base64'),
    };
    const m = b.json(
      {
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        artifactType: 'application/x-test',
        config: b.blob('{}', 'application/vnd.oci.empty.v1+json'),
        layers: [b.blob('x', 'application/octet-stream')],
        subject,
      },
      'application/vnd.oci.image.manifest.v1+json',
    );
    const { problems } = await verify(b, [m]);
    expect(problems.map((p) => [p.code, p.where])).toEqual([
      ['data-digest-mismatch', `${m.digest} (data of ${subject.digest})`],
    ]);
  });
});
