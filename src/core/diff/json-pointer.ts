/** RFC 6901 JSON Pointers: `~` is written `~0` and `/` is written `~1` in each reference token. */

/** One reference token escaped for a pointer. */
export function escapeToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** The tokens of a pointer ('' is the whole document); the inverse of joining escaped tokens with `/`. */
export function pointerTokens(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}
