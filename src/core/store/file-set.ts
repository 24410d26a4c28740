import type { Problem } from '../oci/problem.ts';

/** A set of named files: a dropped folder, or the members of a tar archive (each a Blob slice). */
export interface FileSet {
  /** Where the files came from. */
  origin: 'folder' | 'archive';
  /** Path (relative, `/`-separated, no leading `./`) → content. Links inside archives are resolved. */
  files: Map<string, Blob>;
  /** Archive members that were symlinks or hardlinks: path → target path (resolved, relative). */
  links: Map<string, string>;
  /** Directories seen (relative paths, no trailing slash). */
  dirs: Set<string>;
  problems: Problem[];
}

/** Normalise a relative path from a folder walk or an archive member name. */
export function normaliseMemberPath(name: string): string {
  const parts: string[] = [];
  for (const part of name.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}

/** Build a FileSet from (relative path, Blob) pairs, as a dropped folder or `fs.openAsBlob` walk gives them. */
export function fileSetFromEntries(entries: Iterable<readonly [string, Blob]>): FileSet {
  const files = new Map<string, Blob>();
  const dirs = new Set<string>();
  for (const [rawPath, blob] of entries) {
    const path = normaliseMemberPath(rawPath);
    if (path === '') continue;
    files.set(path, blob);
    for (let i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1))
      dirs.add(path.slice(0, i));
  }
  return { origin: 'folder', files, links: new Map(), dirs, problems: [] };
}

/**
 * The one top-level folder every path sits in, when there is one and no image's top file sits
 * beside it (a dropped `myimage/` folder holds `myimage/index.json`); else null.
 */
export function commonRoot(paths: Iterable<string>, has: (path: string) => boolean): string | null {
  const markers = ['oci-layout', 'index.json', 'manifest.json', 'repositories'];
  if (markers.some(has)) return null;
  let root: string | undefined;
  for (const path of paths) {
    const slash = path.indexOf('/');
    if (slash < 0) return null;
    const top = path.slice(0, slash);
    if (root === undefined) root = top;
    else if (root !== top) return null;
  }
  return root ?? null;
}

/** Strip a single common top-level folder (a dropped `myimage/` folder holds `myimage/index.json`). */
export function stripCommonRoot(set: FileSet): FileSet {
  const root = commonRoot(set.files.keys(), (p) => set.files.has(p));
  if (root === null) return set;
  const cut = root.length + 1;
  const strip = (p: string): string => p.slice(cut);
  return {
    origin: set.origin,
    files: new Map([...set.files].map(([p, b]) => [strip(p), b])),
    links: new Map([...set.links].map(([p, t]) => [strip(p), strip(t)])),
    dirs: new Set([...set.dirs].filter((d) => d !== root).map(strip)),
    problems: set.problems,
  };
}
