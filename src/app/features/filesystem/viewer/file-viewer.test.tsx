// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FileViewer, type ViewedFile } from './file-viewer.tsx';

afterEach(cleanup);

const enc = new TextEncoder();
const entry = (path: string, extra: Partial<ViewedFile> = {}): ViewedFile => ({
  path,
  type: 'file',
  size: 0,
  mode: 0o644,
  uid: 0,
  gid: 0,
  mtime: 1_704_067_200,
  linkTarget: null,
  layer: 0,
  ...extra,
});
const region = () => screen.getByRole('region', { name: 'File contents' });

describe('FileViewer', () => {
  it('asks for a file when none is selected', () => {
    render(<FileViewer file={null} bytes={null} />);
    expect(region().textContent).toContain('Select a file');
  });

  it('shows text with line numbers, and the metadata', () => {
    const text = 'NAME="Demo Linux"\nID=demo\r\nVERSION_ID=1.0\n';
    const bytes = enc.encode(text);
    render(
      <FileViewer
        file={entry('/etc/os-release', {
          size: bytes.length,
          layer: 2,
          mode: 0o755,
          uid: 1000,
          gid: 1000,
        })}
        bytes={bytes}
      />,
    );
    const lines = region().querySelectorAll('.fs-line');
    expect(Array.from(lines, (l) => l.textContent)).toEqual([
      '1NAME="Demo Linux"',
      '2ID=demo',
      '3VERSION_ID=1.0',
    ]);
    const meta = region().querySelector('dl')!.textContent!;
    expect(meta).toContain('-rwxr-xr-x (0755)');
    expect(meta).toContain('1000:1000');
    expect(meta).toContain('2024-01-01 00:00:00 UTC');
    expect(meta).toContain('layer 3');
  });

  it('shows binary as a hex dump with offsets and ASCII', () => {
    const bytes = new Uint8Array([
      0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x41,
    ]);
    render(
      <FileViewer file={entry('/usr/lib/libdemo.so', { size: bytes.length })} bytes={bytes} />,
    );
    expect(region().textContent).toContain('Hex dump: binary: it holds NUL bytes');
    const rows = Array.from(region().querySelectorAll('.fs-line'), (l) => l.textContent);
    expect(rows[0]).toBe(
      '000000007f 45 4c 46 02 01 01 00  00 00 00 00 00 00 00 00.ELF............',
    );
    expect(rows[1]).toMatch(/^0000001041 {46}A$/);
  });

  it('shows ISO-8859-1 text as hex, saying why', () => {
    const bytes = new Uint8Array([...enc.encode('caf'), 0xe9, 0x0a]);
    render(<FileViewer file={entry('/notes.txt', { size: bytes.length })} bytes={bytes} />);
    expect(region().textContent).toContain('not valid UTF-8');
  });

  it('shows an image inline through an object URL, and revokes it', () => {
    const create = vi.fn(() => 'blob:demo');
    const revoke = vi.fn();
    Object.assign(URL, { createObjectURL: create, revokeObjectURL: revoke });
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    const { unmount } = render(
      <FileViewer file={entry('/usr/share/app/logo.png', { size: png.length })} bytes={png} />,
    );
    const img = screen.getByRole('img', { name: 'image logo.png' });
    expect(img.getAttribute('src')).toBe('blob:demo');
    expect((create.mock.calls[0] as unknown as [Blob])[0].type).toBe('image/png');
    unmount();
    expect(revoke).toHaveBeenCalledWith('blob:demo');
  });

  it('links a symlink to its target, resolved against its folder', () => {
    const onNavigate = vi.fn();
    render(
      <FileViewer
        file={entry('/usr/local/bin/app', {
          type: 'symlink',
          linkTarget: '../../bin/app',
          mode: 0o777,
        })}
        bytes={null}
        onNavigate={onNavigate}
        hrefFor={(p) => `#path=${p}`}
      />,
    );
    const link = screen.getByRole('link', { name: '/usr/bin/app' });
    expect(link.getAttribute('href')).toBe('#path=/usr/bin/app');
    fireEvent.click(link);
    expect(onNavigate).toHaveBeenCalledWith('/usr/bin/app');
    expect(region().textContent).toContain('lrwxrwxrwx');
  });

  it('links a hardlink to the file whose bytes it shares, and shows those bytes', () => {
    const bytes = enc.encode('#!/bin/sh\n');
    render(
      <FileViewer
        file={entry('/usr/bin/ls', {
          type: 'hardlink',
          linkTarget: '/usr/bin/busybox',
          size: bytes.length,
        })}
        bytes={bytes}
        hrefFor={(p) => `#path=${p}`}
      />,
    );
    expect(screen.getByRole('link', { name: '/usr/bin/busybox' })).toBeTruthy();
    expect(region().querySelector('.fs-line')?.textContent).toBe('1#!/bin/sh');
  });

  it('pages a large file, numbering lines when earlier lines are known', () => {
    const onPageChange = vi.fn();
    const page = enc.encode('line a\nline b\n');
    render(
      <FileViewer
        file={entry('/big.txt', { size: 3 * 16 })}
        bytes={page}
        head={enc.encode('first page\n')}
        page={1}
        pageSize={16}
        firstLine={41}
        onPageChange={onPageChange}
      />,
    );
    const pager = screen.getByRole('navigation', { name: 'Pages' });
    expect(pager.textContent).toContain('Page 2 of 3');
    expect(pager.textContent).toContain('bytes 16–32 of 48');
    expect(Array.from(region().querySelectorAll('.fs-line'), (l) => l.textContent)).toEqual([
      '42line a',
      '43line b',
    ]);
    fireEvent.click(within(pager).getByRole('button', { name: 'Next page' }));
    expect(onPageChange).toHaveBeenCalledWith(2);
  });

  it('shows xattrs, the deletion marker, and offers a download', () => {
    const onDownload = vi.fn();
    render(
      <FileViewer
        file={entry('/etc/motd', {
          size: 0,
          change: 'deleted',
          removedBy: { kind: 'whiteout', path: '/etc/.wh.motd', layer: 4 },
          xattrs: {
            'security.capability': new Uint8Array([1, 0, 0, 2]),
            'user.note': enc.encode('hi'),
          },
        })}
        bytes={new Uint8Array(0)}
        onDownload={onDownload}
      />,
    );
    const meta = region().querySelector('dl')!.textContent!;
    expect(meta).toContain('in layer 5 by /etc/.wh.motd (whiteout)');
    expect(meta).toContain('xattr security.capability0x01000002');
    expect(meta).toContain('xattr user.notehi');
    expect(region().textContent).toContain('An empty file.');
    fireEvent.click(screen.getByRole('button', { name: 'Download' }));
    expect(onDownload).toHaveBeenCalled();
  });

  it('says when bytes are loading or could not be read', () => {
    const { rerender } = render(<FileViewer file={entry('/a', { size: 5 })} bytes={null} />);
    expect(region().textContent).toContain('Reading…');
    rerender(
      <FileViewer file={entry('/a', { size: 5 })} bytes={null} error="layer 2 is missing" />,
    );
    expect(region().textContent).toContain('layer 2 is missing');
  });
});
