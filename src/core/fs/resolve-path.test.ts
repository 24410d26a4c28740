import { describe, expect, it } from 'vitest';
import { buildFilesystem } from './merged-filesystem.ts';
import { resolvePath } from './resolve-path.ts';
import { tarLayer } from './test-support.ts';

const fs = buildFilesystem([
  {
    entries: tarLayer(
      'usr/',
      'usr/bin/',
      'usr/bin/env:10',
      'bin -> usr/bin',
      'etc/',
      'etc/os-release:20',
      'etc/alt -> /etc/os-release',
      'etc/rel -> ../etc/os-release',
      'etc/up -> ../../../../etc/os-release',
      'loop-a -> loop-b',
      'loop-b -> loop-a',
      'self -> self',
      'dangling -> /nowhere',
      'etc/hard => etc/os-release',
    ),
  },
]);
const view = fs.view();

describe('resolvePath: inside the image root, as a chroot would', () => {
  it.each([
    ['/etc/os-release', '/etc/os-release'],
    ['etc/os-release', '/etc/os-release'],
    ['/bin/env', '/usr/bin/env'],
    ['/etc/alt', '/etc/os-release'],
    ['/etc/rel', '/etc/os-release'],
    ['/etc/up', '/etc/os-release'],
    ['/usr/../etc/./os-release', '/etc/os-release'],
    ['/../../etc/os-release', '/etc/os-release'],
    ['/etc/hard', '/etc/hard'],
  ])('%s → %s', (input, want) => {
    const r = resolvePath(view, input);
    expect(r.ok && r.path).toBe(want);
  });

  it.each([
    ['/loop-a', 'loop', /too many levels of symbolic links/],
    ['/self', 'loop', /too many levels/],
    ['/dangling', 'not-found', /\/nowhere: no such file/],
    ['/etc/os-release/x', 'not-a-directory', /\/etc\/os-release: not a directory/],
    ['/missing', 'not-found', /\/missing: no such file/],
  ])('%s fails: %s', (input, reason, message) => {
    const r = resolvePath(view, input);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toBe(reason);
      expect(r.message).toMatch(message);
    }
  });

  it('does not follow the last symlink when asked not to', () => {
    const r = resolvePath(view, '/bin', false);
    expect(r.ok && r.entry.type).toBe('symlink');
  });

  it('a hardlink resolves to content shared with its target', () => {
    const r = resolvePath(view, '/etc/hard');
    expect(r.ok && r.entry.content).toEqual(view.get('/etc/os-release')?.content);
  });
});
