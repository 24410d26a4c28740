/**
 * The compare view's second source in the query string: `src2` (a URL) or `ref2` (a registry
 * reference), with the rules of `src` and `ref` (docs/url.md). Kept apart from the hash: they
 * open an image rather than show a view.
 */
export type SecondSource = { key: 'src2' | 'ref2'; value: string };

/** The query keys of the second source, once. */
export const SECOND_SOURCE_KEYS = ['src2', 'ref2'] as const;

/** The second source a query string names (`src2` first), or null. */
export function secondSourceOf(search: string): SecondSource | null {
  const p = new URLSearchParams(search);
  for (const key of SECOND_SOURCE_KEYS) {
    const value = p.get(key);
    if (value) return { key, value };
  }
  return null;
}

/**
 * The address (path, query, hash) with the second source set, or removed (null); the rest of
 * the query and the hash are kept, and `:` `/` `@` stay readable.
 */
export function withSecondSource(href: string, source: SecondSource | null): string {
  const url = new URL(href);
  for (const k of SECOND_SOURCE_KEYS) url.searchParams.delete(k);
  if (source) url.searchParams.set(source.key, source.value);
  const search = url.search.replaceAll('%2F', '/').replaceAll('%3A', ':').replaceAll('%40', '@');
  return url.pathname + search + url.hash;
}

/**
 * What a typed link is: a URL to fetch (`https://…`, `./demo/x.tar`, `/x.tar`) or else a
 * registry reference (`HOST/REPO:TAG`).
 */
export function secondSourceFor(text: string): SecondSource | null {
  const t = text.trim();
  if (!t) return null;
  const isUrl = /^[a-z][a-z0-9+.-]*:\/\//i.test(t) || /^\.{0,2}\//.test(t);
  return { key: isUrl ? 'src2' : 'ref2', value: t };
}
