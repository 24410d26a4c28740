import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lineDiff, splitLines, toHunks, type LineOp } from './line-diff.ts';

/** The ops as compact text: ` x` kept, `-x` removed, `+x` added. */
const show = (ops: readonly LineOp[]): string[] =>
  ops.map((o) => (o.kind === 'same' ? ' ' : o.kind === 'removed' ? '-' : '+') + o.text);

/** The length of a longest common subsequence, by the textbook table (small inputs only). */
function lcsLength(a: readonly string[], b: readonly string[]): number {
  const row = new Array<number>(b.length + 1).fill(0);
  for (const x of a) {
    let diag = 0;
    for (let j = 1; j <= b.length; j++) {
      const up = row[j]!;
      row[j] = x === b[j - 1] ? diag + 1 : Math.max(row[j]!, row[j - 1]!);
      diag = up;
    }
  }
  return row[b.length]!;
}

describe('splitLines', () => {
  it.each([
    ['empty', '', []],
    ['one line without newline', 'a', ['a']],
    ['final newline ends the line', 'a\nb\n', ['a', 'b']],
    ['blank lines kept', 'a\n\nb', ['a', '', 'b']],
    ['only a newline', '\n', ['']],
  ])('%s', (_name, text, want) => expect(splitLines(text)).toEqual(want));
});

describe('lineDiff', () => {
  it.each([
    ['equal', 'a\nb\n', 'a\nb\n', [' a', ' b']],
    ['both empty', '', '', []],
    ['all added', '', 'x\ny', ['+x', '+y']],
    ['all removed', 'x\ny', '', ['-x', '-y']],
    ['one line changed', 'a\nb\nc', 'a\nB\nc', [' a', '-b', '+B', ' c']],
    ['line inserted', 'a\nc', 'a\nb\nc', [' a', '+b', ' c']],
    ['line deleted at the start', 'a\nb\nc', 'b\nc', ['-a', ' b', ' c']],
    ['appended at the end', 'a', 'a\nb', [' a', '+b']],
  ])('%s', (_name, a, b, want) => {
    const r = lineDiff(a, b);
    expect(r.ok).toBe(true);
    if (r.ok) expect(show(r.ops)).toEqual(want);
  });

  it('finds an edit script of 5 for the paper example (ABCABBA vs CBABAC)', () => {
    const r = lineDiff('A\nB\nC\nA\nB\nB\nA', 'C\nB\nA\nB\nA\nC');
    expect(r.ok && r.added + r.removed).toBe(5);
  });

  it('numbers lines on each side from 1', () => {
    const r = lineDiff('a\nb\nc', 'a\nx\nc');
    expect(r.ok && r.ops).toEqual([
      { kind: 'same', text: 'a', a: 1, b: 1 },
      { kind: 'removed', text: 'b', a: 2 },
      { kind: 'added', text: 'x', b: 2 },
      { kind: 'same', text: 'c', a: 3, b: 3 },
    ]);
    expect(r.ok && [r.added, r.removed]).toEqual([1, 1]);
  });

  it('rebuilds both sides and is optimal, for any pair of small texts', () => {
    const text = fc.array(fc.constantFrom('a', 'b', 'c', 'd', ''), { maxLength: 30 });
    fc.assert(
      fc.property(text, text, (la, lb) => {
        const r = lineDiff(la.map((l) => `${l}\n`).join(''), lb.map((l) => `${l}\n`).join(''));
        if (!r.ok) return false;
        const sideA = r.ops.filter((o) => o.kind !== 'added').map((o) => o.text);
        const sideB = r.ops.filter((o) => o.kind !== 'removed').map((o) => o.text);
        const kept = r.ops.filter((o) => o.kind === 'same').length;
        return (
          JSON.stringify(sideA) === JSON.stringify(la) &&
          JSON.stringify(sideB) === JSON.stringify(lb) &&
          kept === lcsLength(la, lb)
        );
      }),
      { numRuns: 400 },
    );
  });

  it('refuses inputs over the line limit, by name', () => {
    const r = lineDiff('a\nb\nc\n', 'a\n', { maxLines: 2, maxSteps: 1e9 });
    expect(r).toEqual({ ok: false, reason: 'too-large', linesA: 3, linesB: 1 });
  });

  it('gives up on pairs too different for its step budget', () => {
    const a = Array.from({ length: 2000 }, (_, i) => `a${i}`).join('\n');
    const b = Array.from({ length: 2000 }, (_, i) => `b${i}`).join('\n');
    expect(lineDiff(a, b, { maxLines: 1e6, maxSteps: 100_000 })).toMatchObject({
      ok: false,
      reason: 'too-different',
    });
    // The same pair within the default budget is diffed: 2000 lines out, 2000 in.
    expect(lineDiff(a, b)).toMatchObject({ ok: true, added: 2000, removed: 2000 });
  });

  it('diffs a large file with a few changes quickly (the work follows the edits)', () => {
    const lines = Array.from({ length: 40_000 }, (_, i) => `line ${i}`);
    const changed = [...lines];
    changed[100] = 'changed';
    changed.splice(30_000, 0, 'inserted');
    const t0 = performance.now();
    const r = lineDiff(lines.join('\n'), changed.join('\n'), { maxLines: 50_000, maxSteps: 5e5 });
    expect(r).toMatchObject({ ok: true, added: 2, removed: 1 });
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});

describe('toHunks', () => {
  const ops = (spec: string): LineOp[] =>
    [...spec].map((c, i) => ({
      kind: c === '.' ? 'same' : c === '-' ? 'removed' : 'added',
      text: String(i),
    }));

  it.each([
    ['no change, no hunk', '.....', 1, []],
    ['one change in the middle', '..........-+..........', 2, [[8, 14, 8]]],
    ['a change at the start', '-......', 2, [[0, 3, 0]]],
    ['two changes near each other join', '...-...-...', 2, [[1, 10, 1]]],
    [
      'two changes far apart stay apart',
      '-.........+',
      2,
      [
        [0, 3, 0],
        [8, 11, 5],
      ],
    ],
  ])('%s', (_name, spec, context, want) => {
    const all = ops(spec);
    const hunks = toHunks(all, context);
    // [first op index, end index, kept lines skipped before]
    expect(
      hunks.map((h) => [Number(h.ops[0]!.text), Number(h.ops.at(-1)!.text) + 1, h.skippedBefore]),
    ).toEqual(want);
  });
});
