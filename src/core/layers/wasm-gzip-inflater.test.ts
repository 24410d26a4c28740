import fc from 'fast-check';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { constants, gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { noise, sameBytes } from '../testing/bytes.ts';
import { FIXTURES } from '../testing/fixtures.ts';
import { concat, gzip, makeTar } from '../testing/tar-writer.ts';
import { expectDecompressError } from '../testing/expect-decompress-error.ts';
import { DecompressError } from './decompress-error.ts';
import { CheckpointList, type GzipCheckpoint } from './gzip-checkpoints.ts';
import { GzipInflater, type GzipInflaterOptions } from './gzip-inflater.ts';
import { readTar } from './read-tar.ts';
import { WasmGzipInflater } from './wasm-gzip-inflater.ts';

/** The common protocol of both gzip inflaters. */
interface Inflater {
  push(chunk: Uint8Array): void;
  read(): Uint8Array | undefined;
  end(): void;
}

/** Everything an inflater makes of `input` fed in `chunk`-byte pieces, or the error it throws. */
function drive(
  inf: Inflater,
  input: Uint8Array,
  chunk: number,
): { out: Uint8Array; error?: unknown } {
  const parts: Uint8Array[] = [];
  try {
    for (let o = 0; o < input.length; o += chunk) {
      inf.push(input.subarray(o, o + chunk));
      for (let c = inf.read(); c; c = inf.read()) parts.push(c);
    }
    inf.end();
    for (let c = inf.read(); c; c = inf.read()) parts.push(c);
  } catch (error) {
    return { out: concat(parts), error };
  }
  return { out: concat(parts) };
}

async function ours(input: Uint8Array, chunk: number, opts: GzipInflaterOptions = {}) {
  return drive(await WasmGzipInflater.create(opts), input, chunk);
}

/** Every gzip blob in tests/fixtures: gzip files, and gzip members of tar archives. */
async function fixtureGzips(): Promise<[string, Uint8Array][]> {
  const found: [string, Uint8Array][] = [];
  const isGzip = (b: Uint8Array): boolean => b[0] === 0x1f && b[1] === 0x8b;
  const walk = async (dir: string): Promise<void> => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) {
        await walk(full);
        continue;
      }
      const bytes = new Uint8Array(readFileSync(full));
      const rel = relative(FIXTURES, full);
      if (isGzip(bytes)) found.push([rel, bytes]);
      else if (name.endsWith('.tar')) {
        const blob = new Blob([bytes]);
        const { entries } = await readTar(blob.stream());
        for (const e of entries) {
          const member = bytes.subarray(e.dataOffset, e.dataOffset + e.size);
          if (e.type === 'file' && isGzip(member)) found.push([`${rel} ${e.path}`, member]);
        }
      }
    }
  };
  await walk(FIXTURES);
  return found;
}

const fixtures = await fixtureGzips();

describe('WasmGzipInflater on every gzip blob in tests/fixtures', () => {
  it('finds them', () => {
    expect(fixtures.length).toBeGreaterThan(30);
  });
  it.each(fixtures)('%s equals zlib', async (_name, gz) => {
    const want = new Uint8Array(gunzipSync(gz));
    for (const chunk of [gz.length, 65_536, 4093]) {
      const { out, error } = await ours(gz, chunk);
      expect(error).toBeUndefined();
      expect(sameBytes(out, want)).toBe(true);
    }
  });
});

/** Bytes with a mix of runs, repeats and noise, so deflate makes all kinds of matches. */
const payload = fc
  .array(
    fc.oneof(
      fc.uint8Array({ minLength: 0, maxLength: 3000 }),
      fc
        .record({ byte: fc.integer({ min: 0, max: 255 }), n: fc.integer({ min: 1, max: 2000 }) })
        .map(({ byte, n }) => new Uint8Array(n).fill(byte)),
      fc
        .record({
          word: fc.string({ minLength: 1, maxLength: 12 }),
          n: fc.integer({ min: 1, max: 400 }),
        })
        .map(({ word, n }) => new TextEncoder().encode(word.repeat(n))),
    ),
    { maxLength: 30 },
  )
  .map((parts) => concat(parts));

const strategies = [
  constants.Z_DEFAULT_STRATEGY,
  constants.Z_FILTERED,
  constants.Z_HUFFMAN_ONLY,
  constants.Z_RLE,
  constants.Z_FIXED,
];
const member = fc.record({
  data: payload,
  level: fc.integer({ min: 0, max: 9 }),
  strategy: fc.constantFrom(...strategies),
  memLevel: fc.integer({ min: 1, max: 9 }),
});

describe('WasmGzipInflater on random streams', () => {
  it('equals zlib for any data, level, strategy, member count and chunk size', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(member, { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 1, max: 70_000 }),
        fc.boolean(),
        async (members, chunk, padded) => {
          const gz = concat([
            ...members.map((m) => new Uint8Array(gzipSync(m.data, m))),
            padded ? new Uint8Array(7) : new Uint8Array(0),
          ]);
          const want = concat(members.map((m) => m.data));
          const { out, error } = await ours(gz, chunk);
          expect(error).toBeUndefined();
          expect(sameBytes(out, want)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('with reuseOutput, hands out views of one buffer that still read as zlib', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(member, { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 1, max: 70_000 }),
        async (members, chunk) => {
          const gz = concat(members.map((m) => new Uint8Array(gzipSync(m.data, m))));
          const want = concat(members.map((m) => m.data));
          const inf = await WasmGzipInflater.create({ reuseOutput: true, chunkSize: 4096 });
          const buffers = new Set<ArrayBufferLike>();
          // Each view is used (copied) before the next read, as listLayer uses it.
          const copying: Inflater = {
            push: (c) => inf.push(c),
            end: () => inf.end(),
            read: () => {
              const v = inf.read();
              if (v) buffers.add(v.buffer);
              return v?.slice();
            },
          };
          const { out, error } = drive(copying, gz, chunk);
          expect(error).toBeUndefined();
          expect(sameBytes(out, want)).toBe(true);
          expect(buffers.size).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('equals zlib fed one byte at a time, and at every split of a small stream', async () => {
    const data = concat([noise(3000, 3), new TextEncoder().encode('abcabcabd'.repeat(300))]);
    for (const level of [0, 1, 6, 9]) {
      const gz = concat([gzip(data, level), gzip(data.subarray(0, 777), level)]);
      const want = concat([data, data.subarray(0, 777)]);
      const one = await ours(gz, 1);
      expect(one.error).toBeUndefined();
      expect(sameBytes(one.out, want)).toBe(true);
      for (let cut = 1; cut < gz.length; cut += level === 6 ? 1 : 37) {
        const inf = await WasmGzipInflater.create();
        const parts: Uint8Array[] = [];
        for (const piece of [gz.subarray(0, cut), gz.subarray(cut)]) {
          inf.push(piece);
          for (let c = inf.read(); c; c = inf.read()) parts.push(c);
        }
        inf.end();
        for (let c = inf.read(); c; c = inf.read()) parts.push(c);
        expect(sameBytes(concat(parts), want)).toBe(true);
      }
    }
  });

  it('reads gzip headers with every optional field', async () => {
    const data = new TextEncoder().encode('hello, header fields '.repeat(50));
    const body = new Uint8Array(gzipSync(data)).subarray(10);
    const extra = [4, 0, 1, 2, 3, 4];
    // FHCRC | FEXTRA | FNAME | FCOMMENT, then MTIME, XFL, OS.
    const header = [0x1f, 0x8b, 8, 2 | 4 | 8 | 16, 1, 2, 3, 4, 0, 3];
    const gz = concat([
      new Uint8Array([...header, ...extra]),
      new TextEncoder().encode('name.txt\0a comment\0'),
      new Uint8Array([0xaa, 0xbb]),
      body,
    ]);
    for (const chunk of [1, 5, gz.length]) {
      const { out, error } = await ours(gz, chunk);
      expect(error).toBeUndefined();
      expect(sameBytes(out, data)).toBe(true);
    }
  });
});

/** gzip's CRC-32 one bit at a time: the reference for the decoder's table-driven one. */
function bitwiseCrc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

/** A gzip member holding `data` (under 64 KiB) in one stored block, with `crc` in its trailer. */
function storedMember(data: Uint8Array, crc: number): Uint8Array<ArrayBuffer> {
  const n = data.length;
  const out = new Uint8Array(10 + 5 + n + 8);
  out.set([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255]);
  out.set([1, n & 0xff, n >> 8, ~n & 0xff, (~n >> 8) & 0xff], 10);
  out.set(data, 15);
  const view = new DataView(out.buffer);
  view.setUint32(15 + n, crc >>> 0, true);
  view.setUint32(19 + n, n, true);
  return out;
}

describe('WasmGzipInflater CRC-32', () => {
  const data = noise(6000, 17);

  it("the bitwise reference is gzip's CRC", () => {
    for (const n of [0, 1, 5, 100, 6000]) {
      const gz = gzipSync(data.subarray(0, n));
      expect(bitwiseCrc32(data.subarray(0, n))).toBe(gz.readUInt32LE(gz.length - 8));
    }
  });

  // The decoder checks a member's CRC over its whole output at once when it comes in one run;
  // a first member of `lead` bytes makes the second one's output start at every offset mod 8,
  // and the lengths cover every split between the braided words, whole words and single bytes.
  it('agrees with the reference for every length to 300 and longer ones, from every offset', async () => {
    const lengths = [...Array.from({ length: 301 }, (_, i) => i), 1023, 1024, 1025, 4099, 5992];
    for (let lead = 0; lead < 8; lead++) {
      const before = data.subarray(0, lead);
      const first = storedMember(before, bitwiseCrc32(before));
      for (const n of lengths) {
        const body = data.subarray(lead, lead + n);
        const crc = bitwiseCrc32(body);
        const gz = concat([first, storedMember(body, crc)]);
        const { out, error } = await ours(gz, gz.length);
        expect(error).toBeUndefined();
        expect(sameBytes(out, concat([before, body]))).toBe(true);
        if (n % 7 === lead) {
          // One bit off in the trailer's CRC is found.
          const bad = concat([first, storedMember(body, crc ^ (1 << (n % 32)))]);
          expectDecompressError(
            (await ours(bad, bad.length)).error,
            'gzip-corrupt',
            /incorrect data check/,
          );
        }
      }
    }
  });
});

describe('WasmGzipInflater errors', () => {
  const data = concat([noise(20_000, 9), new TextEncoder().encode('0123456789'.repeat(5000))]);
  const gz = gzip(data);

  it.each([
    [
      'truncated',
      gz.subarray(0, 5000),
      'gzip-truncated',
      /^gzip stream ended early after \d+ compressed bytes/,
    ],
    [
      'only a header',
      gz.subarray(0, 10),
      'gzip-truncated',
      /ended early after 10 compressed bytes/,
    ],
    ['empty', new Uint8Array(0), 'gzip-truncated', /ended early after 0 compressed bytes/],
    ['not gzip', new TextEncoder().encode('plain text'), 'gzip-corrupt', /incorrect header check/],
    ['a bad CRC', flipAt(gz, gz.length - 8), 'gzip-corrupt', /incorrect data check/],
    ['a bad size', flipAt(gz, gz.length - 2), 'gzip-corrupt', /incorrect length check/],
    [
      'garbage after the member',
      concat([gz, new TextEncoder().encode('junk!')]),
      'gzip-corrupt',
      /unexpected data after the gzip member that ends at compressed byte \d+/,
    ],
  ] as const)('reports %s input as pako does', async (_name, bytes, code, message) => {
    const got = await ours(bytes, 1000);
    const pako = drive(new GzipInflater(), bytes, 1000);
    expectDecompressError(got.error, code, message);
    expect((pako.error as DecompressError).code).toBe(code);
  });

  it('delivers every byte before a cut, then says the stream ended early', async () => {
    const cut = gz.subarray(0, gz.length >> 1);
    // All of it at once, and the end said before reading: the last output and the cut are found
    // by the same run.
    const inf = await WasmGzipInflater.create();
    inf.push(cut);
    inf.end();
    const got = drive(inf, new Uint8Array(0), 1);
    const want = new Uint8Array(gunzipSync(cut, { finishFlush: constants.Z_SYNC_FLUSH }));
    expect((got.error as DecompressError).code).toBe('gzip-truncated');
    expect(got.out.length).toBeGreaterThan(want.length - 300);
    expect(sameBytes(got.out, want.subarray(0, got.out.length))).toBe(true);
  });

  it('says corrupt, as pako does, when a cut trailer still holds a CRC that disagrees', async () => {
    // Found by the property below: a flipped bit of a literal keeps the deflate data valid; the
    // stream then ends inside the trailer, after the CRC and before the size.
    const bytes = gz.slice(0, gz.length - 4);
    bytes[4583]! ^= 1;
    const got = await ours(bytes, 4096);
    const pako = drive(new GzipInflater(), bytes, 4096);
    expectDecompressError(got.error, 'gzip-corrupt', /incorrect data check/);
    expect((pako.error as DecompressError).code).toBe('gzip-corrupt');
    // The same cut with the CRC right: only the size is missing, so the stream ended early.
    const cut = await ours(gz.subarray(0, gz.length - 4), 4096);
    expectDecompressError(cut.error, 'gzip-truncated', /ended early/);
  });

  it('fails where pako fails, with the same kind of error, on random damage', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ at: fc.nat(), mask: fc.integer({ min: 1, max: 255 }) }), {
          minLength: 1,
          maxLength: 3,
        }),
        fc.option(fc.nat(), { nil: undefined }),
        async (flips, cut) => {
          let bytes: Uint8Array = gz.slice();
          for (const f of flips) bytes[f.at % bytes.length]! ^= f.mask;
          if (cut !== undefined) bytes = bytes.subarray(0, cut % bytes.length);
          const got = await ours(bytes, 4096);
          const pako = drive(new GzipInflater(), bytes, 4096);
          expect((got.error as DecompressError | undefined)?.code).toBe(
            (pako.error as DecompressError | undefined)?.code,
          );
          if (!got.error) expect(sameBytes(got.out, pako.out)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});

function flipAt(bytes: Uint8Array, at: number): Uint8Array {
  const out = bytes.slice();
  out[at]! ^= 0x5a;
  return out;
}

describe('WasmGzipInflater checkpoints', () => {
  const tar = makeTar(
    Array.from({ length: 24 }, (_, i) => ({
      path: `f${i}`,
      content:
        i % 3 === 0
          ? noise(30_000 + i * 77, i)
          : new TextEncoder().encode(`line ${i} of some text\n`.repeat(1500 + i * 40)),
    })),
  );
  const streams: [string, Uint8Array][] = [
    ['one member', gzip(tar)],
    ['level 1', gzip(tar, 1)],
    ['stored', gzip(tar, 0)],
    [
      'three members',
      concat([
        gzip(tar.subarray(0, 200_001)),
        gzip(tar.subarray(200_001, 500_003)),
        gzip(tar.subarray(500_003)),
      ]),
    ],
  ];

  it.each(streams)('%s: resuming at each checkpoint gives the rest exactly', async (_name, gz) => {
    const list = new CheckpointList(16 << 10, 1000);
    const first = await ours(gz, 10_000, { checkpoints: list });
    expect(first.error).toBeUndefined();
    expect(sameBytes(first.out, tar)).toBe(true);
    const cps: GzipCheckpoint[] = list.list;
    expect(cps.length).toBeGreaterThan(4);
    for (const cp of cps) {
      if (cp.kind === 'block') expect(cp.window.length).toBe(Math.min(32768, cp.window.length));
      const { out, error } = await ours(gz.subarray(cp.in), 7_777, { start: cp });
      expect(error).toBeUndefined();
      expect(sameBytes(out, tar.subarray(cp.out))).toBe(true);
    }
  });

  it('checkpoints a member start when one comes while a checkpoint is due', async () => {
    // Members of 10 KB, one block each: a checkpoint falls due inside the second, and the next
    // boundary is the third member's start.
    const parts = Array.from({ length: 6 }, (_, i) => noise(10_000, i + 1));
    const gz = concat(parts.map((p) => gzip(p)));
    const list = new CheckpointList(16 << 10, 1000);
    const { out } = await ours(gz, 3000, { checkpoints: list });
    expect(sameBytes(out, concat(parts))).toBe(true);
    const members = list.list.filter((c) => c.kind === 'member');
    expect(members.map((c) => c.out)).toContain(20_000);
    for (const cp of members) {
      expect(cp.window.length).toBe(0);
      expect([gz[cp.in], gz[cp.in + 1]]).toEqual([0x1f, 0x8b]);
      const rest = await ours(gz.subarray(cp.in), 4096, { start: cp });
      expect(sameBytes(rest.out, concat(parts).subarray(cp.out))).toBe(true);
    }
  });

  it('records checkpoints inside bytes (bits) and resumes from them', async () => {
    // Letters from 12: Huffman blocks of ~16k symbols each, ending at any bit.
    const data = noise(1_500_000, 5);
    const list = new CheckpointList(8 << 10, 1000);
    const gz = gzip(data, 9);
    await ours(gz, gz.length, { checkpoints: list });
    const midByte = list.list.filter((c) => (c.bits ?? 0) > 0);
    expect(midByte.length).toBeGreaterThan(3);
    for (const cp of midByte) {
      const { out, error } = await ours(gz.subarray(cp.in), 65_536, { start: cp });
      expect(error).toBeUndefined();
      expect(sameBytes(out, data.subarray(cp.out))).toBe(true);
    }
  });
});
