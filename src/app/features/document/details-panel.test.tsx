// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { queryKeys } from '../../queries/keys.ts';
import { loadFixtureImage } from '../../testing/load-fixture.ts';
import { renderWithClient } from '../../testing/render.tsx';
import { DetailsPanel } from './details-panel.tsx';

afterEach(cleanup);

const ONE = 'go-containerregistry/layout/test_index_one_image';
const BROKEN = 'go-containerregistry/layout/test_gc_image_unknown_mediatype';

describe('DetailsPanel', () => {
  it('summarises a config above its JSON, and fills in its check', async () => {
    const image = await loadFixtureImage(ONE);
    const config = image.graph.images[0]!.config!.digest.value;
    const node = image.graph.nodes.get(config)!;
    const { client } = renderWithClient(<DetailsPanel image={image} node={node} />);
    expect(screen.getByRole('heading').textContent).toMatch(new RegExp(`config.*${config}`));
    const summary = screen.getByRole('region', { name: 'Config summary' });
    expect(summary.textContent).toMatch(/linux\/amd64/);
    expect(screen.getByRole('table', { name: 'Environment' }).textContent).toMatch(/PATH/);
    expect(screen.getByText('pending')).toBeTruthy();
    client.setQueryData(queryKeys.blob(config, image.inputKey), {
      state: 'verified',
      want: config,
      got: config,
      bytes: 452,
    });
    await waitFor(() => expect(screen.getByText('verified')).toBeTruthy());
    fireEvent.click(screen.getByRole('button', { name: 'Show as stored' }));
    expect(screen.getByTestId('json-text').textContent).toBe(new TextDecoder().decode(node.bytes!));
  });

  it('shows a mismatch with what was wanted and what came', async () => {
    const image = await loadFixtureImage(ONE);
    const manifest = image.graph.images[0]!.manifest;
    const { client } = renderWithClient(
      <DetailsPanel image={image} node={image.graph.nodes.get(manifest)!} />,
    );
    client.setQueryData(queryKeys.blob(manifest, image.inputKey), {
      state: 'mismatch',
      want: manifest,
      got: 'sha256:bad',
      bytes: 1,
    });
    await waitFor(() => expect(screen.getAllByText(/got sha256:bad/).length).toBeGreaterThan(0));
    expect(screen.getByRole('list', { name: 'Problems of this manifest' }).textContent).toMatch(
      /digest-mismatch/,
    );
  });

  it('puts a missing blob problem on its node', async () => {
    const image = await loadFixtureImage(BROKEN);
    const missing = [...image.graph.nodes.values()].find((n) => !n.present)!;
    renderWithClient(<DetailsPanel image={image} node={missing} />);
    expect(screen.getByText('missing')).toBeTruthy();
    expect(screen.getByRole('list', { name: /Problems of this/ }).textContent).toMatch(
      /blob-missing/,
    );
  });

  it('says the media type of an index.json that names none is inferred, and why', async () => {
    const image = await loadFixtureImage(ONE);
    renderWithClient(<DetailsPanel image={image} node={image.graph.top} />);
    const facts = screen.getAllByText('inferred');
    expect(facts.length).toBe(2);
    expect(screen.getByTestId('json-inferred').textContent).toMatch(
      /application\/vnd\.oci\.image\.index\.v1\+json.*inferred.*image layout spec/,
    );
    // Its manifest names none either: the type comes from index.json's descriptor.
    cleanup();
    const manifest = image.graph.images[0]!.manifest;
    renderWithClient(<DetailsPanel image={image} node={image.graph.nodes.get(manifest)!} />);
    expect(screen.getByTestId('json-inferred').textContent).toMatch(
      /taken from the descriptor that points at it \(in index\.json\)/,
    );
    // A config's media type is only ever declared by its descriptor: nothing inferred.
    cleanup();
    const config = image.graph.images[0]!.config!.digest.value;
    renderWithClient(<DetailsPanel image={image} node={image.graph.nodes.get(config)!} />);
    expect(screen.queryByText('inferred')).toBeNull();
  });

  it('marks the manifest it wrote for a docker archive as inferred', async () => {
    const image = await loadFixtureImage('dive/test-docker-image.tar');
    const node = image.graph.nodes.get(image.graph.images[0]!.manifest)!;
    expect(node.synthesized).toBe(true);
    renderWithClient(<DetailsPanel image={image} node={node} />);
    expect(screen.getByRole('region', { name: /JSON/ }).textContent).toMatch(
      /inferred written by this tool/,
    );
  });
});
