// @vitest-environment jsdom
import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ImageSummary } from '../../core/graph/model.ts';
import { treeModeForNode, useDetailsTab, type DetailsTab } from './linked-selection.ts';

const layer = (hex: string) => ({ descriptor: { digest: { value: `sha256:${hex}` } } });
// Layer b appears twice in this image, as a blob shared by images can; its first place counts.
const image = {
  manifest: 'sha256:m',
  config: { digest: { value: 'sha256:c' } },
  layers: [layer('a'), layer('b'), layer('c1'), layer('b')],
} as unknown as ImageSummary;

describe('treeModeForNode', () => {
  it.each([
    ['a layer shows its own changes', 'sha256:c1', { kind: 'layer', layer: 2 }],
    ['the first layer', 'sha256:a', { kind: 'layer', layer: 0 }],
    ['a repeated blob at its first position', 'sha256:b', { kind: 'layer', layer: 1 }],
    ['the manifest shows the whole filesystem', 'sha256:m', null],
    ['the config leaves the tree alone', 'sha256:c', undefined],
    ['a node of another image leaves it alone', 'sha256:zz', undefined],
  ])('%s', (_name, node, want) => {
    expect(treeModeForNode(node, image)).toEqual(want);
  });
  it('without an image there is nothing to follow', () => {
    expect(treeModeForNode('sha256:a', null)).toBeUndefined();
  });
});

describe('useDetailsTab', () => {
  it.each<[string, { node: string; path: string | null }[], DetailsTab]>([
    ['opens on the node', [{ node: 'a', path: null }], 'node'],
    ['a link with a path opens on the file', [{ node: 'a', path: '/etc' }], 'file'],
    [
      'choosing a file shows the file',
      [
        { node: 'a', path: null },
        { node: 'a', path: '/etc/passwd' },
      ],
      'file',
    ],
    [
      'then choosing a node shows the node',
      [
        { node: 'a', path: null },
        { node: 'a', path: '/etc/passwd' },
        { node: 'b', path: '/etc/passwd' },
      ],
      'node',
    ],
    [
      'the path going away leaves the tab as it was',
      [
        { node: 'a', path: '/etc' },
        { node: 'a', path: null },
      ],
      'file',
    ],
  ])('%s', (_name, steps, want) => {
    const { result, rerender } = renderHook(
      (p: { node: string; path: string | null }) => useDetailsTab(p.node, p.path),
      { initialProps: steps[0]! },
    );
    for (const s of steps.slice(1)) rerender(s);
    expect(result.current[0]).toBe(want);
  });

  it('either stays one click away', () => {
    const { result } = renderHook(() => useDetailsTab('a', '/etc'));
    act(() => result.current[1]('node'));
    expect(result.current[0]).toBe('node');
  });
});
