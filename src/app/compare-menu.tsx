import { useEffect, useId, useState } from 'react';
import type { ImageSummary } from '../core/graph/model.ts';
import { ImagePicker } from './components/image-picker.tsx';
import { LinkField } from './components/link-field.tsx';
import { marked, markedLabel } from './components/marked-text.tsx';
import { OpenButtons } from './features/loading/open-buttons.tsx';
import { requestFor } from './features/loading/picked.ts';
import { compareWithin, compareWithInput, requestForSecond } from './compare-actions.ts';
import { useSecondImage } from './state/app-context.tsx';
import type { LoadedImage } from './state/loaded-image.ts';
import { useSecondState, type SecondImage } from './state/second-image.ts';
import { secondSourceFor } from './state/second-source.ts';

/** How the pickers name an image of an input. */
export const imageLabel = (i: ImageSummary): string =>
  markedLabel(
    `${i.platform ?? (i.attestation ? 'attestation' : 'unknown platform')}${i.refName ? ` · ${i.refName}` : ''} · ${i.manifest.slice(7, 19)}`,
  );

/** The demo images the site ships (scripts/demo/build-demo.mjs writes the list). */
function useDemos(enabled: boolean): { file: string; title: string }[] {
  const [demos, setDemos] = useState<{ file: string; title: string }[]>([]);
  useEffect(() => {
    if (!enabled) return;
    const abort = new AbortController();
    fetch('./demo/demos.json', { signal: abort.signal })
      .then((r) => (r.ok ? (r.json() as Promise<unknown>) : []))
      .then((list) =>
        setDemos(Array.isArray(list) ? (list as { file: string; title: string }[]) : []),
      )
      .catch(() => setDemos([]));
    return () => abort.abort();
  }, [enabled]);
  return demos;
}

/** Another image of the same input: choose it, then compare. */
function WithinInput({ image, selected }: { image: LoadedImage; selected: ImageSummary | null }) {
  const others = image.graph.images.filter((i) => i.manifest !== selected?.manifest);
  const [picked, setChoice] = useState<string | null>(null);
  const choice = others.some((i) => i.manifest === picked) ? picked : (others[0]?.manifest ?? null);
  if (!selected || others.length === 0) return null;
  return (
    <div className="compare-menu-row">
      <ImagePicker
        images={others}
        value={choice}
        onChange={setChoice}
        label="Another image of this input"
        labelOf={imageLabel}
      />
      <button
        type="button"
        className="btn btn-small btn-primary"
        disabled={!choice}
        onClick={() => choice && compareWithin(selected.manifest, choice)}
      >
        Compare
      </button>
    </div>
  );
}

/** A second input by link: a URL (`src2`) or a registry reference (`ref2`). */
function ByLink({ onOpen }: { onOpen: (text: string) => void }) {
  return (
    <LinkField
      onOpen={onOpen}
      formLabel="Compare with an image by link"
      label="Or a link"
      placeholder="https://…/image.tar or registry/repo:tag"
      className="compare-menu-row"
      buttonClassName="btn btn-small"
    />
  );
}

/** The second input's opening, as the menu says it. */
function SecondStatus({ second }: { second: SecondImage }) {
  const state = useSecondState(second);
  if (state.status === 'opening')
    return (
      <p role="status" className="small">
        Opening {marked(state.label)}…
      </p>
    );
  if (state.status === 'failed')
    return (
      <p role="alert" className="small error-text">
        {marked(state.label)} could not be opened: {marked(state.error.message)}
      </p>
    );
  return null;
}

/**
 * "Compare with…": the selected image beside another image of the same input (another platform,
 * another tag), or beside an image from a second input: dropped, picked, a demo, or a link.
 */
export function CompareMenu({
  image,
  selected,
}: {
  image: LoadedImage;
  selected: ImageSummary | null;
}) {
  const [open, setOpen] = useState(false);
  // The panel opens towards the side of the window with room for it.
  const [alignLeft, setAlignLeft] = useState(false);
  const second = useSecondImage();
  const demos = useDemos(open && second !== null);
  const panelId = useId();
  const a = selected?.manifest ?? null;
  const openLink = (text: string): void => {
    const source = secondSourceFor(text);
    if (second && source) void compareWithInput(second, requestForSecond(source), a, source);
  };
  return (
    <span className="compare-menu">
      <button
        type="button"
        className="btn btn-small"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={(e) => {
          const box = e.currentTarget.getBoundingClientRect();
          setAlignLeft(box.left + box.width / 2 < window.innerWidth / 2);
          setOpen(!open);
        }}
      >
        Compare with…
      </button>
      <div
        id={panelId}
        className={`compare-menu-panel${alignLeft ? ' compare-menu-left' : ''}`}
        hidden={!open}
        role="group"
        aria-label="Compare with"
      >
        <WithinInput image={image} selected={selected} />
        {second && (
          <>
            <div className="compare-menu-row">
              <span>Another image</span>
              <OpenButtons
                verb="Compare with"
                onPicked={(p) => void compareWithInput(second, requestFor(p), a, null)}
              />
            </div>
            {demos.length > 0 && (
              <div className="compare-menu-row" role="group" aria-label="Demo images">
                <span>A demo</span>
                {demos.map((d) => (
                  <button
                    key={d.file}
                    type="button"
                    className="btn btn-small"
                    onClick={() => openLink(`./demo/${d.file}`)}
                  >
                    {d.title}
                  </button>
                ))}
              </div>
            )}
            <ByLink onOpen={openLink} />
            <p className="muted small">Or drop a second image on the compare view.</p>
            <SecondStatus second={second} />
          </>
        )}
      </div>
    </span>
  );
}
