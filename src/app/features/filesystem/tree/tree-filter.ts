import type { TreeModel } from '../../../../core/fs/tree-model.ts';
import { runAtOnce, runInSlices } from '../../../../worker/time-slices.ts';

/** A filter as typed: a substring, or a glob when it holds `*`, `?` or `[`. */
export interface CompiledFilter {
  pattern: string;
  kind: 'substring' | 'glob';
  /** Matched against the whole path (the pattern holds `/`), else against the name. */
  onPath: boolean;
  /** Smart case: case-sensitive only when the pattern holds an upper-case letter. */
  caseSensitive: boolean;
  /** Why the pattern cannot be used (a bad range like `[z-a]`); it then matches nothing. */
  error: string | null;
  test(name: string, path: string): boolean;
}

/** Node flags of a filter result. */
export const MATCH = 1;
/** The node has a match below it: shown, expanded, with only the kept children. */
export const ANCESTOR = 2;

/** Which nodes a filter keeps: MATCH and ANCESTOR bits per node id. */
export interface FilterMatch {
  filter: CompiledFilter;
  flags: Uint8Array;
  /** Number of matching nodes. */
  matches: number;
  /** Paths of every ancestor of a match, to expand. */
  ancestors: string[];
}

const GLOB_CHARS = /[*?[]/;

/** Compile what the user typed; null when it is empty (no filter). */
export function compileFilter(input: string): CompiledFilter | null {
  const pattern = input.trim();
  if (pattern === '') return null;
  const caseSensitive = /[A-Z]/.test(pattern);
  const onPath = pattern.includes('/');
  if (!GLOB_CHARS.test(pattern)) {
    const needle = caseSensitive ? pattern : pattern.toLowerCase();
    const test = caseSensitive
      ? (name: string, path: string) => (onPath ? path : name).includes(needle)
      : (name: string, path: string) => (onPath ? path : name).toLowerCase().includes(needle);
    return { pattern, kind: 'substring', onPath, caseSensitive, error: null, test };
  }
  let re: RegExp;
  try {
    re = globToRegExp(pattern, caseSensitive);
  } catch {
    const error = 'this pattern has a bad character class (a range like [z-a])';
    return { pattern, kind: 'glob', onPath, caseSensitive, error, test: () => false };
  }
  return {
    pattern,
    kind: 'glob',
    onPath,
    caseSensitive,
    error: null,
    test: (name, path) => re.test(onPath ? path : name),
  };
}

/**
 * A glob as a RegExp, in the shell's and gitignore's sense: `*` any run within one component,
 * `?` one character but `/`, `[abc]` `[a-z]` `[!x]` `[^x]` classes, `**` any run across
 * components (`**` and a `/`: zero or more whole directories), `\x` a literal. A pattern with a `/` is
 * matched against the whole path: anchored at the root when it starts with `/`, else at any
 * component boundary (`apk/*` matches `/var/cache/apk/x`); without one, against the name.
 */
export function globToRegExp(glob: string, caseSensitive = true): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        while (glob[i + 1] === '*') i++;
        if (glob[i + 1] === '/') {
          i++;
          out += '(?:.*/)?';
        } else out += '.*';
      } else out += '[^/]*';
    } else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const cls = charClass(glob, i);
      if (cls === null) out += '\\[';
      else {
        out += cls.source;
        i = cls.end;
      }
    } else if (c === '\\' && i + 1 < glob.length) out += escape(glob[++i]!);
    else out += escape(c);
  }
  const anchor = !glob.includes('/') ? '^' : glob.startsWith('/') ? '^' : '(?:^|/)';
  return new RegExp(`${anchor}${out}$`, caseSensitive ? '' : 'i');
}

/** A bracket expression starting at `start`, or null when it never closes (then `[` is literal). */
function charClass(glob: string, start: number): { source: string; end: number } | null {
  let j = start + 1;
  let negate = false;
  if (glob[j] === '!' || glob[j] === '^') {
    negate = true;
    j++;
  }
  let body = '';
  // A `]` right after the opening (or its negation) is a member, not the end.
  if (glob[j] === ']') {
    body += '\\]';
    j++;
  }
  for (; j < glob.length; j++) {
    const c = glob[j]!;
    if (c === ']') return { source: negate ? `[^/${body}]` : `[${body}]`, end: j };
    if (c === '\\' || c === '^' || c === '[') body += `\\${c}`;
    else body += c;
  }
  return null;
}

function escape(c: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(c) ? `\\${c}` : c;
}

/** Test every node; mark matches and their ancestors (one walk up per match, stopping at marked ones). */
export function applyFilter(model: TreeModel, filter: CompiledFilter): FilterMatch {
  return runAtOnce(filterSteps(model, filter, Infinity));
}

/** Nodes tested between two looks at the clock (a name test is well under a microsecond). */
const SLICE_CHECK = 2048;

/**
 * The same as applyFilter, in slices of about `sliceMs` each, yielding to the page between them
 * (a scan of 300,000 names held the main thread ~150 ms in one task). Rejects with the signal's
 * reason when aborted (the user typed on).
 */
export function applyFilterInSlices(
  model: TreeModel,
  filter: CompiledFilter,
  signal: AbortSignal,
  sliceMs = 8,
  pause?: () => Promise<void>,
): Promise<FilterMatch> {
  return runInSlices(filterSteps(model, filter, SLICE_CHECK), signal, sliceMs, pause);
}

/** The filter's walk, pausing (yielding) after every `every` nodes; returns the match. */
function* filterSteps(
  model: TreeModel,
  filter: CompiledFilter,
  every: number,
): Generator<void, FilterMatch, void> {
  const flags = new Uint8Array(model.size);
  const ancestors: string[] = [];
  let matches = 0;
  const lower = !filter.caseSensitive && !filter.onPath && filter.kind === 'substring';
  const needle = filter.pattern.toLowerCase();
  for (let id = 1; id < model.size; id++) {
    if (id % every === 0) yield;
    const hit = lower
      ? model.keyOf(id).includes(needle)
      : filter.test(model.nameOf(id), model.pathOf(id));
    if (!hit) continue;
    flags[id]! |= MATCH;
    matches++;
    for (
      let p = model.parentOf(id);
      p >= 0 && (flags[p]! & ANCESTOR) === 0;
      p = model.parentOf(p)
    ) {
      flags[p]! |= ANCESTOR;
      if (p > 0) ancestors.push(model.pathOf(p));
    }
  }
  return { filter, flags, matches, ancestors };
}
