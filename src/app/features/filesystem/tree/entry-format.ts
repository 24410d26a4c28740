export { modeString } from '../../../../core/fs/mode-string.ts';

/** Owner as `uid:gid` (names are not in the image's metadata, only in its /etc/passwd). */
export function ownerString(uid: number, gid: number): string {
  return `${uid}:${gid}`;
}

/** A tar mtime (seconds, maybe fractional) as UTC `2024-01-01 00:00:00`. */
export function timeString(mtime: number): string {
  if (!Number.isFinite(mtime)) return '—';
  const d = new Date(Math.trunc(mtime * 1000));
  return Number.isNaN(d.getTime()) ? '—' : d.toISOString().replace('T', ' ').slice(0, 19);
}

/**
 * The path a link points at, lexically: a symlink's target against the link's folder (absolute
 * targets from the image root, `..` never above it); a hardlink's target is already absolute.
 * Symlinks met on the way are not followed (core's resolvePath does that against a view).
 */
export function linkTargetPath(linkPath: string, target: string): string {
  const base = target.startsWith('/') ? [] : linkPath.split('/').filter(Boolean).slice(0, -1);
  for (const part of target.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') base.pop();
    else base.push(part);
  }
  return `/${base.join('/')}`;
}

/** An xattr value for people: text when it is printable UTF-8, else hex bytes. */
export function xattrValue(value: Uint8Array): string {
  let printable = value.length > 0;
  for (const b of value) if (b < 0x20 || b === 0x7f) printable = false;
  if (printable) {
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(value);
    } catch {
      // not UTF-8: fall through to hex
    }
  }
  return `0x${Array.from(value, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
