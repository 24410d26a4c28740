import { describe, expect, it, vi } from 'vitest';
import { blobOf, noise, sameBytes } from '../testing/bytes.ts';
import { sha256 } from '../testing/layout-builder.ts';
import { concat, gzip, makeTar } from '../testing/tar-writer.ts';
import { resumeGunzip } from './decompress.ts';
import { listLayer } from './list-layer.ts';
import * as wasmInflater from './wasm-gzip-inflater.ts';

// A platform with WebAssembly that cannot compile our module (no WebAssembly SIMD, or a browser
// that limits WebAssembly): the module's compile fails as it would there.
vi.mock('./wasm-gzip-inflater.ts', async (importOriginal) => {
  const real = await importOriginal<typeof wasmInflater>();
  return {
    ...real,
    loadInflateModule: () => Promise.reject(new Error('CompileError: invalid opcode (SIMD)')),
  };
});

const tar = makeTar(
  Array.from({ length: 20 }, (_, i) => ({ path: `f${i}`, content: noise(40_000 + i * 77, i) })),
);

async function all(s: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for (const r = s.getReader(); ;) {
    const { done, value } = await r.read();
    if (done) return concat(parts);
    parts.push(value);
  }
}

describe('gzip where our WebAssembly module does not compile', () => {
  it('a layer is listed, checkpointed and hashed by pako instead, and files resume from its checkpoints', async () => {
    const create = vi.spyOn(wasmInflater.WasmGzipInflater, 'create');
    const blob = blobOf(gzip(tar));
    const idx = await listLayer(blob, { checkpointEvery: 64 << 10 });
    expect(idx.problems).toEqual([]);
    expect(idx.entryCount).toBe(20);
    expect(idx.uncompressedSize).toBe(tar.length);
    expect(idx.diffId).toBe(sha256(tar));
    expect(idx.checkpoints.length, 'pako resumes only at byte-aligned blocks').toBeGreaterThan(0);
    const cp = idx.checkpoints.at(-1)!;
    expect(cp.bits ?? 0).toBe(0);
    const out = await all(resumeGunzip(blob, cp));
    expect(sameBytes(out, tar.subarray(cp.out))).toBe(true);
    expect(create).not.toHaveBeenCalled();
  });

  it('a corrupt gzip still gets its specific error', async () => {
    const create = vi.spyOn(wasmInflater.WasmGzipInflater, 'create');
    const gz = gzip(tar);
    gz[gz.length - 6]! ^= 0xff; // the CRC in the trailer
    const idx = await listLayer(blobOf(gz));
    expect(idx.problems.map((p) => [p.code, p.message])).toContainEqual([
      'gzip-corrupt',
      expect.stringMatching(/incorrect data check/),
    ]);
    expect(create).not.toHaveBeenCalled();
  });
});
