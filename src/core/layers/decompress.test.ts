import { flip, noise, sameBytes } from '../testing/bytes.ts';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fixturePath } from '../testing/fixtures.ts';
import { concat, gzip, makeTar } from '../testing/tar-writer.ts';
import { decompressStream, type DecompressOptions } from './decompress.ts';
import { expectDecompressError } from '../testing/expect-decompress-error.ts';
import { DecompressError } from './decompress-error.ts';
import type { Compression } from './sniff-compression.ts';

function streamOf(bytes: Uint8Array, chunk = 4096): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream<Uint8Array>({
    pull(c) {
      if (at >= bytes.length) c.close();
      else c.enqueue(bytes.slice(at, (at += chunk)));
    },
  });
}

async function run(
  bytes: Uint8Array,
  compression: Compression,
  opts: DecompressOptions = {},
  signal?: AbortSignal,
): Promise<{ out: Uint8Array; error?: unknown }> {
  const parts: Uint8Array[] = [];
  const r = decompressStream(streamOf(bytes), compression, signal, opts).getReader();
  try {
    for (;;) {
      const { done, value } = await r.read();
      if (done) break;
      parts.push(value);
    }
    return { out: concat(parts) };
  } catch (error) {
    return { out: concat(parts), error };
  }
}

const plain = makeTar([
  { path: 'a.txt', content: noise(150_000, 1) },
  { path: 'b.txt', content: noise(90_000, 2) },
]);
const gz = gzip(plain);
const part2 = makeTar([{ path: 'c.txt', content: noise(40_000, 3) }]);

type Engine = { name: string; opts: DecompressOptions };
const engines: Engine[] = [
  { name: 'wasm (the default)', opts: {} },
  { name: 'pako', opts: { gzipEngine: 'pako' } },
  {
    name: 'native with pako fallback',
    opts: { gzipEngine: 'native', reopen: () => streamOf(gz) },
  },
];

describe.each(engines)('gzip ($name)', ({ opts }) => {
  const reopenFor = (bytes: Uint8Array): DecompressOptions =>
    opts.reopen ? { ...opts, reopen: () => streamOf(bytes) } : opts;

  it('round-trips a layer', async () => {
    const { out, error } = await run(gz, 'gzip', opts);
    expect(error).toBeUndefined();
    expect(sameBytes(out, plain)).toBe(true);
  });

  const good: [string, Uint8Array, Uint8Array][] = [
    ['multi-member gzip (eStargz)', concat([gzip(plain), gzip(part2)]), concat([plain, part2])],
    ['zero padding after the last member', concat([gz, new Uint8Array(1000)]), plain],
  ];
  it.each(good)('reads %s', async (_name, bytes, want) => {
    const { out, error } = await run(bytes, 'gzip', reopenFor(bytes));
    expect(error).toBeUndefined();
    expect(sameBytes(out, want)).toBe(true);
  });

  const corrupt = flip(gz, Math.floor(gz.length / 2), 0x55);
  const bad: [string, Uint8Array, string, RegExp][] = [
    [
      'truncated mid-stream',
      gz.subarray(0, 20_000),
      'gzip-truncated',
      /^gzip stream ended early after 20000 compressed bytes/,
    ],
    [
      'truncated in the trailer',
      gz.subarray(0, gz.length - 3),
      'gzip-truncated',
      /ended early after \d+ compressed bytes/,
    ],
    [
      'only a header',
      gz.subarray(0, 10),
      'gzip-truncated',
      /ended early after 10 compressed bytes/,
    ],
    ['corrupt data', corrupt, 'gzip-corrupt', /^gzip data is corrupt near compressed byte \d+: /],
    [
      'garbage after the member',
      concat([gz, new TextEncoder().encode('junk!')]),
      'gzip-corrupt',
      /unexpected data after the gzip member that ends at compressed byte \d+/,
    ],
  ];
  it.each(bad)('reports %s', async (_name, bytes, code, message) => {
    const { error } = await run(bytes, 'gzip', reopenFor(bytes));
    expectDecompressError(error, code, message);
  });
});

describe('gzip (native alone, no way to re-read)', () => {
  it.each([
    [
      'truncated',
      gz.subarray(0, 20_000),
      'gzip-truncated',
      /^gzip stream ended early after 20000 compressed bytes/,
    ],
    [
      'corrupt',
      flip(gz, gz.length >> 1, 0x55),
      'gzip-corrupt',
      /^gzip data is corrupt within the first \d+ compressed bytes/,
    ],
  ] as const)('names a %s stream', async (_name, bytes, code, message) => {
    const { error } = await run(bytes, 'gzip', { gzipEngine: 'native' });
    expect((error as DecompressError).code).toBe(code);
    expect((error as DecompressError).message).toMatch(message);
  });
});

describe('gzip on a Chromium-like DecompressionStream (no multi-member support)', () => {
  const first = gzip(plain);
  const bytes = concat([first, gzip(part2)]);
  /** Decodes the first member, hands out half of it, then fails as Chromium 156 does. */
  class FirstMemberOnly extends TransformStream<Uint8Array, Uint8Array> {
    constructor() {
      const seen: Uint8Array[] = [];
      super({
        transform: (chunk) => void seen.push(chunk.slice()),
        flush: (c) => {
          c.enqueue(
            new Uint8Array(gunzipSync(concat(seen).subarray(0, first.length))).subarray(0, 100_000),
          );
          throw new TypeError('Junk found after end of compressed data.');
        },
      });
    }
  }
  afterEach(() => void vi.unstubAllGlobals());

  it('falls back to pako on a re-read stream and skips what was delivered', async () => {
    vi.stubGlobal('DecompressionStream', FirstMemberOnly);
    const { out, error } = await run(bytes, 'gzip', {
      gzipEngine: 'native',
      reopen: () => streamOf(bytes),
    });
    expect(error).toBeUndefined();
    expect(sameBytes(out, concat([plain, part2]))).toBe(true);
  });

  it('without a way to re-read, says why', async () => {
    vi.stubGlobal('DecompressionStream', FirstMemberOnly);
    const { error } = await run(bytes, 'gzip', { gzipEngine: 'native' });
    expect((error as DecompressError).message).toMatch(
      /multi-member gzip such as eStargz, or trailing bytes/,
    );
  });
});

describe('zstd', () => {
  const zst = new Uint8Array(
    readFileSync(fixturePath('go-containerregistry/crane/content.tar.zst')),
  );
  it('decompresses crane content.tar.zst to the diff_id go-containerregistry records', async () => {
    const { out, error } = await run(zst, 'zstd');
    expect(error).toBeUndefined();
    expect(createHash('sha256').update(out).digest('hex')).toBe(
      '3610aa5267a210147ba6ca02cdd87610dfc08522de9c5f5015edd8ee14853fd8',
    );
  });

  const corrupt = zst.slice();
  for (let i = 20; i < 60; i++) corrupt[i] = corrupt[i]! ^ 0xa5;
  const bad: [string, Uint8Array, string, RegExp][] = [
    [
      'truncated',
      zst.subarray(0, zst.length - 20),
      'zstd-truncated',
      /^zstd stream ended early after \d+ compressed bytes/,
    ],
    [
      'cut after the frame header',
      zst.subarray(0, 8),
      'zstd-truncated',
      /ended early after 8 compressed bytes/,
    ],
    ['corrupt', corrupt, 'zstd-corrupt', /^zstd data is corrupt/],
  ];
  it.each(bad)('reports a %s stream', async (_name, bytes, code, message) => {
    const { error } = await run(bytes, 'zstd');
    expectDecompressError(error, code, message);
  });
});

describe('other formats and aborts', () => {
  it('passes a plain tar through', async () => {
    const { out, error } = await run(plain, 'tar');
    expect(error).toBeUndefined();
    expect(sameBytes(out, plain)).toBe(true);
  });

  it.each(['bzip2', 'xz', 'unknown'] as const)('refuses %s', async (c) => {
    const { error } = await run(new Uint8Array(10), c);
    expect((error as DecompressError).code).toBe('unsupported-compression');
  });

  it.each(['wasm', 'pako', 'native'] as const)(
    'stops with the abort reason (%s gzip)',
    async (gzipEngine) => {
      const ac = new AbortController();
      const r = decompressStream(streamOf(gz, 1024), 'gzip', ac.signal, { gzipEngine }).getReader();
      await r.read();
      ac.abort();
      await expect(r.read()).rejects.toMatchObject({ name: 'AbortError' });
    },
  );
});
