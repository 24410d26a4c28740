import { readNumber } from './tar-header.ts';

/**
 * GNU sparse files: the archive stores only the data regions, back to back; the map says where
 * each lies in the file, and everything else (the holes) reads as zeros. Formats read, as GNU tar
 * and Go's archive/tar read them: the old GNU `S` header (4 entries, then 21 per extension
 * block), PAX 0.0 (`GNU.sparse.offset` / `GNU.sparse.numbytes` pairs), PAX 0.1
 * (`GNU.sparse.map`), and PAX 1.0 (the map as decimal lines at the start of the data).
 */

/** One data region of a sparse file: `length` stored bytes that belong at `offset`. */
export interface SparseRegion {
  offset: number;
  length: number;
}

/** Most regions one member's map may hold (a hostile map must not allocate without bound). */
export const MAX_SPARSE_REGIONS = 1 << 16;

/** Regions of an old GNU header block (at 386, 4 entries) or extension block (at 0, 21). */
export function readGnuRegions(block: Uint8Array, at: number, count: number): SparseRegion[] {
  const out: SparseRegion[] = [];
  for (let i = 0; i < count; i++) {
    const o = at + i * 24;
    // An unused slot is empty (GNU tar writes NULs there).
    if (block[o] === 0 && block[o + 12] === 0) continue;
    out.push({ offset: readNumber(block, o, 12), length: readNumber(block, o + 12, 12) });
  }
  return out;
}

/** PAX 0.1's `GNU.sparse.map` ("offset,length,offset,length…"), or a reason it is malformed. */
export function parseMapList(text: string): SparseRegion[] | string {
  if (text === '') return [];
  const parts = text.split(',');
  if (parts.length % 2 !== 0)
    return `GNU.sparse.map holds an odd number of values (${parts.length})`;
  return pairs(parts);
}

/** PAX 0.0's ordered `GNU.sparse.offset` / `GNU.sparse.numbytes` values, or a reason. */
export function parsePairs(
  records: readonly { key: string; value: string }[],
): SparseRegion[] | string {
  const values: string[] = [];
  for (const [i, r] of records.entries()) {
    const want = i % 2 === 0 ? 'GNU.sparse.offset' : 'GNU.sparse.numbytes';
    if (r.key !== want)
      return `PAX sparse 0.0 records out of order: ${r.key} where ${want} was due`;
    values.push(r.value);
  }
  if (values.length % 2 !== 0) return 'PAX sparse 0.0 map ends with an offset and no length';
  return pairs(values);
}

function pairs(values: readonly string[]): SparseRegion[] | string {
  if (values.length / 2 > MAX_SPARSE_REGIONS)
    return `the sparse map has ${values.length / 2} regions, more than the ${MAX_SPARSE_REGIONS} read`;
  const out: SparseRegion[] = [];
  for (let i = 0; i < values.length; i += 2) {
    const offset = decimal(values[i]!);
    const length = decimal(values[i + 1]!);
    if (offset === undefined || length === undefined)
      return `sparse map value "${values[offset === undefined ? i : i + 1]}" is not a number`;
    out.push({ offset, length });
  }
  return out;
}

/**
 * PAX 1.0's map, read from the start of the member's data block by block: the region count, then
 * an offset and a length per region, each a decimal line; padded to a 512-byte block.
 */
export class SparseMapText {
  private text = '';
  private readonly values: number[] = [];
  private count = -1;
  /** Blocks read so far (the data starts after them). */
  blocks = 0;

  /** Take one more block; returns the regions once complete, a reason when malformed, else undefined. */
  push(block: Uint8Array): SparseRegion[] | string | undefined {
    this.blocks++;
    for (let i = 0; i < block.length; i++) {
      const c = block[i]!;
      if (c !== 10) {
        if (c < 48 || c > 57)
          return `the PAX sparse 1.0 map holds a byte that is not a decimal digit (0x${c.toString(16).padStart(2, '0')})`;
        if (this.text.length >= 16)
          return 'the PAX sparse 1.0 map holds a number of more than 16 digits';
        this.text += String.fromCharCode(c);
        continue;
      }
      const n = decimal(this.text);
      this.text = '';
      if (n === undefined) return 'the PAX sparse 1.0 map has an empty line';
      if (this.count < 0) {
        if (n > MAX_SPARSE_REGIONS)
          return `the sparse map has ${n} regions, more than the ${MAX_SPARSE_REGIONS} read`;
        this.count = n;
      } else this.values.push(n);
      if (this.values.length === this.count * 2) {
        const out: SparseRegion[] = [];
        for (let k = 0; k < this.values.length; k += 2)
          out.push({ offset: this.values[k]!, length: this.values[k + 1]! });
        return out;
      }
    }
    return undefined;
  }
}

/**
 * Check a map against the file's real size and stored data, as Go does: regions in order, not
 * overlapping, inside the file; their lengths add up to the stored bytes. Returns a reason, or
 * undefined when the map is sound.
 */
export function checkSparseMap(
  map: readonly SparseRegion[],
  realSize: number,
  stored: number,
): string | undefined {
  let end = 0;
  let sum = 0;
  for (const r of map) {
    if (
      !Number.isSafeInteger(r.offset) ||
      !Number.isSafeInteger(r.length) ||
      r.offset < 0 ||
      r.length < 0
    )
      return `sparse region ${r.offset}+${r.length} is not a valid range`;
    if (r.offset < end) return `sparse region at ${r.offset} overlaps or precedes the one before`;
    end = r.offset + r.length;
    if (end > realSize)
      return `sparse region ${r.offset}+${r.length} runs past the file's ${realSize} bytes`;
    sum += r.length;
  }
  if (sum !== stored)
    return `the sparse map's regions hold ${sum} bytes but the archive stores ${stored}`;
  return undefined;
}

function decimal(s: string): number | undefined {
  if (!/^\d{1,16}$/.test(s)) return undefined;
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : undefined;
}
