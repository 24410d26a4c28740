import type { ImageSummary } from '../../../core/graph/model.ts';
import type { Descriptor, HistoryEntry } from '../../../core/oci/types.ts';

/** One row of the layers table: a layer (with the history step that made it), or a history step that made none. */
export type LayerTableRow =
  | {
      kind: 'layer';
      index: number;
      descriptor: Descriptor;
      diffId: string | null;
      history: HistoryEntry | null;
    }
  | { kind: 'empty'; step: number; history: HistoryEntry };

/**
 * Interleave an image's layers with its config history, as `docker history` reads it: each
 * non-empty step made the next layer; empty steps (ENV, CMD, …) sit between them. Layers the
 * history does not account for come last, without a step.
 */
export function layerTableRows(image: ImageSummary): LayerTableRow[] {
  const rows: LayerTableRow[] = [];
  const history = image.configDocument?.history ?? [];
  const used = new Set<number>();
  history.forEach((h, step) => {
    if (h.emptyLayer || h.layerIndex === null) {
      rows.push({ kind: 'empty', step, history: h });
      return;
    }
    const l = image.layers[h.layerIndex];
    if (!l || used.has(h.layerIndex)) {
      rows.push({ kind: 'empty', step, history: h });
      return;
    }
    used.add(h.layerIndex);
    rows.push({
      kind: 'layer',
      index: h.layerIndex,
      descriptor: l.descriptor,
      diffId: l.diffId,
      history: h,
    });
  });
  image.layers.forEach((l, index) => {
    if (!used.has(index))
      rows.push({
        kind: 'layer',
        index,
        descriptor: l.descriptor,
        diffId: l.diffId,
        history: null,
      });
  });
  return rows;
}

/** The history line as people read it: the classic builder's `/bin/sh -c #(nop) ` prefix of metadata steps dropped. */
export function createdByText(h: HistoryEntry | null): string {
  if (!h) return '';
  const raw = h.createdBy ?? h.comment ?? '';
  return raw.replace(/^\/bin\/sh -c #\(nop\)\s+/, '');
}
