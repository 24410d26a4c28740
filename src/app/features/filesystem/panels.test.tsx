// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildFilesystem } from '../../../core/fs/merged-filesystem.ts';
import { tarLayer } from '../../../core/fs/test-support.ts';
import { ChangeLegend, LayerSelector } from './layers/layer-selector.tsx';
import { PathHistory } from './layers/path-history.tsx';
import { compileFilter } from './tree/tree-filter.ts';
import { FilterInput } from './tree/tree-filter-input.tsx';
import type { TreeMode } from '../../../core/fs/fs-rows.ts';
import { WastedSpace } from './layers/wasted-space.tsx';

afterEach(cleanup);

const fs = buildFilesystem(
  [
    ['etc/', 'etc/motd:10', 'opt/', 'opt/model:1000'],
    ['etc/motd:20'],
    ['etc/.wh.motd', 'opt/model:900'],
  ].map((s) => ({ entries: tarLayer(...s) })),
);
const CREATED_BY = [
  'ADD rootfs.tar /',
  'RUN echo hi > /etc/motd',
  'RUN rm /etc/motd && fetch model',
];
const createdBy = (n: number) => CREATED_BY[n] ?? null;

describe('PathHistory', () => {
  it('tells each layer that added, changed and removed a path, with its created_by line', () => {
    const onSelectLayer = vi.fn();
    render(
      <PathHistory
        path="/etc/motd"
        events={fs.historyOf('/etc/motd')}
        createdBy={createdBy}
        onSelectLayer={onSelectLayer}
      />,
    );
    const items = within(screen.getByRole('region', { name: 'History of /etc/motd' })).getAllByRole(
      'listitem',
    );
    expect(items.map((li) => li.textContent)).toEqual([
      'Layer 1+ addedfile, 10 B · ADD rootfs.tar /',
      'Layer 2~ modifiedfile, 20 B · RUN echo hi > /etc/motd',
      'Layer 3− deletedremoved by the whiteout /etc/.wh.motd · RUN rm /etc/motd && fetch model',
    ]);
    // The whiteout is defined beside the story, with the spec's section.
    expect(screen.getByText(/A whiteout: an empty file named \.wh\.<name>/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'layer.md#whiteouts' }).getAttribute('href')).toBe(
      'https://github.com/opencontainers/image-spec/blob/v1.1.1/layer.md#whiteouts',
    );
    // Shown from 1, handed back as the 0-based index.
    fireEvent.click(screen.getByRole('button', { name: 'Layer 3' }));
    expect(onSelectLayer).toHaveBeenCalledWith(2);
  });

  it('says when no layer touches the path', () => {
    render(<PathHistory path="/nope" events={[]} />);
    expect(screen.getByText('No layer touches /nope.')).toBeTruthy();
  });
});

describe('WastedSpace', () => {
  it('lists wasted files largest first with the efficiency score', () => {
    const onSelectPath = vi.fn();
    render(
      <WastedSpace report={fs.waste()} onSelectPath={onSelectPath} hrefFor={(p) => `#path=${p}`} />,
    );
    const region = screen.getByRole('region', { name: 'Wasted space' });
    const rows = within(region).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.textContent)).toEqual([
      '/opt/model1.90 kB1, 3',
      '/etc/motd30 B1, 2, 3',
    ]);
    expect(region.textContent).toMatch(/\d+\.\d\d %efficiency/);
    const link = within(region).getByRole('link', { name: '/opt/model' });
    expect(link.getAttribute('href')).toBe('#path=/opt/model');
    fireEvent.click(link);
    expect(onSelectPath).toHaveBeenCalledWith('/opt/model');
  });

  it('shows the first rows, then all on request', () => {
    render(<WastedSpace report={fs.waste()} limit={1} />);
    expect(screen.getAllByRole('row')).toHaveLength(2);
    fireEvent.click(screen.getByRole('button', { name: 'Show all 2' }));
    expect(screen.getAllByRole('row')).toHaveLength(3);
  });
});

function SelectorHarness() {
  const [mode, setMode] = useState<TreeMode>({ kind: 'merged', upTo: 2 });
  const [showDeleted, setShowDeleted] = useState(false);
  return (
    <>
      <LayerSelector
        layerCount={3}
        mode={mode}
        onModeChange={setMode}
        createdBy={createdBy}
        showDeleted={showDeleted}
        onShowDeletedChange={setShowDeleted}
      />
      <output data-testid="state">{JSON.stringify({ mode, showDeleted })}</output>
    </>
  );
}

describe('LayerSelector', () => {
  it('switches between the merged view up to a layer and one layer’s changes', () => {
    render(<SelectorHarness />);
    const state = () => JSON.parse(screen.getByTestId('state').textContent!) as unknown;
    const select = screen.getByRole('combobox', { name: 'Layer' });
    expect(
      within(select)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual([
      'Layer 1 · ADD rootfs.tar /',
      'Layer 2 · RUN echo hi > /etc/motd',
      'Layer 3 (last) · RUN rm /etc/motd && fetch model',
    ]);
    fireEvent.change(select, { target: { value: '1' } });
    expect(state()).toEqual({ mode: { kind: 'merged', upTo: 1 }, showDeleted: false });
    fireEvent.click(screen.getByRole('radio', { name: /Only this layer/ }));
    expect(state()).toEqual({ mode: { kind: 'layer', layer: 1 }, showDeleted: false });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Show deleted paths' }));
    expect(state()).toEqual({ mode: { kind: 'layer', layer: 1 }, showDeleted: true });
  });

  it('has a legend that does not rely on colour alone', () => {
    render(<ChangeLegend />);
    const items = within(screen.getByRole('list', { name: 'Legend' })).getAllByRole('listitem');
    expect(items.map((li) => li.textContent)).toEqual(['+ added', '~ modified', '− deleted']);
  });
});

describe('FilterInput', () => {
  it.each([
    ['', null, 'Type part of a name'],
    ['pass', 1, '1 match (substring)'],
    ['/usr/**/*.so', 12, '12 matches (glob on the path)'],
    ['[z-a]', 0, 'bad character class'],
  ])('%j', (value, matches, status) => {
    const onChange = vi.fn();
    render(
      <FilterInput
        value={value}
        onChange={onChange}
        compiled={compileFilter(value)}
        matches={matches}
      />,
    );
    const box = screen.getByRole('searchbox', { name: 'Filter' });
    expect(box.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.getElementById(box.getAttribute('aria-describedby')!)!.textContent).toContain(
      status,
    );
    fireEvent.change(box, { target: { value: 'x' } });
    expect(onChange).toHaveBeenCalledWith('x');
  });
});
