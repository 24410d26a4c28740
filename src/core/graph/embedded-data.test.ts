import { describe, expect, it } from 'vitest';
import { openFileSet } from '../store/open-input.ts';
import { LayoutBuilder, sha256 } from '../testing/layout-builder.ts';
import { embeddedData } from './embedded-data.ts';
import { loadGraph } from './load-graph.ts';

const enc = new TextEncoder();
const MANIFEST = 'application/vnd.oci.image.manifest.v1+json';

function embedded(text: string, mediaType = 'application/octet-stream') {
  const bytes = enc.encode(text);
  return {
    mediaType,
    digest: sha256(bytes),
    size: bytes.length,
    data: Buffer.from(bytes).toString('base64'),
  };
}

describe('embeddedData', () => {
  it.each([
    // [what, the manifest's layers, its subject, digests expected in order]
    ['nothing embedded', ['plain'], null, []],
    ['a layer', ['one'], null, ['one']],
    ['the same data twice in one document, once', ['one', 'one'], null, ['one']],
    ['a subject too, last', ['one'], 'subject', ['one', 'subject']],
  ] as const)('%s', async (_, layers, subject, want) => {
    const b = new LayoutBuilder();
    const m = b.json(
      {
        schemaVersion: 2,
        mediaType: MANIFEST,
        artifactType: 'application/x-test',
        config: b.blob('{}', 'application/vnd.oci.empty.v1+json'),
        layers: layers.map((l) =>
          l === 'plain' ? b.blob(l, 'application/octet-stream') : embedded(l),
        ),
        ...(subject ? { subject: embedded(subject, MANIFEST) } : {}),
      },
      MANIFEST,
    );
    const graph = await loadGraph(await openFileSet(b.fileSet([m])));
    const found = embeddedData(graph);
    expect(found.map((e) => e.descriptor.digest.value)).toEqual(
      want.map((t) => sha256(enc.encode(t))),
    );
    for (const e of found) expect(e.node.id).toBe(m.digest);
  });

  it('finds data in an index entry', async () => {
    const b = new LayoutBuilder();
    const inner = b.image([[{ path: 'a' }]]);
    const bytes = b.files.get(`blobs/sha256/${inner.digest.slice(7)}`)!;
    const index = b.index([{ ...inner, data: Buffer.from(bytes).toString('base64') }]);
    const graph = await loadGraph(await openFileSet(b.fileSet([index])));
    expect(embeddedData(graph).map((e) => [e.node.id, e.descriptor.digest.value])).toEqual([
      [index.digest, inner.digest],
    ]);
  });
});
