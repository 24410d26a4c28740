import { defaultImage } from '../core/graph/choose-image.ts';
import { ImagePicker } from './components/image-picker.tsx';
import { marked } from './components/marked-text.tsx';
import { CompareView } from './features/compare/compare-view.tsx';
import type { CompareSide } from './features/compare/use-comparison.ts';
import { CopyLinkButton } from './layout/copy-link-button.tsx';
import { closeCompare } from './compare-actions.ts';
import { imageLabel } from './compare-menu.tsx';
import { useSecondImage } from './state/app-context.tsx';
import type { LoadedImage } from './state/loaded-image.ts';
import { navigate, useViewState } from './state/navigation.ts';
import { useSecondState, type CompareInput, type SecondState } from './state/second-image.ts';

/** Side B: in the second input when it holds the manifest, else in the first; or why there is none. */
function resolveB(
  image: LoadedImage,
  second: SecondState,
  manifest: string,
): CompareSide | { missing: SecondState } {
  if (second.status === 'ready' && second.input.graph.images.some((i) => i.manifest === manifest))
    return { input: second.input, manifest };
  if (image.graph.images.some((i) => i.manifest === manifest)) return { input: image, manifest };
  return { missing: second };
}

/** One side's name and image picker. */
function SideHeading({
  letter,
  input,
  manifest,
  onPick,
}: {
  letter: 'A' | 'B';
  input: CompareInput;
  manifest: string | null;
  onPick: (m: string) => void;
}) {
  return (
    <div className={`cmp-side cmp-side-${letter.toLowerCase()}`}>
      <span className="cmp-letter" aria-hidden="true">
        {letter}
      </span>
      <span className="mono cmp-side-name">{marked(input.name)}</span>
      <span className="small">
        <ImagePicker
          images={input.graph.images}
          value={manifest}
          onChange={onPick}
          label={`Image ${letter}`}
          labelOf={imageLabel}
        />
      </span>
    </div>
  );
}

/** What the view says while B is not there: opening, failed, or not in any input open. */
function MissingB({ state, manifest }: { state: SecondState; manifest: string }) {
  if (state.status === 'opening')
    return (
      <p role="status" className="cmp-progress">
        Opening {marked(state.label)}…
      </p>
    );
  if (state.status === 'failed')
    return (
      <p role="alert" className="error-text">
        {marked(state.label)} could not be opened: {marked(state.error.message)}
      </p>
    );
  return (
    <p role="status" className="cmp-progress">
      This link compares with the image whose manifest is{' '}
      <code className="mono">{marked(manifest)}</code>, which is not in the input open. Drop the
      image that holds it (or open it with “Compare with…” from the explorer).
    </p>
  );
}

/**
 * The compare view of the open input: image A (`image` in the URL) beside image B (`compare`),
 * found in the second input or in the same one. The view's state lives in the URL.
 */
export function CompareWorkspace({ image }: { image: LoadedImage }) {
  const view = useViewState();
  const second = useSecondImage();
  const secondState = useSecondState(second);
  const images = image.graph.images;
  const aManifest = images.some((i) => i.manifest === view.image)
    ? view.image!
    : (defaultImage(images)?.manifest ?? null);
  const bManifest = view.compare ?? '';
  const b = resolveB(image, secondState, bManifest);
  const header = (
    <div className="cmp-sides">
      <SideHeading
        letter="A"
        input={image}
        manifest={aManifest}
        onPick={(m) => navigate({ image: m, path: null })}
      />
      {'input' in b ? (
        <SideHeading
          letter="B"
          input={b.input}
          manifest={b.manifest}
          onPick={(m) => navigate({ compare: m, path: null })}
        />
      ) : null}
      <span className="cmp-head-actions">
        <CopyLinkButton />
        <button type="button" className="btn btn-small" onClick={() => closeCompare(second)}>
          Close comparison
        </button>
      </span>
    </div>
  );
  if (!aManifest || !('input' in b))
    return (
      <main className="compare" aria-label="Compare two images">
        <div className="cmp-head">{header}</div>
        {'missing' in b ? (
          <MissingB state={b.missing} manifest={bManifest} />
        ) : (
          <p className="cmp-progress">This input holds no image to compare.</p>
        )}
      </main>
    );
  return (
    <CompareView
      a={{ input: image, manifest: aManifest }}
      b={b}
      part={view.part}
      strict={view.strict}
      path={view.path}
      onPart={(part) => navigate({ part })}
      onStrict={(strict) => navigate({ strict })}
      onSelect={(path) => navigate({ path })}
      header={header}
    />
  );
}
