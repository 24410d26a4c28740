/**
 * A line diff for the viewer of a changed text file: Myers' O(ND) algorithm in its linear-space
 * form (E. W. Myers, "An O(ND) Difference Algorithm and Its Variations", 1986, section 4b: find
 * the middle snake of an optimal path from both ends, recurse on the two halves). Lines are
 * interned to numbers first, and a common prefix and suffix are taken off before each split.
 *
 * Image files are hostile: inputs beyond `maxLines`, and pairs so different that the search
 * would pass `maxSteps`, are not diffed at all; the caller says "the files differ" instead.
 */

/** One line of the diff: kept in both, only in A (removed), or only in B (added). */
export interface LineOp {
  kind: 'same' | 'removed' | 'added';
  text: string;
  /** Line number in A, from 1 (same and removed). */
  a?: number;
  /** Line number in B, from 1 (same and added). */
  b?: number;
}

/** The diff, or why none was computed. */
export type LineDiffResult =
  | { ok: true; ops: LineOp[]; added: number; removed: number }
  | { ok: false; reason: 'too-large' | 'too-different'; linesA: number; linesB: number };

/** How much work one diff may do. */
export interface LineDiffLimits {
  /** The most lines either side may have. */
  maxLines: number;
  /** The most steps of the search (diagonals walked plus matches followed), over all splits. */
  maxSteps: number;
}

/** Defaults: enough for any config file or script, a few tens of milliseconds at worst. */
export const LINE_DIFF_LIMITS: LineDiffLimits = { maxLines: 50_000, maxSteps: 20_000_000 };

/** Split text into lines; a final newline ends the last line rather than starting an empty one. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

class OverBudget extends Error {}

/** The line diff of two texts (see the file's comment for the algorithm and limits). */
export function lineDiff(
  textA: string,
  textB: string,
  limits: LineDiffLimits = LINE_DIFF_LIMITS,
): LineDiffResult {
  const linesA = splitLines(textA);
  const linesB = splitLines(textB);
  if (linesA.length > limits.maxLines || linesB.length > limits.maxLines)
    return { ok: false, reason: 'too-large', linesA: linesA.length, linesB: linesB.length };
  const ids = new Map<string, number>();
  const intern = (lines: string[]): Int32Array =>
    Int32Array.from(lines, (l) => {
      let id = ids.get(l);
      if (id === undefined) ids.set(l, (id = ids.size));
      return id;
    });
  const a = intern(linesA);
  const b = intern(linesB);
  // Which lines of each side are kept; everything else is removed (A) or added (B).
  const keptA = new Uint8Array(a.length);
  const keptB = new Uint8Array(b.length);
  try {
    new Search(a, b, keptA, keptB, limits.maxSteps).compare(0, a.length, 0, b.length);
  } catch (e) {
    if (e instanceof OverBudget)
      return { ok: false, reason: 'too-different', linesA: a.length, linesB: b.length };
    throw e;
  }
  return toOps(linesA, linesB, keptA, keptB);
}

/** Walk both sides in order: removed lines of A before the added lines of B that replace them. */
function toOps(
  linesA: string[],
  linesB: string[],
  keptA: Uint8Array,
  keptB: Uint8Array,
): LineDiffResult & { ok: true } {
  const ops: LineOp[] = [];
  let i = 0;
  let j = 0;
  let added = 0;
  let removed = 0;
  while (i < linesA.length || j < linesB.length) {
    if (i < linesA.length && !keptA[i]) {
      ops.push({ kind: 'removed', text: linesA[i]!, a: i + 1 });
      removed++;
      i++;
    } else if (j < linesB.length && !keptB[j]) {
      ops.push({ kind: 'added', text: linesB[j]!, b: j + 1 });
      added++;
      j++;
    } else {
      ops.push({ kind: 'same', text: linesA[i]!, a: i + 1, b: j + 1 });
      i++;
      j++;
    }
  }
  return { ok: true, ops, added, removed };
}

/** The recursive search, with the shared step budget and the two diagonal arrays. */
class Search {
  private steps = 0;
  private readonly forward: Int32Array;
  private readonly backward: Int32Array;

  constructor(
    private readonly a: Int32Array,
    private readonly b: Int32Array,
    private readonly keptA: Uint8Array,
    private readonly keptB: Uint8Array,
    private readonly maxSteps: number,
  ) {
    // Diagonals k run from -(N+M) to N+M; one pair of arrays serves every split (linear space).
    const size = 2 * (a.length + b.length) + 3;
    this.forward = new Int32Array(size);
    this.backward = new Int32Array(size);
  }

  private spend(n: number): void {
    this.steps += n;
    if (this.steps > this.maxSteps) throw new OverBudget();
  }

  /** Mark the kept lines of a[aLo, aHi) against b[bLo, bHi). */
  compare(aLo: number, aHi: number, bLo: number, bHi: number): void {
    const { a, b } = this;
    while (aLo < aHi && bLo < bHi && a[aLo] === b[bLo]) {
      this.keptA[aLo++] = 1;
      this.keptB[bLo++] = 1;
    }
    while (aLo < aHi && bLo < bHi && a[aHi - 1] === b[bHi - 1]) {
      this.keptA[--aHi] = 1;
      this.keptB[--bHi] = 1;
    }
    this.spend(1);
    if (aLo === aHi || bLo === bHi) return;
    const [x, y, u, v] = this.middleSnake(aLo, aHi, bLo, bHi);
    // Each half holds about half of the edits, so the recursion ends (an edit script of one
    // edit has nothing left after the prefix and suffix are taken off).
    this.compare(aLo, aLo + x, bLo, bLo + y);
    for (let i = x, j = y; i < u; i++, j++) {
      this.keptA[aLo + i] = 1;
      this.keptB[bLo + j] = 1;
    }
    this.compare(aLo + u, aHi, bLo + v, bHi);
  }

  /** The middle snake of an optimal path, as [x, y, u, v] relative to (aLo, bLo). */
  private middleSnake(
    aLo: number,
    aHi: number,
    bLo: number,
    bHi: number,
  ): [number, number, number, number] {
    const { a, b, forward: vf, backward: vb } = this;
    const n = aHi - aLo;
    const m = bHi - bLo;
    const delta = n - m;
    const odd = (delta & 1) !== 0;
    const off = n + m + 1;
    const max = Math.ceil((n + m) / 2);
    vf[off + 1] = 0;
    vb[off + 1] = 0;
    for (let d = 0; d <= max; d++) {
      this.spend(d + 1);
      // Forward: vf[off + k] is the furthest x reached on diagonal k = x - y.
      for (let k = -d; k <= d; k += 2) {
        let x =
          k === -d || (k !== d && vf[off + k - 1]! < vf[off + k + 1]!)
            ? vf[off + k + 1]!
            : vf[off + k - 1]! + 1;
        let y = x - k;
        const x0 = x;
        const y0 = y;
        while (x < n && y < m && a[aLo + x] === b[bLo + y]) {
          x++;
          y++;
        }
        this.spend(x - x0);
        vf[off + k] = x;
        // Backward diagonal c = delta - k, reached after d - 1 steps: do the paths meet?
        const c = delta - k;
        if (odd && c >= -(d - 1) && c <= d - 1 && x + vb[off + c]! >= n) return [x0, y0, x, y];
      }
      // Backward, on the reversed sequences: vb[off + c] is the furthest x' on diagonal c.
      for (let c = -d; c <= d; c += 2) {
        let x =
          c === -d || (c !== d && vb[off + c - 1]! < vb[off + c + 1]!)
            ? vb[off + c + 1]!
            : vb[off + c - 1]! + 1;
        let y = x - c;
        const x0 = x;
        const y0 = y;
        while (x < n && y < m && a[aHi - 1 - x] === b[bHi - 1 - y]) {
          x++;
          y++;
        }
        this.spend(x - x0);
        vb[off + c] = x;
        const k = delta - c;
        if (!odd && k >= -d && k <= d && vf[off + k]! + x >= n)
          return [n - x, m - y, n - x0, m - y0];
      }
    }
    // Unreachable: the two searches always meet by d = ceil((N + M) / 2).
    throw new Error('line diff: no middle snake');
  }
}

/** A run of the diff to show: the changed lines with up to `context` kept lines around them. */
export interface LineHunk {
  ops: LineOp[];
  /** Kept lines left out before this hunk (0 for the first when it starts at line 1). */
  skippedBefore: number;
}

/** Group a diff's lines into hunks with `context` kept lines around each change. */
export function toHunks(ops: readonly LineOp[], context = 3): LineHunk[] {
  const hunks: LineHunk[] = [];
  const changed = ops.map((o) => o.kind !== 'same');
  let i = 0;
  let lastEnd = 0;
  while (i < ops.length) {
    if (!changed[i]) {
      i++;
      continue;
    }
    const start = Math.max(lastEnd, i - context);
    let end = i;
    // Extend while the next change is within 2 * context kept lines.
    for (;;) {
      while (end < ops.length && changed[end]) end++;
      let next = end;
      while (next < ops.length && !changed[next]) next++;
      if (next < ops.length && next - end <= 2 * context) end = next;
      else break;
    }
    const stop = Math.min(ops.length, end + context);
    hunks.push({ ops: ops.slice(start, stop), skippedBefore: start - lastEnd });
    lastEnd = stop;
    i = stop;
  }
  return hunks;
}
