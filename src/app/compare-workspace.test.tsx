// @vitest-environment jsdom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { CompareMenu } from './compare-menu.tsx';
import { CompareWorkspace } from './compare-workspace.tsx';
import { comparisonKey } from './features/compare/use-comparison.ts';
import { loadFixtureImage } from './testing/load-fixture.ts';
import { renderWithClient } from './testing/render.tsx';

afterEach(() => {
  cleanup();
  location.hash = '';
});

const MULTI = 'regclient/testrepo';

describe('CompareWorkspace', () => {
  it('compares two manifests of the one input open, each side with its picker', async () => {
    const image = await loadFixtureImage(MULTI);
    const [a, b] = image.graph.images;
    location.hash = `#image=${a!.manifest}&compare=${b!.manifest}&part=layers`;
    renderWithClient(<CompareWorkspace image={image} />, (c) =>
      c.setQueryData(
        comparisonKey(
          { input: image, manifest: a!.manifest },
          { input: image, manifest: b!.manifest },
          false,
        ),
        {
          diff: {
            equal: true,
            documents: { manifest: [], config: [] },
            layers: {
              shared: [],
              sameBlobs: [],
              aAfter: [],
              bAfter: [],
              bytesAfterA: 0,
              bytesAfterB: 0,
            },
            files: [],
            dirs: [],
          },
          problems: { a: [], b: [] },
          ms: 1,
        },
      ),
    );
    expect((screen.getByLabelText('Image A') as HTMLSelectElement).value).toBe(a!.manifest);
    expect((screen.getByLabelText('Image B') as HTMLSelectElement).value).toBe(b!.manifest);
    expect((await screen.findByTestId('compare-verdict')).textContent).toMatch(/^Equal/);
    expect(screen.getByRole('tab', { name: 'Layers', selected: true })).toBeTruthy();
  });

  it('says so when the link names a manifest no input open holds', async () => {
    const image = await loadFixtureImage(MULTI);
    location.hash = `#image=${image.graph.images[0]!.manifest}&compare=sha256:${'0'.repeat(64)}`;
    renderWithClient(<CompareWorkspace image={image} />);
    expect(screen.getByText(/is not in the input open\. Drop the image/)).toBeTruthy();
    expect(screen.queryByLabelText('Image B')).toBeNull();
    expect(screen.getByRole('button', { name: 'Close comparison' })).toBeTruthy();
  });
});

describe('CompareMenu', () => {
  it('opens the compare view of the image shown and another image of the same input', async () => {
    const image = await loadFixtureImage(MULTI);
    const [a, , c] = image.graph.images;
    renderWithClient(<CompareMenu image={image} selected={a!} />);
    const toggle = screen.getByRole('button', { name: 'Compare with…' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const picker = screen.getByLabelText('Another image of this input') as HTMLSelectElement;
    // The image shown is not offered against itself.
    expect([...picker.options].map((o) => o.value)).not.toContain(a!.manifest);
    fireEvent.change(picker, { target: { value: c!.manifest } });
    fireEvent.click(screen.getByRole('button', { name: 'Compare' }));
    const hash = new URLSearchParams(location.hash.slice(1));
    expect([hash.get('image'), hash.get('compare')]).toEqual([a!.manifest, c!.manifest]);
    // Without a second input (no provider), only the same input is offered.
    expect(screen.queryByRole('form', { name: 'Compare with an image by link' })).toBeNull();
  });
});
