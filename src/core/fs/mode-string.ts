const TYPE_CHAR: Readonly<Record<string, string>> = {
  dir: 'd',
  symlink: 'l',
  char: 'c',
  block: 'b',
  fifo: 'p',
  whiteout: 'w',
  opaque: 'o',
};

/** `ls -l` permissions: `-rwxr-xr-x`, `drwxrwxrwt`, `-rwsr-xr-x` (setuid / setgid / sticky as s/S, t/T). */
export function modeString(type: string, mode: number): string {
  const triple = (shift: number, special: number, mark: string): string => {
    const bits = (mode >> shift) & 7;
    const x = bits & 1;
    const setBit = (mode & special) !== 0;
    return (
      (bits & 4 ? 'r' : '-') +
      (bits & 2 ? 'w' : '-') +
      (setBit ? (x ? mark : mark.toUpperCase()) : x ? 'x' : '-')
    );
  };
  return (
    (TYPE_CHAR[type] ?? '-') +
    triple(6, 0o4000, 's') +
    triple(3, 0o2000, 's') +
    triple(0, 0o1000, 't')
  );
}
