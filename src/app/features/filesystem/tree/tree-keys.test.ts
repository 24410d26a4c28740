import { describe, expect, it } from 'vitest';
import {
  keyAction,
  parentIndex,
  siblingIndexes,
  typeAhead,
  TypeAheadBuffer,
  type KeyRows,
} from './tree-keys.ts';
import { scrollToRow, virtualWindow } from './virtual-window.ts';

/**
 * Rows in a notation: indentation is depth, `+` a closed folder, `-` an open one.
 *   0 etc-      1   passwd   2   ssl+   3 usr+   4 zzz
 */
const TREE = ['etc-', '  passwd', '  ssl+', 'usr+', 'zzz'];
function rows(lines: string[]): KeyRows & { names: string[] } {
  const parsed = lines.map((l) => {
    const depth = (l.length - l.trimStart().length) / 2;
    const t = l.trim();
    const mark = t.at(-1);
    const folder = mark === '+' || mark === '-';
    return { depth, folder, open: mark === '-', name: folder ? t.slice(0, -1) : t };
  });
  return {
    count: parsed.length,
    depthAt: (i) => parsed[i]!.depth,
    expandableAt: (i) => parsed[i]!.folder,
    expandedAt: (i) => parsed[i]!.open,
    names: parsed.map((p) => p.name),
  };
}

describe('keyAction (WAI-ARIA tree)', () => {
  const r = rows(TREE);
  it.each<[string, number, ReturnType<typeof keyAction>]>([
    ['ArrowDown', 0, { type: 'focus', index: 1 }],
    ['ArrowDown', 4, { type: 'focus', index: 4 }], // stays on the last row
    ['ArrowUp', 0, { type: 'focus', index: 0 }],
    ['ArrowUp', 3, { type: 'focus', index: 2 }],
    ['Home', 3, { type: 'focus', index: 0 }],
    ['End', 0, { type: 'focus', index: 4 }],
    ['ArrowRight', 3, { type: 'expand', index: 3 }], // closed folder: open it
    ['ArrowRight', 0, { type: 'focus', index: 1 }], // open folder: first child
    ['ArrowRight', 1, null], // a file: nothing
    ['ArrowLeft', 0, { type: 'collapse', index: 0 }], // open folder: close it
    ['ArrowLeft', 2, { type: 'focus', index: 0 }], // closed child: its parent
    ['ArrowLeft', 1, { type: 'focus', index: 0 }], // a file: its parent
    ['ArrowLeft', 3, null], // top level, closed: nothing
    ['Enter', 1, { type: 'activate', index: 1 }],
    [' ', 1, { type: 'activate', index: 1 }],
    ['*', 1, { type: 'expand-siblings', index: 1 }],
    ['PageDown', 0, { type: 'focus', index: 4 }],
    ['x', 0, null],
  ])('%s on row %i', (key, index, want) => {
    expect(keyAction(key, r, index, 10)).toEqual(want);
  });

  it('does nothing on an empty tree', () => {
    expect(keyAction('ArrowDown', rows([]), 0)).toBeNull();
  });

  it('finds parents and siblings', () => {
    expect(parentIndex(r, 2)).toBe(0);
    expect(parentIndex(r, 3)).toBe(-1);
    expect(siblingIndexes(r, 2)).toEqual([1, 2]);
    expect(siblingIndexes(r, 3)).toEqual([0, 3, 4]);
  });
});

describe('type-ahead', () => {
  const names = ['etc', 'passwd', 'profile', 'ssl', 'usr', 'Pkg'];
  const at = (i: number) => names[i]!;
  it.each<[number, string, number]>([
    [0, 'p', 1], // next row starting with p
    [1, 'p', 2], // one character again: the next one
    [2, 'p', 5], // case-insensitive
    [5, 'p', 1], // wraps around
    [1, 'pr', 2], // a longer prefix refines from the current row
    [1, 'pa', 1],
    [0, 'q', -1],
  ])('from %i typing %j → %i', (from, prefix, want) => {
    expect(typeAhead(names.length, at, from, prefix)).toBe(want);
  });

  it('joins quick keystrokes, restarts after a pause, cycles on a repeated key', () => {
    const b = new TypeAheadBuffer(500);
    expect(b.push('p', 0)).toBe('p');
    expect(b.push('r', 100)).toBe('pr');
    expect(b.push('s', 1000)).toBe('s');
    expect(b.push('s', 1100)).toBe('s');
  });
});

describe('virtualWindow', () => {
  it.each<[string, Parameters<typeof virtualWindow>[0], ReturnType<typeof virtualWindow>]>([
    [
      'top',
      { count: 1000, rowHeight: 20, scrollTop: 0, viewportHeight: 200, overscan: 5 },
      { start: 0, end: 15, offset: 0, total: 20000 },
    ],
    [
      'middle',
      { count: 1000, rowHeight: 20, scrollTop: 1000, viewportHeight: 200, overscan: 5 },
      { start: 45, end: 65, offset: 900, total: 20000 },
    ],
    [
      'a partly shown row counts',
      { count: 1000, rowHeight: 20, scrollTop: 1010, viewportHeight: 200, overscan: 0 },
      { start: 50, end: 61, offset: 1000, total: 20000 },
    ],
    [
      'scrolled past the end is clamped',
      { count: 100, rowHeight: 20, scrollTop: 99999, viewportHeight: 200, overscan: 2 },
      { start: 88, end: 100, offset: 1760, total: 2000 },
    ],
    [
      'fewer rows than the viewport',
      { count: 3, rowHeight: 20, scrollTop: 0, viewportHeight: 200 },
      { start: 0, end: 3, offset: 0, total: 60 },
    ],
    [
      'no rows',
      { count: 0, rowHeight: 20, scrollTop: 0, viewportHeight: 200 },
      { start: 0, end: 0, offset: 0, total: 0 },
    ],
    [
      'a viewport not measured yet still shows a row',
      { count: 10, rowHeight: 20, scrollTop: 0, viewportHeight: 0, overscan: 0 },
      { start: 0, end: 1, offset: 0, total: 200 },
    ],
    [
      '100,000 rows',
      { count: 100_000, rowHeight: 24, scrollTop: 1_200_000, viewportHeight: 480, overscan: 8 },
      { start: 49_992, end: 50_028, offset: 1_199_808, total: 2_400_000 },
    ],
  ])('%s', (_name, args, want) => {
    expect(virtualWindow(args)).toEqual(want);
  });

  it.each<[number, number, number]>([
    [5, 0, 0], // already visible
    [20, 0, 220], // below: scroll so it is the last row
    [2, 200, 40], // above: scroll so it is the first row
  ])('scrollToRow(%i) from %i → %i', (index, scrollTop, want) => {
    expect(scrollToRow({ index, rowHeight: 20, scrollTop, viewportHeight: 200 })).toBe(want);
  });
});
