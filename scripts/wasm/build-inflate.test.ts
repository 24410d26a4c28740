import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { INFLATE_WASM_BASE64 } from '../../src/core/layers/inflate-wasm-base64.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const committed = readFileSync(join(root, 'src/wasm/inflate/inflate.wasm'));
const has = (tool: string): boolean => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
const toolchain = has('clang') && has('wasm-ld') && has('wasm-opt');

describe('the committed inflater WebAssembly', () => {
  it('is what the bundle embeds (base64)', () => {
    expect(Buffer.from(INFLATE_WASM_BASE64, 'base64').equals(committed)).toBe(true);
  });

  // The build cannot run in `npm install` (no clang there), so the .wasm is committed; where
  // the toolchain exists, this proves it is the build of the committed C source.
  it.skipIf(!toolchain)('is the build of src/wasm/inflate/inflate.c', () => {
    const dir = mkdtempSync(join(tmpdir(), 'inflate-wasm-'));
    try {
      const out = join(dir, 'inflate.wasm');
      execFileSync(join(root, 'scripts/wasm/build-inflate.sh'), [out]);
      expect(readFileSync(out).equals(committed)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
