import type { LayerComparison, LayerRef } from '../../../core/diff/types.ts';
import { formatBytes, layerNumber, shortDigest } from '../../components/format.ts';
import { marked, markedLabel } from '../../components/marked-text.tsx';
import { formatDelta } from './compare-model.ts';

/** A list of layers: number, digest, size, and whether the other side holds the same blob. */
function LayerList({
  label,
  layers,
  sameBlobs,
  empty,
}: {
  label: string;
  layers: readonly LayerRef[];
  sameBlobs: ReadonlySet<string>;
  empty: string;
}) {
  if (layers.length === 0) return <p className="muted small">{empty}</p>;
  return (
    <table className="cmp-table cmp-layers" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col">Digest</th>
          <th scope="col" className="num">
            Size
          </th>
        </tr>
      </thead>
      <tbody>
        {layers.map((l) => (
          <tr key={`${l.index}${l.digest}`}>
            <td className="num">{layerNumber(l.index)}</td>
            <td className="mono" title={markedLabel(l.digest)}>
              {marked(shortDigest(l.digest))}
              {sameBlobs.has(l.digest) && <span className="pill cmp-same">same blob</span>}
            </td>
            <td className="num">{formatBytes(l.size)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** One side's layers after the common base, with the bytes they add. */
function AfterBase({
  side,
  layers,
  bytes,
  sameBlobs,
}: {
  side: 'A' | 'B';
  layers: readonly LayerRef[];
  bytes: number;
  sameBlobs: ReadonlySet<string>;
}) {
  return (
    <section aria-label={`${side} after the base`}>
      <h3 className="cmp-doc-title">
        {side} after the base <span className="muted small">{formatBytes(bytes)}</span>
      </h3>
      <LayerList
        label={`${side}'s layers after the common base`}
        layers={layers}
        sameBlobs={sameBlobs}
        empty={`Nothing: ${side} ends with the common base.`}
      />
    </section>
  );
}

/**
 * The layers part: the common base the two images share, where they diverge, and the bytes each
 * adds after it (the answer to "why did my image grow?").
 */
export function LayersDiff({ layers }: { layers: LayerComparison }) {
  const same = new Set(layers.sameBlobs);
  const baseBytes = layers.shared.reduce((n, l) => n + l.size, 0);
  const growth = layers.bytesAfterB - layers.bytesAfterA;
  return (
    <div className="cmp-layers-part">
      <p className="cmp-layers-summary" data-testid="layers-summary">
        {layers.shared.length === 0
          ? 'No common base: the two images differ from their first layer. '
          : `A common base of ${layers.shared.length} layer${layers.shared.length === 1 ? '' : 's'} (${formatBytes(baseBytes)}), then `}
        {`A adds ${layers.aAfter.length} (${formatBytes(layers.bytesAfterA)}) and B adds ${layers.bAfter.length} (${formatBytes(layers.bytesAfterB)}): `}
        <strong>{formatDelta(growth)}</strong> from A to B, compressed.
      </p>
      <section aria-label="Common base">
        <h3 className="cmp-doc-title">Common base</h3>
        <LayerList
          label="Layers both images share"
          layers={layers.shared}
          sameBlobs={new Set()}
          empty="None: the first layers differ."
        />
      </section>
      <div className="cmp-columns">
        <AfterBase side="A" layers={layers.aAfter} bytes={layers.bytesAfterA} sameBlobs={same} />
        <AfterBase side="B" layers={layers.bAfter} bytes={layers.bytesAfterB} sameBlobs={same} />
      </div>
    </div>
  );
}
