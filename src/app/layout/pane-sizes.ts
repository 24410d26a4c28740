import { useCallback, useState } from 'react';

/** The workspace's pane sizes, in percent of the workspace: graph column, details column, layers strip. */
export interface PaneSizes {
  graph: number;
  details: number;
  bottom: number;
}

/** Each size's bounds: the filesystem column keeps at least what the two others leave. */
export const PANE_LIMITS: Record<keyof PaneSizes, { min: number; max: number }> = {
  graph: { min: 20, max: 60 },
  details: { min: 18, max: 45 },
  bottom: { min: 8, max: 75 },
};

/** Sizes before anyone resizes: tried on a 14-layer image and a 92-node index at 1280 px. */
export const DEFAULT_SIZES: PaneSizes = { graph: 38, details: 30, bottom: 32 };

const KEY = 'oci-explorer.panes.v1';
/** The filesystem column never gets less than this share of the width. */
const MIN_MIDDLE = 24;

/** A size kept within its bounds, and graph + details leaving the filesystem column its share. */
export function clampSizes(s: PaneSizes): PaneSizes {
  const fit = (k: keyof PaneSizes, v: number) =>
    Math.round(Math.min(PANE_LIMITS[k].max, Math.max(PANE_LIMITS[k].min, v)) * 10) / 10;
  const graph = fit('graph', s.graph);
  const details = Math.min(fit('details', s.details), 100 - MIN_MIDDLE - graph);
  return { graph, details, bottom: fit('bottom', s.bottom) };
}

/** Sizes read back from storage; anything unreadable or out of shape gives the defaults. */
export function parseSizes(text: string | null): PaneSizes {
  if (!text) return DEFAULT_SIZES;
  try {
    const v: unknown = JSON.parse(text);
    if (typeof v !== 'object' || v === null) return DEFAULT_SIZES;
    const o = v as Record<string, unknown>;
    const num = (k: keyof PaneSizes) =>
      typeof o[k] === 'number' && Number.isFinite(o[k]) ? o[k] : DEFAULT_SIZES[k];
    return clampSizes({ graph: num('graph'), details: num('details'), bottom: num('bottom') });
  } catch {
    return DEFAULT_SIZES;
  }
}

function load(): PaneSizes {
  try {
    return parseSizes(localStorage.getItem(KEY));
  } catch {
    // Storage can be switched off; the defaults serve.
    return DEFAULT_SIZES;
  }
}

/**
 * Read the stored sizes once while the page is idle, before any image: the page's first
 * localStorage read waits on the browser's process, which held the first workspace ~100 ms
 * while a dropped folder's files were being posted to a worker.
 */
export function warmPaneSizes(): void {
  load();
}

/** The pane sizes, remembered in localStorage across loads and images. */
export function usePaneSizes(): [PaneSizes, (patch: Partial<PaneSizes>) => void] {
  const [sizes, setSizes] = useState(load);
  const update = useCallback((patch: Partial<PaneSizes>) => {
    setSizes((old) => {
      const next = clampSizes({ ...old, ...patch });
      try {
        localStorage.setItem(KEY, JSON.stringify(next));
      } catch {
        // Not remembered, still applied.
      }
      return next;
    });
  }, []);
  return [sizes, update];
}
