// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { useMemo, useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { FileTree, type FileTreeEntry } from './file-tree.tsx';
import { applyFilter, compileFilter } from './tree-filter.ts';
import { TreeModel, type SortKey } from '../../../../core/fs/tree-model.ts';
import { expandForFilter } from './tree-rows.ts';

afterEach(cleanup);

const file = (path: string, size: number, extra: Partial<FileTreeEntry> = {}): FileTreeEntry => ({
  path,
  type: 'file',
  size,
  mode: 0o644,
  uid: 0,
  gid: 0,
  layer: 0,
  ...extra,
});
const dir = (path: string, extra: Partial<FileTreeEntry> = {}): FileTreeEntry => ({
  path,
  type: 'dir',
  size: 0,
  mode: 0o755,
  uid: 0,
  gid: 0,
  layer: 0,
  ...extra,
});

const ENTRIES: FileTreeEntry[] = [
  dir('/bin', { type: 'symlink', linkTarget: 'usr/bin', mode: 0o777 }),
  dir('/etc'),
  file('/etc/group', 40),
  file('/etc/motd', 10, {
    change: 'deleted',
    removedBy: { kind: 'whiteout', path: '/etc/.wh.motd', layer: 4 },
  }),
  file('/etc/passwd', 120, { layer: 1, change: 'modified' }),
  dir('/tmp', { mode: 0o1777 }),
  dir('/usr'),
  dir('/usr/bin'),
  file('/usr/bin/app', 300, { mode: 0o755, layer: 3, change: 'added' }),
  file('/usr/bin/ls', 0, { type: 'hardlink', linkTarget: '/usr/bin/busybox' }),
  file('/usr/bin/busybox', 5000, { mode: 0o755 }),
  file('/zzz', 9000, { uid: 1000, gid: 1000 }),
];

/** FileTree with its state held here, as the app will hold it (in the URL or a store). */
function Harness(props: {
  entries?: FileTreeEntry[];
  initialExpanded?: string[];
  filterText?: string;
}) {
  const model = useMemo(() => TreeModel.build(props.entries ?? ENTRIES), [props.entries]);
  const match = useMemo(() => {
    const f = props.filterText ? compileFilter(props.filterText) : null;
    return f ? applyFilter(model, f) : null;
  }, [model, props.filterText]);
  const [expanded, setExpanded] = useState<Set<string>>(() => {
    const base = new Set(props.initialExpanded ?? []);
    return match ? expandForFilter(base, match) : base;
  });
  const [sort, setSort] = useState<SortKey>('name');
  const [selected, setSelected] = useState<string | null>(null);
  return (
    <>
      <FileTree
        model={model}
        sort={sort}
        onSortChange={setSort}
        expanded={expanded}
        onExpandedChange={setExpanded}
        filter={match}
        selected={selected}
        onSelect={(p) => setSelected(p)}
        label="Image files"
        viewportHeight={240}
      />
      <output data-testid="selected">{selected ?? ''}</output>
    </>
  );
}

const tree = () => screen.getByRole('tree', { name: 'Image files' });
/** A row's name as shown (its accessible name starts with it, then the columns). */
const nameOf = (el: Element | null | undefined) =>
  el?.querySelector('.fs-name')?.textContent ?? null;
const names = () => screen.queryAllByRole('treeitem').map(nameOf);
/** The accessible name of a row whose file name is `n`. */
const named = (n: string) => new RegExp(`^${n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( |$)`);
const focused = () => {
  const id = tree().getAttribute('aria-activedescendant');
  return id ? nameOf(document.getElementById(id)) : null;
};
const key = (k: string) => fireEvent.keyDown(tree(), { key: k });

describe('FileTree', () => {
  it('spells out control and bidi characters in names and link targets, never sends them', () => {
    const entries = [
      file('/evil\u202egnp.exe', 1),
      file('/a\u001b[2Jb', 1),
      dir('/ln', { type: 'symlink', linkTarget: 'x\u2066y', mode: 0o777 }),
    ];
    render(<Harness entries={entries} />);
    const rows = screen.getAllByRole('treeitem');
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    const raw = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
    for (const row of rows) {
      expect(row.textContent).not.toMatch(raw);
      expect(row.getAttribute('aria-label')).not.toMatch(raw);
      expect(row.getAttribute('title')).not.toMatch(raw);
    }
    expect(names()).toEqual(expect.arrayContaining(['evil\\u202egnp.exe', 'a\\x1b[2Jb', 'ln']));
    const marks = tree().querySelectorAll('.j-esc');
    expect([...marks].map((m) => m.textContent)).toEqual(
      expect.arrayContaining(['\\u202e', '\\x1b', '\\u2066']),
    );
  });

  it('marks a folder the shown layer makes opaque, with what that means', () => {
    render(<Harness entries={[dir('/opt', { opaque: true }), dir('/srv')]} />);
    const opt = screen.getByRole('treeitem', { name: /^opt opaque/ });
    const badge = opt.querySelector('.fs-opaque');
    expect(badge?.textContent).toBe('opaque');
    expect(badge?.getAttribute('title')).toMatch(/\.wh\.\.wh\.\.opq/);
    expect(screen.getByRole('treeitem', { name: /^srv/ }).querySelector('.fs-opaque')).toBeNull();
  });

  it('is an ARIA tree of treeitems named by file name, folders first', () => {
    render(<Harness />);
    expect(names()).toEqual(['etc', 'tmp', 'usr', 'bin', 'zzz']);
    const etc = screen.getByRole('treeitem', { name: named('etc') });
    expect(etc.getAttribute('aria-level')).toBe('1');
    expect(etc.getAttribute('aria-expanded')).toBe('false');
    expect(etc.getAttribute('aria-posinset')).toBe('1');
    expect(etc.getAttribute('aria-setsize')).toBe('5');
    // An empty folder is not expandable; a file has no aria-expanded at all.
    expect(screen.getByRole('treeitem', { name: named('tmp') }).hasAttribute('aria-expanded')).toBe(
      false,
    );
    expect(screen.getByRole('treeitem', { name: named('zzz') }).hasAttribute('aria-expanded')).toBe(
      false,
    );
  });

  it('shows the columns: size (folders: total), mode, owner, layer', () => {
    render(<Harness initialExpanded={['/usr', '/usr/bin']} />);
    // The last row of a name: /usr/bin comes before the top-level /bin symlink (folders first).
    const row = (n: string) =>
      screen.getAllByRole('treeitem', { name: named(n) }).at(-1)!.textContent;
    expect(row('usr')).toContain('5.30 kB'); // 300 + 5000, the hardlink counted once
    expect(row('app')).toContain('-rwxr-xr-x');
    expect(row('tmp')).toContain('drwxrwxrwt');
    expect(row('zzz')).toContain('1000:1000');
    expect(row('app')).toMatch(/added/);
    expect(row('bin')).toContain('→ usr/bin');
    expect(row('ls')).toContain('⇒ /usr/bin/busybox');
  });

  it('names each row by what it shows, name first, so a spoken label finds it (WCAG 2.5.3)', () => {
    render(<Harness initialExpanded={['/etc']} />);
    const label = (n: string) =>
      screen.getByRole('treeitem', { name: named(n) }).getAttribute('aria-label');
    expect(label('motd')).toMatch(/^motd deleted by \.wh\.motd in layer 5 /);
    expect(label('bin')).toMatch(/^bin → usr\/bin /);
    expect(label('tmp')).toMatch(/^tmp .*drwxrwxrwt/);
  });

  it('marks changes with words and icons, and deleted rows with their marker', () => {
    render(<Harness initialExpanded={['/etc']} />);
    const motd = screen.getByRole('treeitem', { name: named('motd') });
    expect(motd.className).toContain('fs-deleted');
    expect(motd.textContent).toContain('deleted');
    expect(motd.textContent).toContain('by .wh.motd in layer 5');
    expect(screen.getByRole('treeitem', { name: named('passwd') }).textContent).toContain(
      'modified',
    );
  });

  it('moves with the arrow keys, Home and End, as the APG tree does', () => {
    render(<Harness />);
    expect(focused()).toBe('etc');
    key('ArrowDown');
    expect(focused()).toBe('tmp');
    key('ArrowDown');
    expect(focused()).toBe('usr');
    key('ArrowRight'); // open usr
    expect(screen.getByRole('treeitem', { name: named('usr') }).getAttribute('aria-expanded')).toBe(
      'true',
    );
    expect(names()).toEqual(['etc', 'tmp', 'usr', 'bin', 'bin', 'zzz']);
    key('ArrowRight'); // to its first child
    expect(focused()).toBe('bin');
    expect(
      document
        .getElementById(tree().getAttribute('aria-activedescendant')!)
        ?.getAttribute('aria-level'),
    ).toBe('2');
    key('ArrowLeft'); // a closed child: to the parent
    expect(focused()).toBe('usr');
    key('ArrowLeft'); // an open folder: close it
    expect(names()).toEqual(['etc', 'tmp', 'usr', 'bin', 'zzz']);
    key('End');
    expect(focused()).toBe('zzz');
    key('Home');
    expect(focused()).toBe('etc');
  });

  it('opens every sibling folder with *, and selects with Enter', () => {
    render(<Harness />);
    key('*');
    expect(names()).toEqual(['etc', 'group', 'motd', 'passwd', 'tmp', 'usr', 'bin', 'bin', 'zzz']);
    key('End');
    key('Enter');
    expect(screen.getByTestId('selected').textContent).toBe('/zzz');
    expect(screen.getByRole('treeitem', { name: named('zzz') }).getAttribute('aria-selected')).toBe(
      'true',
    );
  });

  it('finds rows by typing the start of their name', () => {
    render(<Harness initialExpanded={['/etc']} />);
    key('p');
    expect(focused()).toBe('passwd');
    key('a'); // quick keystrokes make one prefix: "pa" still matches here
    expect(focused()).toBe('passwd');
    key('x'); // "pax" matches nothing: focus stays
    expect(focused()).toBe('passwd');
  });

  it('selects on click, opens and closes on the twisty', () => {
    render(<Harness />);
    fireEvent.click(screen.getByRole('treeitem', { name: named('zzz') }));
    expect(screen.getByTestId('selected').textContent).toBe('/zzz');
    const etc = screen.getByRole('treeitem', { name: named('etc') });
    fireEvent.click(etc.querySelector('.fs-twisty')!);
    expect(names()).toContain('passwd');
    fireEvent.click(
      screen.getByRole('treeitem', { name: named('etc') }).querySelector('.fs-twisty')!,
    );
    expect(names()).not.toContain('passwd');
  });

  it('sorts by size from the column header', () => {
    render(<Harness />);
    fireEvent.click(screen.getByRole('button', { name: /Size/ }));
    expect(screen.getByRole('button', { name: /Size/ }).getAttribute('aria-pressed')).toBe('true');
    expect(names()).toEqual(['zzz', 'usr', 'etc', 'tmp', 'bin']);
  });

  it.each([
    ['*.conf', []],
    ['pass', ['etc', 'passwd']],
    ['/usr/**/a*', ['usr', 'bin', 'app']],
  ])('filter %s shows the matches with their parents', (filterText, want) => {
    render(<Harness filterText={filterText} />);
    expect(names()).toEqual(want);
    if (want.length === 0)
      expect(within(tree()).getByText('No path matches the filter.')).toBeTruthy();
  });

  it('renders only the rows on screen of 100,000, and scrolls to the end', () => {
    const many: FileTreeEntry[] = [dir('/big')];
    for (let i = 0; i < 100_000; i++) many.push(file(`/big/f${String(i).padStart(6, '0')}`, i));
    render(<Harness entries={many} initialExpanded={['/big']} />);
    const rendered = screen.getAllByRole('treeitem');
    expect(rendered.length).toBeLessThan(40);
    const space = tree().querySelector('.fs-tree-space') as HTMLElement;
    expect(space.style.height).toBe(`${100_001 * 24}px`);
    act(() => {
      key('End');
    });
    expect(focused()).toBe('f099999');
    expect(
      screen.getByRole('treeitem', { name: named('f099999') }).getAttribute('aria-posinset'),
    ).toBe('100000');
  });
});
