/** Why a tar member name cannot name a path in the image. */
export type PathError = 'empty' | 'nul' | 'escapes-root';

/** A cleaned path, or why there is none. */
export type CleanResult = { ok: true; path: string } | { ok: false; error: PathError };

// Anything the fast path cannot take as is: a `.` or `..` component, or an empty one.
const NEEDS_WORK = /(?:^|\/)\.\.?(?:\/|$)|\/\//;

/**
 * Clean a tar member name into canonical form: absolute, no `.`, no empty components, no
 * trailing slash; the root is `/`. Like tar and containerd, an absolute name is read relative
 * to the root. Unlike Go's path.Clean, a `..` that would climb above the root is an error, not
 * clamped: GNU tar refuses such members and the image would otherwise say two things at once.
 */
export function cleanPath(raw: string): CleanResult {
  if (raw.length === 0) return { ok: false, error: 'empty' };
  if (raw.includes('\0')) return { ok: false, error: 'nul' };
  // Most layers name members `./usr/...` or `usr/...`: drop the `./` and take the fast path.
  let rest = raw;
  while (rest.length > 2 && rest.charCodeAt(0) === 46 && rest.charCodeAt(1) === 47)
    rest = rest.slice(2);
  if (!NEEDS_WORK.test(rest)) {
    let path = rest.charCodeAt(0) === 47 ? rest : '/' + rest;
    if (path.length > 1 && path.charCodeAt(path.length - 1) === 47) path = path.slice(0, -1);
    return { ok: true, path };
  }
  const parts: string[] = [];
  for (const part of raw.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return { ok: false, error: 'escapes-root' };
      parts.pop();
      continue;
    }
    parts.push(part);
  }
  return { ok: true, path: '/' + parts.join('/') };
}

/** The parent of a canonical path (`/a/b` → `/a`, `/a` → `/`); the root has none (`''`). */
export function parentOf(path: string): string {
  if (path === '/') return '';
  const slash = path.lastIndexOf('/');
  return slash <= 0 ? '/' : path.slice(0, slash);
}

/** The last component of a canonical path (`''` for the root). */
export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Join a canonical directory and one name. */
export function joinPath(dir: string, name: string): string {
  return dir === '/' ? '/' + name : dir + '/' + name;
}
