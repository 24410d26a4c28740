// @vitest-environment jsdom
import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ImageGraph, ImageSummary } from '../../../core/graph/model.ts';
import { createQueryClient } from '../../queries/query-client.ts';
import type { CompareInput } from '../../state/second-image.ts';
import { indexBytesOf, sideArgs, useComparison } from './use-comparison.ts';

const calls: { method: string; args: unknown }[] = [];
let held = false;
vi.mock('../../../worker/client.ts', () => ({
  explorerCompare: () => ({
    call: (method: string, args: unknown) => {
      calls.push({ method, args });
      if (method === 'compareImages') {
        held = true;
        return Promise.resolve({});
      }
      return Promise.resolve(held ? { kind: 'binary' } : null);
    },
  }),
}));

afterEach(cleanup);

const summary = (manifest: string): ImageSummary =>
  ({ manifest, layers: [], config: null }) as unknown as ImageSummary;
const INDEX = new TextEncoder().encode('{"manifests":[]}');
const input: CompareInput = {
  inputKey: 'in',
  name: 'x',
  reference: null,
  blobs: [],
  graph: {
    images: [summary('sha256:a'), summary('sha256:b')],
    edges: [{ from: 'index.json', to: 'sha256:b', role: 'manifests', index: 1 }],
    nodes: new Map([['index.json', { bytes: INDEX }]]),
  } as unknown as ImageGraph,
};

describe('useComparison', () => {
  it('sends each side’s blobs, image and the index listing it', () => {
    expect(sideArgs({ input, manifest: 'sha256:b' })).toMatchObject({
      image: { manifest: 'sha256:b' },
      index: INDEX,
    });
    expect(indexBytesOf(input.graph, 'sha256:a')).toBeNull();
    expect(sideArgs({ input, manifest: 'sha256:nope' })).toBeNull();
  });

  it('compares again before a line diff when the worker holds another comparison', async () => {
    const client = createQueryClient();
    const wrapper = ({ children }: { children: ReactNode }) => (
      <QueryClientProvider client={client}>{children}</QueryClientProvider>
    );
    const a = { input, manifest: 'sha256:a' };
    const b = { input, manifest: 'sha256:b' };
    const { result } = renderHook(() => useComparison(a, b, true), { wrapper });
    const strictKey = result.current.text.key;
    const filtered = renderHook(() => useComparison(a, b, false), { wrapper });
    // The noise filter changes no listing: one key for both.
    expect(filtered.result.current.text.key).toBe(strictKey);
    // The hooks' own comparisons run first; then the worker is made to hold another one.
    await new Promise((r) => setTimeout(r, 10));
    calls.length = 0;
    held = false;
    const r = await result.current.text.read('/etc/x', new AbortController().signal);
    expect(r).toEqual({ kind: 'binary' });
    expect(calls.map((c) => c.method)).toEqual(['compareText', 'compareImages', 'compareText']);
    expect(calls[1]!.args).toMatchObject({ key: strictKey, strict: true });
  });
});
