// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadFixtureImage } from './testing/load-fixture.ts';
import { queryKeys } from './queries/keys.ts';
import { renderWithClient } from './testing/render.tsx';
import { pickImage, Workspace } from './workspace.tsx';

// React Flow needs layout (ResizeObserver, sizes) that jsdom lacks; the e2e tests draw the real graph.
vi.mock('./features/graph/graph-view.tsx', () => ({
  default: ({ selected }: { selected: string }) => <p>graph, selected {selected}</p>,
}));

afterEach(() => {
  cleanup();
  location.hash = '';
});

const BROKEN = 'go-containerregistry/layout/test_gc_image_unknown_mediatype';
const MULTI = 'regclient/testrepo';

describe('Workspace', () => {
  it('labels every region and lists every problem in one place', async () => {
    const image = await loadFixtureImage(BROKEN);
    renderWithClient(<Workspace image={image} />);
    expect(screen.getByRole('main', { name: 'Image explorer' })).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Image graph' })).toBeTruthy();
    expect(screen.getByRole('complementary', { name: 'Details' })).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Layers and problems' })).toBeTruthy();
    expect(screen.getByRole('status', { name: 'Image summary' }).textContent).toMatch(/1 error/);
    fireEvent.click(await screen.findByRole('tab', { name: /Problems/ }));
    const list = await screen.findByRole('list', { name: 'All problems' });
    expect(list.textContent).toMatch(/blob-missing/);
    const link = screen
      .getAllByRole('link')
      .find((a) => a.getAttribute('href')?.startsWith('#node=sha256:'));
    expect(link).toBeTruthy();
  });

  it('says a large index’s preview is still reading its manifests', async () => {
    const image = await loadFixtureImage(MULTI);
    const listed = image.graph.edges.filter(
      (e) => e.from === image.graph.top.id && e.role === 'manifests',
    ).length;
    renderWithClient(<Workspace image={{ ...image, graph: { ...image.graph, partial: true } }} />);
    const facts = screen.getByRole('status', { name: 'Image summary' });
    expect(facts.textContent).toContain(`reading the index’s ${listed} manifests…`);
    expect(facts.textContent).not.toMatch(/\d+ images? ·/);
  });

  it('says in its summary whether the layers are being listed or verified', async () => {
    const image = await loadFixtureImage(MULTI);
    const layers = [...image.graph.nodes.values()].filter((n) => n.kind === 'layer');
    const { client } = renderWithClient(<Workspace image={image} />);
    const progress = () => screen.getByTestId('check-progress').textContent;
    const n = layers.length;
    expect(progress()).toMatch(new RegExp(`layers listed 0/${n}$`));
    act(() => {
      for (const l of layers)
        client.setQueryData(queryKeys.layer(l.id, image.inputKey), {
          compression: 'gzip',
          compressedBytes: 1,
          uncompressedBytes: 1,
          entryCount: 1,
          entries: null,
          checkpoints: [],
          problems: [],
          ms: 1,
        });
    });
    await waitFor(() => expect(progress()).toMatch(new RegExp(`layers listed, verified 0/${n}$`)));
    act(() => {
      for (const l of layers)
        client.setQueryData(queryKeys.layerVerify(l.id, image.inputKey), {
          digest: { state: 'verified', want: l.id, got: l.id },
          diffId: { state: 'unknown', want: null, got: 'sha256:x' },
          compression: 'gzip',
          uncompressedBytes: 1,
          entryCount: 1,
          problems: [],
          ms: 1,
        });
    });
    await waitFor(() => expect(progress()).toMatch(new RegExp(`layers ${n}/${n}$`)));
  });

  it('follows the hash: a selected node shows in the details, and its image in the layers', async () => {
    const image = await loadFixtureImage(MULTI);
    const arm = image.graph.images.find((i) => i.platform === 'linux/arm64')!;
    renderWithClient(<Workspace image={image} />);
    act(() => {
      location.hash = `#node=${arm.manifest}`;
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
    await waitFor(() => expect(screen.getByText(`graph, selected ${arm.manifest}`)).toBeTruthy());
    await waitFor(() =>
      expect(screen.getByRole('complementary', { name: 'Details' }).textContent).toMatch(
        /linux\/arm64/,
      ),
    );
    expect((screen.getByLabelText('Image') as HTMLSelectElement).value).toBe(arm.manifest);
  });

  it('picks the image that holds the selected node', async () => {
    const image = await loadFixtureImage(MULTI);
    const g = image.graph;
    const second = g.images[1]!;
    const layer = second.layers[0]!.descriptor.digest.value;
    const holder = pickImage(g, { node: layer, image: null }, g.nodes.get(layer)!);
    expect(holder?.layers.some((l) => l.descriptor.digest.value === layer)).toBe(true);
    expect(pickImage(g, { node: null, image: second.manifest }, g.top)).toBe(second);
  });
});
