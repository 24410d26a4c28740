import type { MergedView } from './merged-view.ts';
import type { MergedEntry } from './types.ts';

/** Symlinks followed before a lookup gives up, as Linux's ELOOP limit. */
export const MAX_SYMLINK_HOPS = 40;

/** The result of resolving a path inside the image root. */
export type Resolved =
  | { ok: true; entry: MergedEntry; path: string }
  | { ok: false; reason: 'not-found' | 'loop' | 'not-a-directory'; message: string };

/**
 * Resolve a path in a merged view the way the kernel would inside a chroot: every component
 * may be a symlink (absolute targets start again at the image root; `..` never climbs above
 * it); the last component is followed too when `follow` is set.
 */
export function resolvePath(view: MergedView, input: string, follow = true): Resolved {
  let hops = 0;
  let pending = split(input);
  let done: string[] = [];
  while (pending.length > 0) {
    const part = pending.shift()!;
    if (part === '..') {
      done.pop();
      continue;
    }
    const path = `/${[...done, part].join('/')}`;
    const entry = view.get(path);
    if (!entry)
      return {
        ok: false,
        reason: 'not-found',
        message: `${path}: no such file or directory in the image`,
      };
    const last = pending.length === 0;
    if (entry.type === 'symlink' && (!last || follow)) {
      if (++hops > MAX_SYMLINK_HOPS)
        return {
          ok: false,
          reason: 'loop',
          message: `${input}: too many levels of symbolic links (a loop through ${path})`,
        };
      const target = entry.linkTarget ?? '';
      if (target.startsWith('/')) done = [];
      pending = [...split(target), ...pending];
      continue;
    }
    if (!last && entry.type !== 'dir')
      return { ok: false, reason: 'not-a-directory', message: `${path}: not a directory` };
    done.push(part);
  }
  const path = `/${done.join('/')}`;
  const entry = view.get(path);
  if (!entry)
    return {
      ok: false,
      reason: 'not-found',
      message: `${path}: no such file or directory in the image`,
    };
  return { ok: true, entry, path };
}

function split(p: string): string[] {
  return p.split('/').filter((s) => s !== '' && s !== '.');
}
