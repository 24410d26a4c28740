// @vitest-environment jsdom
import { renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { TreeModel, type TreeEntry } from '../../../../core/fs/tree-model.ts';
import { applyFilter, compileFilter, type CompiledFilter } from './tree-filter.ts';
import { SYNC_FILTER_LIMIT, useTreeFilter } from './use-tree-filter.ts';

const files = (n: number): TreeEntry[] =>
  Array.from({ length: n }, (_, i) => ({ path: `/dir${i % 50}/file${i}`, type: 'file', size: 1 }));

const small = TreeModel.build(files(500));
const large = TreeModel.build(files(SYNC_FILTER_LIMIT + 5000));

describe('useTreeFilter', () => {
  it.each<[string, TreeModel, boolean]>([
    ['a small tree, at once', small, false],
    ['a large tree, after its slices', large, true],
  ])('filters %s', async (_label, model, sliced) => {
    const compiled = compileFilter('file12')!;
    const { result } = renderHook(() => useTreeFilter(model, compiled));
    expect(result.current.pending).toBe(sliced);
    if (sliced) expect(result.current.filter).toBeNull();
    await waitFor(() => expect(result.current.pending).toBe(false));
    expect(result.current.filter?.matches).toBe(applyFilter(model, compiled).matches);
  });

  it('keeps the last match on the same tree while a new pattern is scanned', async () => {
    const first = compileFilter('file12')!;
    const { result, rerender } = renderHook(
      ({ c }: { c: CompiledFilter | null }) => useTreeFilter(large, c),
      { initialProps: { c: first as CompiledFilter | null } },
    );
    await waitFor(() => expect(result.current.pending).toBe(false));
    const before = result.current.filter;
    rerender({ c: compileFilter('file3')! });
    expect(result.current.pending).toBe(true);
    expect(result.current.filter).toBe(before);
    await waitFor(() => expect(result.current.pending).toBe(false));
    expect(result.current.filter?.matches).toBe(
      applyFilter(large, compileFilter('file3')!).matches,
    );
    rerender({ c: null });
    expect(result.current).toEqual({ filter: null, pending: false });
  });
});
