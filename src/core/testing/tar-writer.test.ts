import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { readTar } from '../layers/read-tar.ts';
import { gzip, makeTar, type TarSpec } from './tar-writer.ts';

const long = `${'sub/'.repeat(40)}name.txt`;
const specs: TarSpec[] = [
  { path: 'dir/', type: 'dir' },
  {
    path: 'dir/file.txt',
    content: 'hello\n',
    mode: 0o600,
    uid: 1000,
    gid: 100,
    uname: 'me',
    gname: 'users',
  },
  { path: long, content: 'pax name' },
  { path: `gnu/${long}`, content: 'gnu name', longNameStyle: 'gnu' },
  { path: `prefix/${long.slice(0, 120)}`, longNameStyle: 'prefix' },
  { path: 'link', type: 'symlink', linkTarget: 'dir/file.txt' },
  { path: 'hard', type: 'hardlink', linkTarget: 'dir/file.txt' },
  { path: 'fifo', type: 'fifo' },
  { path: 'cap', xattrs: { 'security.capability': new Uint8Array([1, 0, 0, 2, 0xc0]) } },
];

function gnuTar(args: string[], input: Uint8Array): string | undefined {
  try {
    return execFileSync('tar', args, { input, encoding: 'utf8' });
  } catch {
    return undefined;
  }
}
const hasGnuTar = gnuTar(['--version'], new Uint8Array(0))?.includes('GNU tar') ?? false;

describe('makeTar', () => {
  const tar = makeTar(specs);

  it('writes whole 512-byte blocks ending with two zero blocks', () => {
    expect(tar.length % 512).toBe(0);
    expect(tar.subarray(-1024).every((b) => b === 0)).toBe(true);
  });

  it('reads back through the layer tar reader', async () => {
    const { entries, problems } = await readTar(new Blob([tar]).stream());
    expect(problems).toEqual([]);
    expect(entries.map((e) => e.path)).toEqual(specs.map((s) => s.path));
  });

  it('has GNU tar to compare with (part of every Debian system: a failure, never a skip)', () => {
    expect(hasGnuTar).toBe(true);
  });

  it('is read by GNU tar the same way', () => {
    expect(gnuTar(['-tf', '-'], tar)?.trim().split('\n')).toEqual(specs.map((s) => s.path));
    expect(gnuTar(['-xOf', '-', 'dir/file.txt'], tar)).toBe('hello\n');
    expect(gnuTar(['-xOf', '-', `gnu/${long}`], tar)).toBe('gnu name');
  });

  it('gzip() output is read by GNU tar', () => {
    expect(gnuTar(['-tzf', '-'], gzip(tar))?.trim().split('\n')).toHaveLength(specs.length);
  });
});
