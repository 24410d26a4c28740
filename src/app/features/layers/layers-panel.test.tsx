// @vitest-environment jsdom
import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { LayerJobResult } from '../../../worker/layer-job.ts';
import { queryKeys } from '../../queries/keys.ts';
import { hasFixture, loadFixtureImage } from '../../testing/load-fixture.ts';
import { renderWithClient } from '../../testing/render.tsx';
import { LayersPanel } from './layers-panel.tsx';

afterEach(cleanup);

const DIVE = 'dive/test-docker-image.tar';

function done(digest: string, diffId: string): LayerJobResult {
  return {
    digest: { state: 'verified', want: digest, got: digest },
    diffId: { state: 'verified', want: diffId, got: diffId },
    compression: 'tar',
    compressedBytes: 10,
    uncompressedBytes: 10,
    entryCount: 3,
    entries: null,
    checkpoints: [],
    problems: [],
    ms: 1,
  };
}

describe.skipIf(!hasFixture(DIVE))('LayersPanel', () => {
  it('lists every layer with the history steps between, then shows progress and the final states', async () => {
    const image = await loadFixtureImage(DIVE);
    const summary = image.graph.images[0]!;
    const { client, container } = renderWithClient(
      <LayersPanel image={image} selected={summary} />,
    );
    expect(container.querySelectorAll('tr.row-layer')).toHaveLength(summary.layers.length);
    expect(container.querySelectorAll('tr.row-empty').length).toBeGreaterThan(0);
    const first = summary.layers[0]!;
    const row = screen.getByRole('row', {
      name: new RegExp(`^layer 0 ${first.descriptor.digest.value}`),
    });
    expect(within(row).getByText('queued')).toBeTruthy();

    act(() => {
      image.progress.start(first.descriptor.digest.value, 1000);
      image.progress.report(first.descriptor.digest.value, 400, 1000, 900);
    });
    const bar = within(row).getByRole('progressbar');
    expect(bar.getAttribute('aria-valuenow')).toBe('400');
    expect(row.textContent).toMatch(/400 B \/ 1.00 kB · [\d.]+ MB\/s/);

    act(() =>
      client.setQueryData(
        queryKeys.layer(first.descriptor.digest.value, image.inputKey),
        done(first.descriptor.digest.value, first.diffId!),
      ),
    );
    await waitFor(() => expect(within(row).getByText('3 entries')).toBeTruthy());
    expect(row.querySelectorAll('.check-verified')).toHaveLength(2);
  });

  it('puts a diff_id mismatch on its row', async () => {
    const image = await loadFixtureImage(DIVE);
    const summary = image.graph.images[0]!;
    const { client } = renderWithClient(<LayersPanel image={image} selected={summary} />);
    const l = summary.layers[2]!;
    const r = done(l.descriptor.digest.value, l.diffId!);
    r.diffId = { state: 'mismatch', want: l.diffId, got: 'sha256:other' };
    act(() => client.setQueryData(queryKeys.layer(l.descriptor.digest.value, image.inputKey), r));
    await waitFor(() =>
      expect(screen.getByRole('list', { name: 'Problems of layer 2' }).textContent).toMatch(
        /diff-id-mismatch/,
      ),
    );
  });

  it('says so when the input holds no image', async () => {
    const image = await loadFixtureImage(DIVE);
    renderWithClient(<LayersPanel image={image} selected={null} />);
    expect(screen.getByText(/no image manifest/)).toBeTruthy();
  });
});
