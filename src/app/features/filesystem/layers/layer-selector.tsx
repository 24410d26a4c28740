import { useId } from 'react';
import type { TreeMode } from '../../../../core/fs/fs-rows.ts';
import { layerNumber } from '../../../components/format.ts';
import '../filesystem.css';

/** The change colours, each with an icon and a word, never colour alone. */
export function ChangeLegend() {
  return (
    <ul className="fs-legend" aria-label="Legend">
      <li className="fs-legend-added">
        <span aria-hidden="true">+</span> added
      </li>
      <li className="fs-legend-modified">
        <span aria-hidden="true">~</span> modified
      </li>
      <li className="fs-legend-deleted">
        <span aria-hidden="true">−</span> deleted
      </li>
    </ul>
  );
}

/** Props of LayerSelector. */
export interface LayerSelectorProps {
  layerCount: number;
  mode: TreeMode;
  onModeChange: (mode: TreeMode) => void;
  /** The history line that made layer n (its `created_by`), for the options. */
  createdBy?: (layer: number) => string | null;
  /** Greyed deleted paths on or off; without a handler the choice lives elsewhere (the change toggles). */
  showDeleted?: boolean;
  onShowDeletedChange?: (show: boolean) => void;
  /** Show the colour legend (off when the change toggles, which name each colour, are beside it). */
  legend?: boolean;
}

const short = (s: string, n = 60) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/**
 * Choose what the tree shows, as dive does and more: the merged filesystem after layer N (its
 * changes marked), or only layer N's own changes; greyed deleted paths on or off; the legend.
 */
export function LayerSelector(props: LayerSelectorProps) {
  const id = useId();
  const { mode, layerCount } = props;
  const layer = mode.kind === 'merged' ? mode.upTo : mode.layer;
  const setLayer = (n: number) =>
    props.onModeChange(
      mode.kind === 'merged' ? { kind: 'merged', upTo: n } : { kind: 'layer', layer: n },
    );
  const setKind = (kind: TreeMode['kind']) =>
    props.onModeChange(kind === 'merged' ? { kind, upTo: layer } : { kind, layer });
  return (
    <div className="fs-toolbar fs-layer-selector">
      <fieldset
        className="fs-mode-choice"
        style={{ border: 0, margin: 0, padding: 0, display: 'flex', gap: '0.75rem' }}
      >
        <legend className="visually-hidden">What the tree shows</legend>
        <label>
          <input
            type="radio"
            name={`${id}-mode`}
            checked={mode.kind === 'merged'}
            onChange={() => setKind('merged')}
          />{' '}
          Merged up to layer
        </label>
        <label>
          <input
            type="radio"
            name={`${id}-mode`}
            checked={mode.kind === 'layer'}
            onChange={() => setKind('layer')}
          />{' '}
          Only this layer&apos;s changes
        </label>
      </fieldset>
      <label htmlFor={`${id}-layer`} className="visually-hidden">
        Layer
      </label>
      <select
        id={`${id}-layer`}
        value={layer}
        onChange={(e) => setLayer(Number(e.target.value))}
        disabled={layerCount === 0}
      >
        {Array.from({ length: layerCount }, (_, n) => {
          const line = props.createdBy?.(n);
          return (
            <option key={n} value={n}>
              {`Layer ${layerNumber(n)}${n === layerCount - 1 ? ' (last)' : ''}${line ? ` · ${short(line)}` : ''}`}
            </option>
          );
        })}
      </select>
      {props.onShowDeletedChange && (
        <label>
          <input
            type="checkbox"
            checked={props.showDeleted ?? true}
            onChange={(e) => props.onShowDeletedChange?.(e.target.checked)}
          />{' '}
          Show deleted paths
        </label>
      )}
      {props.legend !== false && <ChangeLegend />}
    </div>
  );
}
