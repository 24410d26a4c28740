/** Bytes for people: 1.2 kB, 34.5 MB (decimal units, as registries and docker show sizes). */
export function formatBytes(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  if (n < 1000) return `${n} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let v = n;
  let i = -1;
  do {
    v /= 1000;
    i++;
  } while (v >= 1000 && i < units.length - 1);
  return `${v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : v.toFixed(0)} ${units[i]}`;
}

/** A rate in MB/s with one decimal. */
export function formatRate(bytesPerSecond: number): string {
  return `${(bytesPerSecond / 1e6).toFixed(1)} MB/s`;
}

/**
 * A layer's number as the app shows it: counted from 1 (layer 1 is the base), as people count.
 * Inside, and in the CLI's JSON, a layer is its 0-based index in the manifest's `layers`.
 */
export function layerNumber(index: number): number {
  return index + 1;
}

/** `sha256:0123456789ab` — enough to tell digests apart at a glance. */
export function shortDigest(digest: string, hex = 12): string {
  const colon = digest.indexOf(':');
  return colon < 0 ? digest : digest.slice(0, colon + 1 + hex);
}

// For anything but a safe integer: one formatter, made on first use. `toLocaleString` builds a
// new one per call, which is slow in a long table; and the page's first Intl.NumberFormat loads
// the browser's number data (~20 ms), which made at import time lengthened the page's first task.
let counts: Intl.NumberFormat | undefined;

/** An integer with thousands separators, as en-US writes it (1,234,567). */
export function formatCount(n: number): string {
  if (!Number.isSafeInteger(n)) return (counts ??= new Intl.NumberFormat('en-US')).format(n);
  const digits = String(Math.abs(n));
  let out = digits.slice(0, ((digits.length - 1) % 3) + 1);
  for (let i = out.length; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`;
  return n < 0 ? `-${out}` : out;
}
