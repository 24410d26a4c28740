import type { LayerComparison, LayerRef } from './types.ts';

function record(v: unknown): Record<string, unknown> | null {
  return v !== null && typeof v === 'object' && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : null;
}

/** The layers a manifest lists, with the config's diff_ids beside them (bad entries skipped, never thrown on). */
export function layerRefs(manifest: unknown, config?: unknown): LayerRef[] {
  const layers = record(manifest)?.['layers'];
  const diffIds = record(record(config)?.['rootfs'])?.['diff_ids'];
  if (!Array.isArray(layers)) return [];
  const refs: LayerRef[] = [];
  layers.forEach((l, index) => {
    const d = record(l);
    if (!d || typeof d['digest'] !== 'string') return;
    const size = typeof d['size'] === 'number' && d['size'] >= 0 ? d['size'] : 0;
    const diffId = Array.isArray(diffIds) ? diffIds[index] : undefined;
    refs.push({
      digest: d['digest'],
      size,
      index,
      ...(typeof diffId === 'string' ? { diffId } : {}),
    });
  });
  return refs;
}

/** Same layer content: the same blob, or the same uncompressed tar (diff_id) compressed differently. */
function sameLayer(a: LayerRef, b: LayerRef): boolean {
  return a.digest === b.digest || (a.diffId !== undefined && a.diffId === b.diffId);
}

/**
 * Which layers two images share: the common base (equal layers from the bottom, in order, by
 * digest or diff_id), where they diverge, and the compressed bytes each side adds after that —
 * "why did my image grow?". Manifests and configs are parsed JSON; anything malformed counts as
 * no layers.
 */
export function compareLayers(
  manifestA: unknown,
  manifestB: unknown,
  configA?: unknown,
  configB?: unknown,
): LayerComparison {
  const a = layerRefs(manifestA, configA);
  const b = layerRefs(manifestB, configB);
  let n = 0;
  while (n < a.length && n < b.length && sameLayer(a[n]!, b[n]!)) n++;
  const inB = new Set(b.map((l) => l.digest));
  const sameBlobs = [...new Set(a.map((l) => l.digest).filter((d) => inB.has(d)))];
  const aAfter = a.slice(n);
  const bAfter = b.slice(n);
  const sum = (ls: LayerRef[]): number => ls.reduce((s, l) => s + l.size, 0);
  return {
    shared: a.slice(0, n),
    sameBlobs,
    aAfter,
    bAfter,
    bytesAfterA: sum(aAfter),
    bytesAfterB: sum(bAfter),
  };
}
