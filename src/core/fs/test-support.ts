import type { TarEntry } from '../layers/tar-entry.ts';
import type { MergedEntry } from './types.ts';

/**
 * Build one layer's TarEntry[] from a compact notation, for tests: `a/` a directory, `a/b` an
 * empty file, `a/b:100` a 100-byte file, `l -> t` a symlink, `h => t` a hardlink, `d!char` a
 * device (or `!fifo`, `!block`, `!unknown`). Names are taken raw, so `./a` and `/a` stay as is.
 */
export function tarLayer(...specs: string[]): TarEntry[] {
  return specs.map((spec, i) => tarEntry(spec, i));
}

/** One TarEntry from the tarLayer notation; `index` sets realistic offsets. */
export function tarEntry(spec: string, index = 0, extra: Partial<TarEntry> = {}): TarEntry {
  const base: TarEntry = {
    path: spec,
    type: 'file',
    size: 0,
    mode: 0o644,
    uid: 0,
    gid: 0,
    mtime: 1_700_000_000,
    headerOffset: index * 1024,
    dataOffset: index * 1024 + 512,
    format: 'ustar',
  };
  let m: RegExpMatchArray | null;
  if ((m = /^(.*) => (.*)$/.exec(spec)) !== null) {
    Object.assign(base, { path: m[1], type: 'hardlink', linkTarget: m[2] });
  } else if ((m = /^(.*) -> (.*)$/.exec(spec)) !== null) {
    Object.assign(base, { path: m[1], type: 'symlink', linkTarget: m[2], mode: 0o777 });
  } else if ((m = /^(.*)!(char|block|fifo|unknown)$/.exec(spec)) !== null) {
    Object.assign(base, { path: m[1], type: m[2] });
  } else if ((m = /^(.*):(\d+)$/.exec(spec)) !== null) {
    Object.assign(base, { path: m[1], size: Number(m[2]) });
  } else if (spec.endsWith('/') || spec === '.') {
    Object.assign(base, { type: 'dir', mode: 0o755 });
  }
  return { ...base, ...extra };
}

/** A merged listing in the same notation (no leading `/`, directories end in `/`), for assertions. */
export function notation(entries: readonly MergedEntry[]): string[] {
  return entries.map((e) => {
    const path = e.path.slice(1);
    if (e.type === 'dir') return path + '/';
    if (e.type === 'symlink') return `${path} -> ${e.linkTarget}`;
    if (e.type === 'hardlink') return `${path} => ${(e.linkTarget ?? '').slice(1)}`;
    if (e.type !== 'file') return `${path}!${e.type}`;
    return e.size > 0 ? `${path}:${e.size}` : path;
  });
}
