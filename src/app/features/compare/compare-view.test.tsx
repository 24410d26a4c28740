// @vitest-environment jsdom
import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FileDiff, FileSide, ImageDiff } from '../../../core/diff/types.ts';
import type { ImageGraph, ImageSummary } from '../../../core/graph/model.ts';
import type { CompareResult } from '../../../worker/compare-session.ts';
import type { CompareInput } from '../../state/second-image.ts';
import { createQueryClient } from '../../queries/query-client.ts';
import { renderWithClient } from '../../testing/render.tsx';
import { CompareView } from './compare-view.tsx';
import { DocumentsDiff } from './documents-diff.tsx';
import { FilesDiff } from './files-diff.tsx';
import { LayersDiff } from './layers-diff.tsx';
import { TextDiff } from './text-diff.tsx';
import { comparisonKey, type CompareSide } from './use-comparison.ts';

afterEach(cleanup);

/** A text reader whose results the tests seed under the key `k` (reading is never reached). */
const TEXT = { key: 'k', read: () => Promise.reject(new Error('not seeded')) };

type Client = ReturnType<typeof createQueryClient>;

/** Render with a query client seeded first (results the worker would have sent). */
function renderSeeded(seed: (c: Client) => void, ui: ReactNode) {
  const client = createQueryClient();
  seed(client);
  const r = render(<QueryClientProvider client={client}>{ui}</QueryClientProvider>);
  return {
    ...r,
    client,
    rerender: (next: ReactNode) =>
      r.rerender(<QueryClientProvider client={client}>{next}</QueryClientProvider>),
  };
}

// A name built to hurt: a right-to-left override, an escape sequence, and markup.
const HOSTILE = '/etc/evil\u202etxt.exe\x1b[2J<img src=x onerror=alert(1)>';

const side = (over: Partial<FileSide> = {}): FileSide => ({
  type: 'file',
  size: 10,
  mode: 0o644,
  uid: 0,
  gid: 0,
  layer: 0,
  mtime: 0,
  ...over,
});

const FILES: FileDiff[] = [
  {
    kind: 'content',
    path: '/etc/hostname',
    a: side({ sha256: 'a'.repeat(64) }),
    b: side({ sha256: 'b'.repeat(64), layer: 2 }),
  },
  { kind: 'metadata', path: '/bin/sh', a: side(), b: side({ mode: 0o700 }), fields: ['mode'] },
  { kind: 'added', path: '/opt/big', b: side({ size: 5000 }) },
  { kind: 'removed', path: HOSTILE, a: side({ size: 3 }) },
];

const DIFF: ImageDiff = {
  equal: false,
  documents: {
    manifest: [
      { op: 'changed', pointer: '/layers/1/digest', a: 'sha256:1', b: 'sha256:2', noise: false },
    ],
    config: [
      { op: 'changed', pointer: '/created', a: '2024', b: '2025', noise: true },
      { op: 'added', pointer: '/config/Env/1', b: HOSTILE, noise: false },
    ],
  },
  layers: {
    shared: [{ digest: 'sha256:base', size: 1000, index: 0 }],
    sameBlobs: ['sha256:base', 'sha256:moved'],
    aAfter: [{ digest: 'sha256:moved', size: 200, index: 1 }],
    bAfter: [
      { digest: 'sha256:b1', size: 300, index: 1 },
      { digest: 'sha256:b2', size: 400, index: 2 },
    ],
    bytesAfterA: 200,
    bytesAfterB: 700,
  },
  files: FILES,
  dirs: [
    { path: '/opt', bytesA: 0, bytesB: 5000, delta: 5000 },
    { path: '/etc', bytesA: 13, bytesB: 10, delta: -3 },
  ],
};

/** Nothing from an image became a link, a script or an image; control characters are marked. */
function expectInert(root: HTMLElement): void {
  expect(root.querySelectorAll('a, script, img, iframe')).toHaveLength(0);
  expect(root.querySelectorAll('.j-esc').length).toBeGreaterThan(0);
  expect(root.textContent).not.toContain('\u202e');
  expect(root.textContent).toContain('\\u202e');
}

describe('DocumentsDiff', () => {
  it('lists changed fields side by side, hides the noise with a count, and says "same blob"', () => {
    const { container } = renderWithClient(
      <DocumentsDiff
        documents={DIFF.documents}
        digests={{
          index: { a: null, b: null, same: false },
          manifest: { a: 'sha256:m1', b: 'sha256:m2', same: false },
          config: { a: 'sha256:c', b: 'sha256:c', same: true },
        }}
      />,
    );
    const config = screen.getByRole('region', { name: 'Config' });
    expect(within(config).getByText(/same blob/)).toBeTruthy();
    expect(within(config).queryByText('/created')).toBeNull();
    expect(within(config).getByText(/1 more hidden by the noise filter/)).toBeTruthy();
    const row = within(config).getByRole('row', { name: /\/config\/Env\/1/ });
    expect(row.className).toBe('cmp-op-added');
    const manifest = screen.getByRole('region', { name: 'Manifest' });
    expect(within(manifest).getByText('"sha256:1"')).toBeTruthy();
    expect(within(manifest).getByText('"sha256:2"')).toBeTruthy();
    // No index on either side: no index section.
    expect(screen.queryByRole('region', { name: 'Index' })).toBeNull();
    expectInert(container);
  });
});

describe('LayersDiff', () => {
  it('names the common base, what each side adds after it, and the growth', () => {
    renderWithClient(<LayersDiff layers={DIFF.layers} />);
    expect(screen.getByTestId('layers-summary').textContent).toMatch(
      /common base of 1 layer \(1.00 kB\).*A adds 1 \(200 B\) and B adds 2 \(700 B\): \+500 B/,
    );
    const a = screen.getByRole('region', { name: 'A after the base' });
    expect(within(a).getByText(/same blob/)).toBeTruthy();
    const b = screen.getByRole('region', { name: 'B after the base' });
    expect(within(b).getAllByRole('row')).toHaveLength(3);
    expect(within(b).queryByText(/same blob/)).toBeNull();
  });
});

describe('FilesDiff', () => {
  const renderFiles = (selected: string | null, onSelect = vi.fn()) => {
    const r = renderWithClient(
      <FilesDiff
        files={FILES}
        dirs={DIFF.dirs}
        selected={selected}
        onSelect={onSelect}
        text={TEXT}
      />,
    );
    return { ...r, onSelect };
  };
  const listed = () =>
    within(screen.getByRole('table', { name: 'Changed paths' }))
      .getAllByRole('button')
      .map((b) => b.getAttribute('aria-label'));

  it('lists every change with its kind, filters by kind and sorts by size change', () => {
    const { onSelect, container } = renderFiles(null);
    expect(listed()).toEqual([
      '/bin/sh, metadata only',
      '/etc/evil\\u202etxt.exe\\x1b[2J<img src=x onerror=alert(1)>, removed',
      '/etc/hostname, content',
      '/opt/big, added',
    ]);
    fireEvent.click(screen.getByRole('checkbox', { name: /^metadata only/ }));
    expect(listed()).not.toContain('/bin/sh, metadata only');
    fireEvent.change(screen.getByRole('combobox', { name: 'Sort paths by' }), {
      target: { value: 'delta' },
    });
    expect(listed()[0]).toBe('/opt/big, added');
    fireEvent.click(screen.getByRole('button', { name: '/etc/hostname, content' }));
    expect(onSelect).toHaveBeenCalledWith('/etc/hostname');
    expectInert(container);
  });

  it('shows a metadata change with its field and no line diff', () => {
    renderFiles('/bin/sh');
    const detail = screen.getByRole('region', { name: 'Selected change' });
    expect(within(detail).getByText(/differs in mode/)).toBeTruthy();
    expect(within(detail).getByRole('row', { name: /Mode/ }).className).toBe('cmp-differs');
    expect(within(detail).queryByLabelText('Line diff')).toBeNull();
  });

  it('shows both hashes of a binary change, and a text change’s line diff', async () => {
    const view = (
      <FilesDiff files={FILES} dirs={[]} selected="/etc/hostname" onSelect={() => {}} text={TEXT} />
    );
    const { rerender, client } = renderSeeded(
      (c) => c.setQueryData(['compare-text', 'k', '/etc/hostname'], { kind: 'binary' }),
      view,
    );
    const detail = screen.getByRole('region', { name: 'Selected change' });
    expect(within(detail).getByText('a'.repeat(64))).toBeTruthy();
    expect(within(detail).getByText('b'.repeat(64))).toBeTruthy();
    expect(within(detail).getByText(/Binary content/)).toBeTruthy();
    // The layer that wrote it differs, but that is provenance, not a difference: unmarked.
    expect(within(detail).getByRole('row', { name: /Written by layer/ }).className).toBe('');
    client.setQueryData(['compare-text', 'k', '/etc/hostname'], {
      kind: 'lines',
      hunks: [
        {
          skippedBefore: 0,
          ops: [
            { kind: 'removed', text: 'alpha', a: 1 },
            { kind: 'added', text: 'omega', b: 1 },
          ],
        },
      ],
      added: 1,
      removed: 1,
    });
    rerender(view);
    expect(within(await screen.findByLabelText('Line diff')).getByText('omega')).toBeTruthy();
  });

  it('sorts the directories by their size change', () => {
    renderFiles(null);
    const dirs = screen.getByRole('region', { name: 'Size by directory' });
    const paths = () =>
      within(dirs)
        .getAllByRole('row')
        .slice(1)
        .map((r) => (r as HTMLTableRowElement).cells[0]!.textContent);
    expect(paths()).toEqual(['/opt', '/etc']);
    fireEvent.change(within(dirs).getByRole('combobox'), { target: { value: 'shrink' } });
    expect(paths()).toEqual(['/etc', '/opt']);
  });
});

describe('TextDiff', () => {
  it('numbers both sides and says how many kept lines a gap skips', () => {
    renderWithClient(
      <TextDiff
        hunks={[
          { skippedBefore: 0, ops: [{ kind: 'removed', text: 'a', a: 1 }] },
          {
            skippedBefore: 7,
            ops: [
              { kind: 'same', text: 'x', a: 9, b: 8 },
              { kind: 'added', text: HOSTILE, b: 9 },
            ],
          },
        ]}
        added={1}
        removed={1}
      />,
    );
    const table = screen.getByLabelText('Line diff');
    expect(within(table).getByText(/7 unchanged lines/)).toBeTruthy();
    const added = table.querySelector('.cmp-line-added')!;
    expect(added.textContent).toMatch(/^9\+/);
    expectInert(table as HTMLElement);
  });
});

describe('CompareView', () => {
  const summary = (manifest: string): ImageSummary =>
    ({
      manifest,
      platform: null,
      refName: null,
      attestation: false,
      config: null,
      layers: [],
    }) as unknown as ImageSummary;
  const input: CompareInput = {
    inputKey: 'test:x',
    name: 'x',
    reference: null,
    blobs: [],
    graph: {
      images: [summary('sha256:a'), summary('sha256:b')],
      edges: [],
      nodes: new Map(),
    } as unknown as ImageGraph,
  };
  const a: CompareSide = { input, manifest: 'sha256:a' };
  const b: CompareSide = { input, manifest: 'sha256:b' };

  it('says what differs, and moves between parts and the noise filter through its callbacks', () => {
    const result: CompareResult = { diff: DIFF, problems: { a: [], b: [] }, ms: 1 };
    const onPart = vi.fn();
    const onStrict = vi.fn();
    renderSeeded(
      (c) => c.setQueryData(comparisonKey(a, b, false), result),
      <CompareView
        a={a}
        b={b}
        part="layers"
        strict={false}
        path={null}
        onPart={onPart}
        onStrict={onStrict}
        onSelect={() => {}}
        header={null}
      />,
    );
    expect(screen.getByTestId('compare-verdict').textContent).toBe(
      'Different with the noise filter: 4 paths (1 added, 1 removed, 1 content, 1 metadata only, 0 type) · 2 document fields',
    );
    expect(screen.getByTestId('layers-summary')).toBeTruthy();
    fireEvent.click(screen.getByRole('tab', { name: 'Documents' }));
    expect(onPart).toHaveBeenCalledWith('documents');
    fireEvent.click(screen.getByRole('checkbox', { name: /Noise filter/ }));
    expect(onStrict).toHaveBeenCalledWith(true);
  });

  it('says when the two are equal under the rules chosen', () => {
    const equal: ImageDiff = { ...DIFF, equal: true, files: [], dirs: [] };
    renderSeeded(
      (c) =>
        c.setQueryData(comparisonKey(a, b, true), {
          diff: equal,
          problems: { a: [], b: [] },
          ms: 1,
        }),
      <CompareView
        a={a}
        b={b}
        part="files"
        strict
        path={null}
        onPart={() => {}}
        onStrict={() => {}}
        onSelect={() => {}}
        header={null}
      />,
    );
    expect(screen.getByTestId('compare-verdict').textContent).toMatch(
      /^Equal without the noise filter/,
    );
    expect(screen.getByText('No path differs.')).toBeTruthy();
  });
});
