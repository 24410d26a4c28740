import { useMemo } from 'react';
import type { ImageSummary } from '../../../core/graph/model.ts';
import { formatBytes, shortDigest } from '../../components/format.ts';
import { ImagePicker } from '../../components/image-picker.tsx';
import { noImageReasons } from '../../components/non-filesystem.ts';
import { useImageAnalysis } from '../../queries/analysis.ts';
import type { LoadedImage } from '../../state/loaded-image.ts';
import { navigate } from '../../state/navigation.ts';
import { LayerRow } from './layer-row.tsx';
import { layerTableRows } from './layer-rows.ts';

/** How an image is named in the picker: platform, ref, labels, digest. */
export function imageLabel(img: ImageSummary): string {
  const parts = [img.platform ?? (img.artifactType ? 'artifact' : 'image')];
  if (img.refName) parts.push(img.refName);
  else if (img.tags[0]) parts.push(img.tags[0]);
  if (img.attestation) parts.push('attestation');
  parts.push(shortDigest(img.manifest));
  return parts.join(' · ');
}

/** Why there are no layers to list (a missing manifest is named as missing). */
function NoImage({ image }: { image: LoadedImage }) {
  return (
    <div className="empty-note" role="note">
      {noImageReasons(image.graph).map((r) => (
        <p key={r}>{r}</p>
      ))}
    </div>
  );
}

/** The layers of one image, one row each, with history steps between and live progress. */
export function LayersPanel({
  image,
  selected,
}: {
  image: LoadedImage;
  selected: ImageSummary | null;
}) {
  const rows = useMemo(() => (selected ? layerTableRows(selected) : []), [selected]);
  const analysis = useImageAnalysis(image, selected);
  if (!selected) return <NoImage image={image} />;
  const total = selected.layers.reduce((s, l) => s + l.descriptor.size, 0);
  return (
    <div className="layers">
      <div className="panel-bar">
        <ImagePicker
          images={image.graph.images}
          value={selected.manifest}
          onChange={(m) => navigate({ image: m, node: m })}
          label="Image"
          labelOf={imageLabel}
        />
        <span className="muted">
          {selected.layers.length} layers · {formatBytes(total)} compressed
          {analysis.data
            ? ` · ${formatBytes(analysis.data.waste.wastedBytes)} wasted · efficiency ${(analysis.data.waste.efficiency * 100).toFixed(2)} %`
            : ''}
        </span>
      </div>
      <div className="table-scroll">
        <table className="layer-table" aria-label={`Layers of ${imageLabel(selected)}`}>
          <thead>
            <tr>
              <th scope="col" className="num">
                #
              </th>
              <th scope="col">layer</th>
              <th scope="col">type</th>
              <th scope="col" className="num">
                size
              </th>
              <th scope="col" className="num">
                uncompressed
              </th>
              <th scope="col">read</th>
              <th scope="col">diff_id</th>
              <th
                scope="col"
                className="num"
                title="bytes of this layer still visible in the final filesystem"
              >
                net
              </th>
              <th
                scope="col"
                className="num"
                title="bytes of this layer that a later layer overwrites or deletes: carried in the image, invisible in the container. Not the image's wasted bytes above, which (as dive counts them) add every copy of a path written more than once."
              >
                overwritten later
              </th>
              <th scope="col">created by</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <LayerRow
                key={r.kind === 'layer' ? `l${r.index}` : `h${r.step}`}
                image={image}
                row={r}
                sizes={r.kind === 'layer' ? analysis.data?.sizes[r.index] : undefined}
              />
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
