import { parentOf } from '../fs/clean-path.ts';
import type { MergedEntry } from '../fs/types.ts';
import type { DirDelta } from './types.ts';

/** Bytes of regular files under each directory (recursively); hardlinks share bytes and add none. */
function bytesPerDir(entries: readonly MergedEntry[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const e of entries) {
    if (e.type !== 'file' || e.size === 0) continue;
    let dir = parentOf(e.path);
    for (;;) {
      out.set(dir, (out.get(dir) ?? 0) + e.size);
      if (dir === '/') break;
      dir = parentOf(dir);
    }
  }
  return out;
}

/** Directories whose file bytes differ between A and B, largest change first (then by path). */
export function dirDeltas(a: readonly MergedEntry[], b: readonly MergedEntry[]): DirDelta[] {
  const ba = bytesPerDir(a);
  const bb = bytesPerDir(b);
  const out: DirDelta[] = [];
  for (const path of new Set([...ba.keys(), ...bb.keys()])) {
    const bytesA = ba.get(path) ?? 0;
    const bytesB = bb.get(path) ?? 0;
    if (bytesA !== bytesB) out.push({ path, bytesA, bytesB, delta: bytesB - bytesA });
  }
  return out.sort(
    (p, q) =>
      Math.abs(q.delta) - Math.abs(p.delta) || (p.path < q.path ? -1 : p.path > q.path ? 1 : 0),
  );
}
