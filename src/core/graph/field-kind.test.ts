import { describe, expect, it } from 'vitest';
import { fieldKindOfNode } from './field-kind.ts';
import type { GraphNode } from './model.ts';

const node = (over: Partial<GraphNode>): GraphNode => ({
  id: 'sha256:x',
  kind: 'manifest',
  mediaType: 'application/vnd.oci.image.manifest.v1+json',
  digest: 'sha256:x',
  size: 1,
  present: true,
  synthesized: false,
  source: null,
  bytes: null,
  document: null,
  labels: [],
  problems: [],
  ...over,
});

describe('fieldKindOfNode', () => {
  it.each([
    ['index.json', node({ kind: 'top', id: 'index.json' }), 'index'],
    ['manifest.json', node({ kind: 'top', id: 'manifest.json' }), 'docker-archive-manifest'],
    ['repositories', node({ kind: 'top', id: 'repositories' }), 'docker-repositories'],
    ['an index', node({ kind: 'index' }), 'index'],
    ['a manifest', node({ kind: 'manifest' }), 'manifest'],
    ['schema 1', node({ kind: 'manifest', labels: ['schema1'] }), 'manifest-schema1'],
    [
      'an image config',
      node({ kind: 'config', document: { kind: 'config' } as GraphNode['document'] }),
      'config',
    ],
    ['an artifact config that is not one', node({ kind: 'config' }), null],
    ['a layer', node({ kind: 'layer' }), null],
    ['a blob', node({ kind: 'blob' }), null],
  ] as const)('%s', (_n, n, want) => {
    expect(fieldKindOfNode(n)).toBe(want);
  });
});
