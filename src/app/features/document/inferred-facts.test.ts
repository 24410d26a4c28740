import { describe, expect, it } from 'vitest';
import { declaresMediaType } from './inferred-facts.ts';
import { tokenizeJson } from './json-tokens.ts';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

/** The definition the scanner must agree with: a key token named mediaType at depth 1. */
const byTokens = (s: string): boolean =>
  tokenizeJson(s).tokens.some(
    (t) => t.kind === 'key' && t.at?.depth === 1 && t.key === 'mediaType',
  );

describe('declaresMediaType', () => {
  it.each([
    ['{"mediaType":"x"}', true],
    ['{ "schemaVersion": 2,\n  "mediaType" : "x" }', true],
    ['{"manifests":[{"mediaType":"x"}]}', false],
    ['{"config":{"mediaType":"x"}}', false],
    ['{"a":"mediaType"}', false],
    ['{"a":"\\"mediaType\\":1"}', false],
    ['{"media\\u0054ype":"x"}', true],
    ['["mediaType"]', false],
    ['[{"mediaType":"x"}]', false],
    ['{}', false],
    ['', false],
  ])('%s → %s', (doc, want) => {
    expect(declaresMediaType(bytes(doc))).toBe(want);
    expect(byTokens(doc)).toBe(want);
  });

  it('reads a 10,000-manifest index in one pass', () => {
    const entry = '{"mediaType":"application/vnd.oci.image.manifest.v1+json","size":1}';
    const big = `{"schemaVersion":2,"manifests":[${Array(10_000).fill(entry).join(',')}],"mediaType":"i"}`;
    expect(declaresMediaType(bytes(big))).toBe(true);
    expect(declaresMediaType(bytes(big.replace(',"mediaType":"i"', '')))).toBe(false);
  });
});
