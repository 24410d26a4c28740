import { describe, expect, it } from 'vitest';
import { baseName, cleanPath, joinPath, parentOf } from './clean-path.ts';

describe('cleanPath', () => {
  it.each([
    ['etc/os-release', '/etc/os-release'],
    ['./etc/os-release', '/etc/os-release'],
    ['/etc/os-release', '/etc/os-release'],
    ['etc/', '/etc'],
    ['./', '/'],
    ['.', '/'],
    ['/', '/'],
    ['//', '/'],
    ['etc//ssl///certs/', '/etc/ssl/certs'],
    ['a/./b/.', '/a/b'],
    ['a/../b', '/b'],
    ['a/b/..', '/a'],
    ['a/..', '/'],
    ['...', '/...'],
    ['..a/b..', '/..a/b..'],
    ['.wh.x', '/.wh.x'],
    ['bin/[', '/bin/['],
    ['répertoire/файл', '/répertoire/файл'],
  ])('%j → %j', (raw, path) => {
    expect(cleanPath(raw)).toEqual({ ok: true, path });
  });

  it.each([
    ['', 'empty'],
    ['..', 'escapes-root'],
    ['../etc/passwd', 'escapes-root'],
    ['./../x', 'escapes-root'],
    ['/../x', 'escapes-root'],
    ['a/../../x', 'escapes-root'],
    ['a/b/../../../x', 'escapes-root'],
    ['a\0b', 'nul'],
    ['a/b\0', 'nul'],
  ])('%j is refused (%s)', (raw, error) => {
    expect(cleanPath(raw)).toEqual({ ok: false, error });
  });
});

describe('path helpers', () => {
  it.each([
    ['/a/b/c', '/a/b', 'c'],
    ['/a', '/', 'a'],
    ['/', '', ''],
  ])('parentOf/baseName %j', (path, parent, base) => {
    expect(parentOf(path)).toBe(parent);
    expect(baseName(path)).toBe(base);
  });

  it.each([
    ['/', 'a', '/a'],
    ['/a', 'b', '/a/b'],
  ])('joinPath(%j, %j) = %j', (dir, name, path) => {
    expect(joinPath(dir, name)).toBe(path);
  });
});
