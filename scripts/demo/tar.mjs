// A tiny, deterministic tar writer (POSIX ustar, PAX records only for xattrs and long names)
// and the hashing and compression helpers the demo builder needs. Plain Node, no packages.
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';

const BLOCK = 512;
const enc = new TextEncoder();

const TYPEFLAG = { file: '0', hardlink: '1', symlink: '2', dir: '5' };

/** Bytes of a string (UTF-8) or the bytes themselves. */
export function bytesOf(content) {
  if (content === undefined) return new Uint8Array(0);
  return typeof content === 'string' ? enc.encode(content) : content;
}

/** Concatenate byte arrays. */
export function concat(parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** `sha256:<hex>` of bytes. */
export function sha256(bytes) {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/**
 * Gzip with a fixed header: zlib writes mtime 0 and no file name, so equal input gives equal
 * output with the same zlib. Level 9, as the bytes are small and built once.
 */
export function gzip(bytes) {
  return new Uint8Array(gzipSync(bytes, { level: 9 }));
}

/**
 * Build a tar from member specs `{ path, type?, content?, mode?, uid?, gid?, mtime, linkTarget?,
 * xattrs? }`, sorted by path (directories written as `dir/`), ending with two zero blocks.
 */
/**
 * A member spec of `makeTar`.
 * @typedef {{ path: string, type?: string, content?: unknown, mode?: number, uid?: number,
 *   gid?: number, mtime: number, linkTarget?: string, xattrs?: Record<string, string> }} TarMember
 */

/** @param {TarMember[]} members */
export function makeTar(members) {
  const sorted = [...members].sort((a, b) => compare(strip(a.path), strip(b.path)));
  const parts = [];
  for (const m of sorted) parts.push(...member(m));
  parts.push(new Uint8Array(BLOCK * 2));
  return concat(parts);
}

function strip(p) {
  return p.replace(/\/+$/, '');
}

// Byte order (as `LC_ALL=C sort`), so the order never depends on the locale.
function compare(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

function member(m) {
  const type = m.type ?? 'file';
  const data = type === 'file' ? bytesOf(m.content) : new Uint8Array(0);
  let name = type === 'dir' ? `${strip(m.path)}/` : m.path;
  const pax = {};
  for (const [k, v] of Object.entries(m.xattrs ?? {})) pax[`SCHILY.xattr.${k}`] = bytesOf(v);
  if (enc.encode(name).length > 100) {
    pax.path = enc.encode(name);
    name = name.slice(0, 99);
  }
  const out = [];
  if (Object.keys(pax).length > 0) {
    const records = paxRecords(pax);
    out.push(
      header({ ...m, name: `PaxHeaders/${basename(name)}`, typeflag: 'x', size: records.length }),
      padded(records),
    );
  }
  out.push(header({ ...m, name, typeflag: TYPEFLAG[type], size: data.length }), padded(data));
  return out;
}

function basename(p) {
  const parts = p.split('/').filter(Boolean);
  return (parts[parts.length - 1] ?? 'x').slice(0, 80);
}

function header(f) {
  const b = new Uint8Array(BLOCK);
  const type = f.type ?? 'file';
  const mode = f.mode ?? (type === 'dir' ? 0o755 : type === 'symlink' ? 0o777 : 0o644);
  const uid = f.uid ?? 0;
  const gid = f.gid ?? 0;
  putString(b, 0, 100, f.name);
  putOctal(b, 100, 8, mode);
  putOctal(b, 108, 8, uid);
  putOctal(b, 116, 8, gid);
  putOctal(b, 124, 12, f.size);
  putOctal(b, 136, 12, f.mtime);
  b[156] = f.typeflag.charCodeAt(0);
  putString(b, 157, 100, f.typeflag === 'x' ? '' : (f.linkTarget ?? ''));
  putString(b, 257, 8, 'ustar\u000000');
  putString(b, 265, 32, uid === 0 ? 'root' : (f.uname ?? ''));
  putString(b, 297, 32, gid === 0 ? 'root' : (f.gname ?? ''));
  b.fill(32, 148, 156);
  let sum = 0;
  for (const x of b) sum += x;
  putString(b, 148, 8, `${sum.toString(8).padStart(6, '0')}\u0000 `);
  return b;
}

// Each PAX record is "<len> <key>=<value>\n" where <len> counts its own digits too.
function paxRecords(records) {
  const parts = [];
  for (const key of Object.keys(records).sort()) {
    const body = concat([enc.encode(` ${key}=`), records[key], enc.encode('\n')]);
    let len = body.length + 1;
    while (String(len).length + body.length !== len) len = String(len).length + body.length;
    parts.push(enc.encode(String(len)), body);
  }
  return concat(parts);
}

function putString(b, offset, length, s) {
  const bytes = enc.encode(s);
  if (bytes.length > length) throw new Error(`"${s}" does not fit in ${length} bytes`);
  b.set(bytes, offset);
}

function putOctal(b, offset, length, n) {
  const s = n.toString(8);
  if (s.length > length - 1) throw new Error(`${n} does not fit in a ${length}-byte tar field`);
  putString(b, offset, length, `${s.padStart(length - 1, '0')}\u0000`);
}

function padded(data) {
  const out = new Uint8Array(Math.ceil(data.length / BLOCK) * BLOCK);
  out.set(data);
  return out;
}
