// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { FsReadProgress } from '../../../../worker/fs-session.ts';
import { KeyedStore } from '../../../state/progress-store.ts';
import { ReadingNote } from './reading-note.tsx';
import { readKey } from '../use-filesystem.ts';

type Approach = FsReadProgress & { path: string; offset: number };
/** Report a read's progress as useFsRead does: under its file and page. */
const report = (store: KeyedStore<FsReadProgress>, { path, offset, ...p }: Approach) =>
  store.set(readKey(path, offset), p);

afterEach(cleanup);

describe('ReadingNote', () => {
  it('says how far a long read has come, and why it reads from the start', () => {
    const store = new KeyedStore<FsReadProgress>();
    render(<ReadingNote store={store} path="/var/log/dpkg.log" offset={0} />);
    expect(screen.getByText('Reading…')).toBeTruthy();
    const at = (inflated: number) =>
      act(() =>
        report(store, {
          path: '/var/log/dpkg.log',
          offset: 0,
          layer: 1,
          via: 'start',
          inflated,
          before: 200_000_000,
        }),
      );
    at(50_000_000);
    expect(screen.getByRole('status').textContent).toMatch(
      /inflating layer 2 from its start to reach this file: 50\.0 MB of 200 MB/,
    );
    expect(screen.getByRole('status').textContent).toMatch(/checkpoint/);
    at(150_000_000);
    const bar = screen.getByLabelText('Inflated before the file') as HTMLProgressElement;
    expect(bar.value).toBe(150_000_000);
    expect(bar.max).toBe(200_000_000);
  });

  it('stays a plain "Reading…" for another file or page, and for a short approach', () => {
    const store = new KeyedStore<FsReadProgress>();
    render(<ReadingNote store={store} path="/etc/motd" offset={65_536} />);
    const base = { layer: 0, via: 'start' as const, inflated: 1, before: 100_000_000 };
    act(() => report(store, { ...base, path: '/etc/hosts', offset: 65_536 }));
    expect(screen.queryByRole('status')).toBeNull();
    act(() => report(store, { ...base, path: '/etc/motd', offset: 0 }));
    expect(screen.queryByRole('status')).toBeNull();
    act(() => report(store, { ...base, path: '/etc/motd', offset: 65_536, before: 1_000_000 }));
    expect(screen.queryByRole('status')).toBeNull();
    expect(screen.getByText('Reading…')).toBeTruthy();
  });
});
