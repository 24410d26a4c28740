// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadFixtureImage } from './testing/load-fixture.ts';
import { renderWithClient } from './testing/render.tsx';
import { Workspace } from './workspace.tsx';

// React Flow needs layout that jsdom lacks; the e2e tests draw the real graph.
vi.mock('./features/graph/graph-view.tsx', () => ({
  default: ({ selected }: { selected: string }) => <p>graph, selected {selected}</p>,
}));

afterEach(() => {
  cleanup();
  location.hash = '';
});

describe('Workspace teaching wiring', () => {
  it('opens the top panel with About, lists the input’s files, and a file selects its node', async () => {
    const image = await loadFixtureImage('go-containerregistry/layout/test_index_one_image');
    renderWithClient(<Workspace image={image} />);
    const details = screen.getByRole('complementary', { name: 'Details' });
    await waitFor(() => within(details).getByRole('region', { name: 'About this layout' }));
    expect(within(details).getByRole('region', { name: 'Commands' })).toBeTruthy();
    const files = within(details).getByRole('region', { name: 'Files of the input' });
    const manifest = image.graph.images[0]!.manifest;
    fireEvent.click(
      within(files).getByRole('button', { name: `blobs/sha256/${manifest.slice(7)}` }),
    );
    // The first view after a load names its image at once; the file adds the node.
    await waitFor(() =>
      expect(Object.fromEntries(new URLSearchParams(location.hash.slice(1)))).toEqual({
        image: manifest,
        node: manifest,
      }),
    );
    await waitFor(() => within(details).getByRole('region', { name: 'About this manifest' }));
  });

  it('walks to the image’s whole filesystem at the last step', async () => {
    const image = await loadFixtureImage('go-containerregistry/layout/test_index_one_image');
    renderWithClient(<Workspace image={image} />);
    fireEvent.click(screen.getByRole('button', { name: 'Walk through this image' }));
    expect(location.hash).toBe(`#node=index.json&image=${image.graph.images[0]!.manifest}`);
    for (let i = 0; i < 4; i++) fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    // The tree is always beside the graph: the last step selects the image's manifest, whose
    // filesystem the tree shows merged up to its last layer (no layer mode, no path).
    const last = new URLSearchParams(location.hash.slice(1));
    expect(Object.fromEntries(last)).toEqual({
      node: image.graph.images[0]!.manifest,
      image: image.graph.images[0]!.manifest,
    });
  });
});
