import type { TreeMode } from '../../core/fs/fs-rows.ts';
import { layerNumber } from '../components/format.ts';

/**
 * Everything a view keeps in the URL hash, so every view is a link
 * (`#image=sha256:…&node=sha256:…&path=/etc/passwd&mode=layer&layer=4`).
 * Older links' `view=fs` is no key of it: the graph and the tree are always shown together.
 * The keys are documented in docs/url.md; a new key is added here and there, nowhere else.
 */
export interface UrlState {
  /** The selected graph node (a digest, or the top document's name). */
  node: string | null;
  /** The image (manifest digest) whose layers are listed. */
  image: string | null;
  /** The selected path in the filesystem tree. */
  path: string | null;
  /** The filesystem tree's mode (merged up to a layer, or one layer's changes). */
  mode: TreeMode | null;
  /** The compare view: the second image's manifest digest (the first is `image`). */
  compare: string | null;
  /** The compare view's part shown: the documents, the layers, or the files (the default). */
  part: ComparePart;
  /** The compare view without its noise filter (mtimes, `created`, build annotations count). */
  strict: boolean;
}

/** The parts of the compare view. */
export type ComparePart = 'files' | 'layers' | 'documents';
const COMPARE_PARTS: readonly ComparePart[] = ['files', 'layers', 'documents'];

/** One field of the URL state: the hash keys it owns, how it reads them and writes them. */
interface UrlField<T> {
  /** The hash keys this field owns (removed when it is written with its default). */
  keys: readonly string[];
  /** Its value when the hash does not hold it (or holds something malformed). */
  fallback: T;
  parse(params: URLSearchParams): T;
  /** Set the field's keys for a value other than the fallback. */
  write(params: URLSearchParams, value: T): void;
}

/** A key holding a string as it is (digests, names, paths), absent when null. */
function text(key: string): UrlField<string | null> {
  return {
    keys: [key],
    fallback: null,
    parse: (p) => p.get(key),
    write: (p, v) => p.set(key, v!),
  };
}

// A link counts layers as the app shows them, from 1; `TreeMode` holds 0-based indexes.
const LAYER_NUMBER = /^[1-9]\d{0,5}$/;

/** The schema: every key of the hash, once. */
export const URL_FIELDS: { readonly [K in keyof UrlState]: UrlField<UrlState[K]> } = {
  node: text('node'),
  image: text('image'),
  path: text('path'),
  mode: {
    keys: ['mode', 'layer'],
    fallback: null,
    parse(p) {
      const layerText = p.get('layer') ?? '';
      if (!LAYER_NUMBER.test(layerText)) return null;
      const index = Number(layerText) - 1;
      return p.get('mode') === 'layer'
        ? { kind: 'layer', layer: index }
        : { kind: 'merged', upTo: index };
    },
    write(p, m) {
      p.set('mode', m!.kind);
      p.set('layer', String(layerNumber(m!.kind === 'merged' ? m!.upTo : m!.layer)));
    },
  },
  compare: text('compare'),
  part: oneOf('part', COMPARE_PARTS),
  strict: {
    keys: ['strict'],
    fallback: false,
    parse: (p) => p.get('strict') === '1',
    write: (p) => p.set('strict', '1'),
  },
};

/** A key holding one of a few words, absent for the first (the default). */
function oneOf<T extends string>(key: string, words: readonly T[]): UrlField<T> {
  return {
    keys: [key],
    fallback: words[0]!,
    parse: (p) => words.find((w) => w === p.get(key)) ?? words[0]!,
    write: (p, v) => p.set(key, v),
  };
}

const FIELD_NAMES = Object.keys(URL_FIELDS) as (keyof UrlState)[];

const paramsOf = (hash: string): URLSearchParams => new URLSearchParams(hash.replace(/^#/, ''));

/** Read the URL state from a hash (`#…` or without the `#`); malformed keys read as absent. */
export function parseUrlState(hash: string): UrlState {
  const p = paramsOf(hash);
  const out: Record<string, unknown> = {};
  for (const name of FIELD_NAMES) out[name] = URL_FIELDS[name].parse(p);
  return out as unknown as UrlState;
}

/** True when a hash holds no key at all (known or not). */
export function isEmptyHash(hash: string): boolean {
  return [...paramsOf(hash).keys()].length === 0;
}

/**
 * The hash with `patch` applied to `base`: a field set to its default (or null) removes its keys,
 * keys no field owns are kept. Digests and paths stay readable (`:` and `/` unescaped).
 */
export function urlHashFor(patch: Partial<UrlState>, base: string): string {
  const p = paramsOf(base);
  for (const name of FIELD_NAMES) {
    if (!(name in patch) || patch[name] === undefined) continue;
    const field = URL_FIELDS[name] as UrlField<unknown>;
    const value = patch[name];
    for (const k of field.keys) p.delete(k);
    if (value !== null && value !== field.fallback) field.write(p, value);
  }
  const s = p.toString().replaceAll('%3A', ':').replaceAll('%2F', '/');
  return s ? `#${s}` : '#';
}
