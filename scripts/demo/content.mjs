// File contents for the demo images, generated in code so nothing binary is checked in.
import { deflateSync } from 'node:zlib';
import { concat } from './tar.mjs';

/** Deterministic pseudo-random bytes (mulberry32, seeded), for binaries that do not compress. */
export function randomBytes(length, seed) {
  const out = new Uint8Array(length);
  let a = seed >>> 0;
  for (let i = 0; i < length; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = ((t ^ (t >>> 14)) >>> 0) & 0xff;
  }
  return out;
}

/**
 * A file that starts like a 64-bit little-endian ELF executable for `machine` (0x3e x86-64,
 * 0xb7 AArch64) and continues with pseudo-random bytes: enough for the hex view to teach the
 * magic number and the machine field; it would not run.
 */
export function fakeElf(length, machine, seed) {
  const out = randomBytes(length, seed);
  const head = [0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, machine, 0];
  out.set(head, 0);
  out.set([1, 0, 0, 0], 20); // e_version
  return out;
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

// CRC-32 as PNG (ISO 3309) defines it.
function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function u32(n) {
  return new Uint8Array([(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff]);
}

function chunk(type, data) {
  const typed = concat([new TextEncoder().encode(type), data]);
  return concat([u32(data.length), typed, u32(crc32(typed))]);
}

/**
 * A 48×48 RGB PNG of a shipping container on a blue sky (stripes, a door line), drawn pixel by
 * pixel: the image viewer's demo, and a PNG whose chunks the hex view shows.
 */
export function containerPng() {
  const w = 48;
  const h = 48;
  const rows = [];
  for (let y = 0; y < h; y++) {
    const row = new Uint8Array(1 + w * 3); // filter byte 0 (None), then RGB
    for (let x = 0; x < w; x++) {
      let rgb = [0x9c, 0xc9, 0xf0 - y]; // sky
      if (y >= 40) rgb = [0x3a, 0x4a, 0x5a]; // quay
      const inBox = x >= 6 && x < 42 && y >= 16 && y < 40;
      if (inBox) {
        const edge = x === 6 || x === 41 || y === 16 || y === 39;
        const stripe = (x - 6) % 4 === 0;
        rgb = edge ? [0x7a, 0x2e, 0x12] : stripe ? [0xb0, 0x45, 0x1c] : [0xd8, 0x5a, 0x26];
        if (x === 24 || x === 23) rgb = [0x5a, 0x22, 0x0e];
      }
      row.set(rgb, 1 + x * 3);
    }
    rows.push(row);
  }
  const ihdr = concat([u32(w), u32(h), new Uint8Array([8, 2, 0, 0, 0])]);
  return concat([
    new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', new Uint8Array(deflateSync(concat(rows), { level: 9 }))),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

/** A small SVG logo (text): shown as an image, and as text with line numbers. */
export const LOGO_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64">
  <title>demo app</title>
  <rect x="6" y="18" width="52" height="30" rx="2" fill="#d85a26" stroke="#7a2e12" stroke-width="2"/>
  <path d="M14 22v22M22 22v22M30 22v22M38 22v22M46 22v22" stroke="#b0451c" stroke-width="2"/>
</svg>
`;

/**
 * A Linux file capability (`security.capability`, VFS_CAP_REVISION_2, effective) granting
 * CAP_NET_RAW: how ping works without setuid root.
 */
export function netRawCapability() {
  const le = (n) => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];
  const CAP_NET_RAW = 13;
  return new Uint8Array([...le(0x02000001), ...le(1 << CAP_NET_RAW), ...le(0), ...le(0), ...le(0)]);
}

/** Lines of readable text, numbered, for a large-ish text file. */
export function textLines(prefix, count) {
  const lines = [];
  for (let i = 1; i <= count; i++) {
    lines.push(
      `${prefix} ${String(i).padStart(5, '0')}: ${'lorem ipsum dolor sit amet '.repeat(2).trim()}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
