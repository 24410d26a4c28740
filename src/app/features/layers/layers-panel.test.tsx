// @vitest-environment jsdom
import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { LayerListingResult, LayerVerifyResult } from '../../../worker/layer-job.ts';
import { queryKeys } from '../../queries/keys.ts';
import { verifyProgressKey } from '../../state/progress-store.ts';
import { loadFixtureImage } from '../../testing/load-fixture.ts';
import { renderWithClient } from '../../testing/render.tsx';
import { LayersPanel } from './layers-panel.tsx';

afterEach(cleanup);

const DIVE = 'dive/test-docker-image.tar';

function listed(): LayerListingResult {
  return {
    compression: 'tar',
    compressedBytes: 10,
    uncompressedBytes: 10,
    entryCount: 3,
    diffIdGot: null,
    digestGot: null,
    hashesPending: false,
    entries: null,
    checkpoints: [],
    problems: [],
    ms: 1,
  };
}

function verified(digest: string, diffId: string): LayerVerifyResult {
  return {
    digest: { state: 'verified', want: digest, got: digest },
    diffId: { state: 'verified', want: diffId, got: diffId },
    compression: 'tar',
    uncompressedBytes: 10,
    entryCount: 3,
    problems: [],
    ms: 1,
  };
}

describe('LayersPanel', () => {
  it('lists every layer with the history steps between, then shows both phases and the final states', async () => {
    const image = await loadFixtureImage(DIVE);
    const summary = image.graph.images[0]!;
    const { client, container } = renderWithClient(
      <LayersPanel image={image} selected={summary} />,
    );
    expect(container.querySelectorAll('tr.row-layer')).toHaveLength(summary.layers.length);
    expect(container.querySelectorAll('tr.row-empty').length).toBeGreaterThan(0);
    const first = summary.layers[0]!;
    const row = screen.getByRole('row', {
      name: new RegExp(`^layer 1 ${first.descriptor.digest.value}`),
    });
    expect(within(row).getByText('queued')).toBeTruthy();

    act(() => {
      image.progress.start(first.descriptor.digest.value, 1000);
      image.progress.report(first.descriptor.digest.value, 400, 1000, 900);
    });
    const bar = within(row).getByRole('progressbar');
    expect(bar.getAttribute('aria-valuenow')).toBe('400');
    expect(row.textContent).toMatch(/400 B \/ 1.00 kB · [\d.]+ MB\/s/);

    // Phase 1 done: the listing shows; digest and diff_id wait for the verify pass.
    const digest = first.descriptor.digest.value;
    act(() => client.setQueryData(queryKeys.layer(digest, image.inputKey), listed()));
    await waitFor(() => expect(within(row).getByText('3 entries')).toBeTruthy());
    expect(row.querySelectorAll('.check-verified')).toHaveLength(0);
    expect(row.querySelector('[data-state="pending"]')).toBeTruthy();

    // Phase 2 running: its own progress bar.
    act(() => {
      image.progress.start(verifyProgressKey(digest), 1000);
      image.progress.report(verifyProgressKey(digest), 250, 1000, 500);
    });
    const verifying = within(row).getByRole('progressbar', { name: `verifying layer ${digest}` });
    expect(verifying.getAttribute('aria-valuenow')).toBe('250');

    // Phase 2 done: digest and diff_id verified.
    act(() =>
      client.setQueryData(
        queryKeys.layerVerify(digest, image.inputKey),
        verified(digest, first.diffId!),
      ),
    );
    await waitFor(() => expect(row.querySelectorAll('.check-verified')).toHaveLength(2));
    expect(within(row).queryByRole('progressbar')).toBeNull();
  });

  it('puts a diff_id mismatch on its row', async () => {
    const image = await loadFixtureImage(DIVE);
    const summary = image.graph.images[0]!;
    const { client } = renderWithClient(<LayersPanel image={image} selected={summary} />);
    const l = summary.layers[2]!;
    const r = verified(l.descriptor.digest.value, l.diffId!);
    r.diffId = { state: 'mismatch', want: l.diffId, got: 'sha256:other' };
    act(() =>
      client.setQueryData(queryKeys.layerVerify(l.descriptor.digest.value, image.inputKey), r),
    );
    await waitFor(() =>
      expect(screen.getByRole('list', { name: 'Problems of layer 3' }).textContent).toMatch(
        /diff-id-mismatch/,
      ),
    );
  });

  it('puts each problem of the listing and the checks on the row once, and a changed layer', async () => {
    const image = await loadFixtureImage(DIVE);
    const summary = image.graph.images[0]!;
    const { client } = renderWithClient(<LayersPanel image={image} selected={summary} />);
    const l = summary.layers[1]!;
    const digest = l.descriptor.digest.value;
    const tarProblem = {
      severity: 'warning' as const,
      code: 'tar-odd',
      where: digest,
      message: 'an odd header',
    };
    act(() => {
      client.setQueryData(queryKeys.layer(digest, image.inputKey), {
        ...listed(),
        problems: [tarProblem],
      });
      client.setQueryData(queryKeys.layerVerify(digest, image.inputKey), {
        ...verified(digest, l.diffId!),
        problems: [
          tarProblem,
          {
            severity: 'error' as const,
            code: 'layer-changed',
            where: digest,
            message: 'the file changed while it was open',
          },
        ],
      });
    });
    const list = await screen.findByRole('list', { name: 'Problems of layer 2' });
    expect(list.textContent!.match(/tar-odd/g)).toHaveLength(1);
    expect(list.textContent).toMatch(/layer-changed/);
  });

  it('says so when the input holds no image', async () => {
    const image = await loadFixtureImage(DIVE);
    renderWithClient(<LayersPanel image={image} selected={null} />);
    expect(screen.getByText(/no image manifest/)).toBeTruthy();
  });

  it('names a manifest that is referenced but missing, instead of saying there is none', async () => {
    const image = await loadFixtureImage(
      'containers-image/oci-layout/delete_image_shared_blobs_dir',
    );
    renderWithClient(<LayersPanel image={image} selected={null} />);
    const note = screen.getByRole('note');
    expect(note.textContent).toMatch(
      /manifest sha256:eaa95f3cfaac07c8a5153eb77c933269586ad0226c83405776be08547e4d2a18 is referenced but missing/,
    );
    expect(screen.queryByText(/no image manifest/)).toBeNull();
  });
});
