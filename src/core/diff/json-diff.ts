import { escapeToken } from './json-pointer.ts';
import type { JsonChange } from './types.ts';

/** Decides whether a change at `pointer` is noise (timestamps, build-tool annotations). */
export type NoiseTest = (pointer: string) => boolean;

type Json = unknown;

function kindOf(v: Json): 'array' | 'object' | 'scalar' {
  if (Array.isArray(v)) return 'array';
  return v !== null && typeof v === 'object' ? 'object' : 'scalar';
}

/**
 * The structural differences between two parsed JSON documents, sorted by pointer (token by
 * token, array indexes as numbers; array items compared by position). A value whose kind differs
 * (object, array, scalar) is one `changed` at its pointer; otherwise the walk goes inside.
 * Every change is kept: `noise` marks the ones the filter would hide.
 */
export function diffJson(a: Json, b: Json, isNoise: NoiseTest = () => false): JsonChange[] {
  const out: JsonChange[] = [];
  // An explicit stack, not recursion: a hostile document may nest deeper than the call stack.
  const stack: { a: Json; b: Json; pointer: string }[] = [{ a, b, pointer: '' }];
  while (stack.length) {
    const { a: x, b: y, pointer } = stack.pop()!;
    const kx = kindOf(x);
    if (kx !== kindOf(y) || kx === 'scalar') {
      if (x !== y) out.push({ op: 'changed', pointer, a: x, b: y, noise: isNoise(pointer) });
      continue;
    }
    const children: { a: Json; b: Json; pointer: string }[] = [];
    if (kx === 'array') {
      const xa = x as Json[];
      const ya = y as Json[];
      for (let i = 0; i < Math.max(xa.length, ya.length); i++) {
        const p = `${pointer}/${i}`;
        if (i >= ya.length) out.push({ op: 'removed', pointer: p, a: xa[i], noise: isNoise(p) });
        else if (i >= xa.length) out.push({ op: 'added', pointer: p, b: ya[i], noise: isNoise(p) });
        else children.push({ a: xa[i], b: ya[i], pointer: p });
      }
    } else {
      const xo = x as Record<string, Json>;
      const yo = y as Record<string, Json>;
      const has = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);
      for (const k of Object.keys(xo)) {
        const p = `${pointer}/${escapeToken(k)}`;
        if (!has(yo, k)) out.push({ op: 'removed', pointer: p, a: xo[k], noise: isNoise(p) });
        else children.push({ a: xo[k], b: yo[k], pointer: p });
      }
      for (const k of Object.keys(yo)) {
        const p = `${pointer}/${escapeToken(k)}`;
        if (!has(xo, k)) out.push({ op: 'added', pointer: p, b: yo[k], noise: isNoise(p) });
      }
    }
    // Pushed in reverse so the first child is walked first.
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return out.sort((p, q) => comparePointers(p.pointer, q.pointer));
}

/** Order pointers as the documents do: token by token, array indexes numerically. */
function comparePointers(p: string, q: string): number {
  const a = p.split('/');
  const b = q.split('/');
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] === b[i]) continue;
    const na = /^\d+$/.test(a[i]!) ? Number(a[i]) : NaN;
    const nb = /^\d+$/.test(b[i]!) ? Number(b[i]) : NaN;
    if (!Number.isNaN(na) && !Number.isNaN(nb)) return na - nb;
    return a[i]! < b[i]! ? -1 : 1;
  }
  return a.length - b.length;
}
