// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TarEntry } from '../../../core/layers/tar-entry.ts';
import type { WalkTarget } from '../../../core/learn/walk.ts';
import { loadFixtureImage } from '../../testing/load-fixture.ts';
import { renderWithClient } from '../../testing/render.tsx';
import { AboutNode } from './about-node.tsx';
import { CommandsRegion } from './commands-region.tsx';
import { GuidedWalk } from './guided-walk.tsx';
import { FILES_SHOWN, InputFilesRegion } from './input-files-region.tsx';
import { RawEntriesTable } from './raw-entries.tsx';

afterEach(cleanup);

const ONE = 'go-containerregistry/layout/test_index_one_image';
const SPEC = 'https://github.com/opencontainers/image-spec/blob/v1.1.1/';

describe('AboutNode', () => {
  it.each([
    ['top', ['About this layout', 'About this index']],
    ['manifest', ['About this manifest']],
    ['config', ['About this config']],
    ['layer', ['About this layer']],
  ] as const)(
    'names the regions of a %s and links the spec at its release',
    async (kind, names) => {
      const image = await loadFixtureImage(ONE);
      const img = image.graph.images[0]!;
      const id =
        kind === 'top'
          ? 'index.json'
          : kind === 'manifest'
            ? img.manifest
            : kind === 'config'
              ? img.config!.digest.value
              : img.layers[0]!.descriptor.digest.value;
      render(<AboutNode image={image} node={image.graph.nodes.get(id)!} />);
      for (const name of names) {
        const region = screen.getByRole('region', { name });
        const links = within(region).getAllByRole('link');
        expect(links.length).toBeGreaterThan(0);
        for (const a of links) expect(a.getAttribute('href')!.startsWith(SPEC)).toBe(true);
      }
      expect(screen.getAllByRole('region').map((r) => r.getAttribute('aria-label'))).toEqual(names);
    },
  );

  it('calls a docker save tar an archive', async () => {
    const image = await loadFixtureImage('dive/test-docker-image.tar');
    render(<AboutNode image={image} node={image.graph.top} />);
    expect(screen.getByRole('region', { name: 'About this archive' }).textContent).toMatch(
      /legacy docker save archive/,
    );
  });
});

describe('CommandsRegion', () => {
  it('lists a config’s commands, each with a copy button that copies it', async () => {
    const image = await loadFixtureImage(ONE);
    const config = image.graph.images[0]!.config!.digest.value;
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    renderWithClient(<CommandsRegion image={image} node={image.graph.nodes.get(config)!} />);
    const region = screen.getByRole('region', { name: 'Commands' });
    const codes = within(region)
      .getAllByRole('listitem')
      .map((li) => li.querySelector('code')!.textContent);
    const hex = config.slice(7);
    expect(codes).toEqual([
      "cd 'test_index_one_image'",
      `jq . 'blobs/sha256/${hex}'`,
      `sha256sum 'blobs/sha256/${hex}'`,
      "skopeo inspect --config --raw 'oci:.'",
    ]);
    fireEvent.click(within(region).getAllByRole('button', { name: /^Copy: / })[2]!);
    expect(writeText).toHaveBeenCalledWith(`sha256sum 'blobs/sha256/${hex}'`);
    await waitFor(() => expect(within(region).getByText('copied')).toBeTruthy());
  });
});

describe('InputFilesRegion', () => {
  it('lists the layout’s files and selects a blob’s node', async () => {
    const image = await loadFixtureImage(ONE);
    const onSelect = vi.fn();
    render(<InputFilesRegion image={image} onSelect={onSelect} />);
    const region = screen.getByRole('region', { name: 'Files of the input' });
    expect(region.textContent).toMatch(/oci-layout.*imageLayoutVersion 1\.0\.0/);
    const manifest = image.graph.images[0]!.manifest;
    fireEvent.click(
      within(region).getByRole('button', { name: `blobs/sha256/${manifest.slice(7)}` }),
    );
    expect(onSelect).toHaveBeenCalledWith(manifest);
    fireEvent.click(within(region).getByRole('button', { name: 'index.json' }));
    expect(onSelect).toHaveBeenLastCalledWith('index.json');
  });
});

describe('InputFilesRegion with many files', () => {
  it('lists the first ones and more on each click', async () => {
    const image = await loadFixtureImage(ONE);
    const files = Array.from({ length: FILES_SHOWN + 30 }, (_, i) => ({
      path: `blobs/sha256/${String(i).padStart(64, '0')}`,
      size: 1,
    }));
    render(<InputFilesRegion image={{ ...image, files }} onSelect={() => {}} />);
    const region = screen.getByRole('region', { name: 'Files of the input' });
    expect(within(region).getAllByRole('listitem')).toHaveLength(FILES_SHOWN);
    fireEvent.click(within(region).getByRole('button', { name: /^Show 30 more of 30/ }));
    expect(within(region).getAllByRole('listitem')).toHaveLength(FILES_SHOWN + 30);
    expect(within(region).queryByRole('button', { name: /^Show / })).toBeNull();
  });
});

describe('GuidedWalk', () => {
  it('steps index.json → manifest → config → layer → filesystem with Next', async () => {
    const image = await loadFixtureImage(ONE);
    const seen: WalkTarget[] = [];
    render(<GuidedWalk graph={image.graph} onStep={(t) => seen.push(t)} />);
    fireEvent.click(screen.getByRole('button', { name: 'Walk through this image' }));
    for (let i = 0; i < 4; i++) fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    const img = image.graph.images[0]!;
    expect(seen.map((t) => (t.view === 'node' ? t.node : 'fs'))).toEqual([
      'index.json',
      img.manifest,
      img.config!.digest.value,
      img.layers[0]!.descriptor.digest.value,
      'fs',
    ]);
    expect(screen.getByRole('status').textContent).toMatch(/Step 5 of 5: The merged filesystem/);
    fireEvent.click(screen.getByRole('button', { name: 'Done' }));
    expect(screen.getByRole('button', { name: 'Walk through this image' })).toBeTruthy();
  });
});

describe('RawEntriesTable', () => {
  it('shows marker names as stored, labelled and explained', () => {
    const e = (path: string): TarEntry => ({
      path,
      type: 'file',
      size: 0,
      mode: 0o644,
      uid: 0,
      gid: 0,
      mtime: 0,
      headerOffset: 0,
      dataOffset: 0,
      format: 'ustar',
    });
    render(
      <RawEntriesTable entries={[e('etc/.wh.motd'), e('var/cache/.wh..wh..opq'), e('etc/x')]} />,
    );
    const rows = screen
      .getByRole('table', { name: 'Tar entries as stored' })
      .querySelectorAll('tr');
    expect([...rows].map((r) => r.textContent)).toEqual([
      'file0etc/.wh.motd whiteout',
      'file0var/cache/.wh..wh..opq opaque',
      'file0etc/x ',
    ]);
    expect(screen.getAllByRole('link').map((a) => a.getAttribute('href'))).toEqual([
      `${SPEC}layer.md#whiteouts`,
      `${SPEC}layer.md#whiteouts`,
    ]);
  });
});
