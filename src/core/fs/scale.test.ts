import { describe, expect, it } from 'vitest';
import type { TarEntry } from '../layers/tar-entry.ts';
import { buildFilesystem } from './merged-filesystem.ts';
import { tarEntry } from './test-support.ts';

/** A Debian-like tree: `dirs` directories of `files` files each, under /usr/share. */
function bigLayer(dirs: number, files: number, prefix: string): TarEntry[] {
  const out: TarEntry[] = [];
  for (let d = 0; d < dirs; d++) {
    out.push(tarEntry(`./usr/share/${prefix}${d}/`, out.length));
    for (let f = 0; f < files; f++) {
      out.push(tarEntry(`./usr/share/${prefix}${d}/file-${f}.txt:${(f + 1) * 100}`, out.length));
    }
  }
  return out;
}

describe('scale', () => {
  it('merges ~100,000 entries with whiteouts, lists and sizes them quickly', () => {
    const base = bigLayer(2000, 40, 'pkg'); // 82,000 entries
    const update = bigLayer(400, 40, 'pkg'); // rewrites 16,400 of them
    const cleanup: TarEntry[] = [];
    for (let d = 0; d < 500; d++) cleanup.push(tarEntry(`usr/share/.wh.pkg${1500 + d}`, d));
    cleanup.push(tarEntry('usr/share/pkg0/.wh..wh..opq', 500));
    const started = performance.now();
    const fs = buildFilesystem([{ entries: base }, { entries: update }, { entries: cleanup }]);
    const merged = fs.listMerged();
    const sizes = fs.layerSizes();
    const waste = fs.waste();
    const elapsed = performance.now() - started;
    expect(merged.length).toBe(2 + 1500 + 1499 * 40);
    expect(fs.pathsRemovedFromLowerLayers(2)).toHaveLength(500 * 41 + 40);
    expect(sizes[1]!.hiddenBytes).toBe(82_000); // pkg0's files, hidden by the opaque marker
    expect(waste.wastedFiles).toHaveLength(400 * 40); // rewritten files; deleted dirs were never leaves
    // ~0.5 s on a slow 2-core CI box (where a bare Map.set costs ~0.4 µs); generous against noise.
    expect(elapsed).toBeLessThan(3000);
  });
});
