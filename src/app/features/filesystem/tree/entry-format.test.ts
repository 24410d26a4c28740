import { describe, expect, it } from 'vitest';
import { linkTargetPath, modeString, ownerString, timeString, xattrValue } from './entry-format.ts';

describe('modeString', () => {
  it.each<[string, number, string]>([
    ['file', 0o644, '-rw-r--r--'],
    ['file', 0o755, '-rwxr-xr-x'],
    ['dir', 0o755, 'drwxr-xr-x'],
    ['dir', 0o1777, 'drwxrwxrwt'],
    ['dir', 0o1770, 'drwxrwx--T'],
    ['file', 0o4755, '-rwsr-xr-x'],
    ['file', 0o4644, '-rwSr--r--'],
    ['file', 0o2755, '-rwxr-sr-x'],
    ['symlink', 0o777, 'lrwxrwxrwx'],
    ['hardlink', 0o755, '-rwxr-xr-x'],
    ['char', 0o666, 'crw-rw-rw-'],
    ['block', 0o660, 'brw-rw----'],
    ['fifo', 0o600, 'prw-------'],
  ])('%s %o → %s', (type, mode, want) => {
    expect(modeString(type, mode)).toBe(want);
  });
});

describe('linkTargetPath', () => {
  it.each([
    ['/bin', 'usr/bin', '/usr/bin'],
    ['/usr/local/bin/app', '/usr/bin/app', '/usr/bin/app'],
    ['/usr/lib/x.so', '../../lib/x.so.1', '/lib/x.so.1'],
    ['/a', '../../../etc', '/etc'],
    ['/etc/alt/vi', './vim', '/etc/alt/vim'],
  ])('%s -> %s is %s', (link, target, want) => {
    expect(linkTargetPath(link, target)).toBe(want);
  });
});

describe('other columns', () => {
  it('formats owners, times and xattrs', () => {
    expect(ownerString(1000, 1000)).toBe('1000:1000');
    expect(timeString(1_704_067_200)).toBe('2024-01-01 00:00:00');
    expect(timeString(Number.NaN)).toBe('—');
    expect(xattrValue(new TextEncoder().encode('system_u:object_r:bin_t:s0'))).toBe(
      'system_u:object_r:bin_t:s0',
    );
    expect(xattrValue(new Uint8Array([1, 0, 0, 2]))).toBe('0x01000002');
  });
});
