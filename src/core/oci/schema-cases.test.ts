import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MediaType } from './media-types.ts';
import { parseConfig } from './parse-config.ts';
import { parseDescriptor } from './parse-descriptor.ts';
import { parseIndex } from './parse-index.ts';
import { parseJson } from './parse-json.ts';
import { parseLayoutHeader } from './parse-layout.ts';
import { parseManifest } from './parse-manifest.ts';
import type { Problem } from './problem.ts';
import type { Parsed } from './types.ts';

const ROOT = new URL('../../../tests/fixtures/image-spec/', import.meta.url);

interface Case {
  file: string;
  field?: string;
  mediaType: string | null;
  expectSchemaValid: boolean;
  isWellFormedJSON: boolean;
  comment?: string;
  title?: string;
}

const cases = JSON.parse(readFileSync(new URL('cases.json', ROOT), 'utf8')) as Case[];

const PARSERS: Record<string, (json: unknown, where: string) => Parsed<unknown>> = {
  manifest: parseManifest,
  imageIndex: parseIndex,
  config: parseConfig,
  descriptor: parseDescriptor,
  imageLayout: parseLayoutHeader,
};

// spec-md-examples name no field; the media type they are published under says which schema.
const FIELD_OF_MEDIA_TYPE: Record<string, string> = {
  [MediaType.ociManifest]: 'manifest',
  [MediaType.ociIndex]: 'imageIndex',
  [MediaType.ociConfig]: 'config',
  [MediaType.ociDescriptor]: 'descriptor',
  [MediaType.ociLayoutHeader]: 'imageLayout',
};

// schema/backwards_compatibility_test.go rewrites these Docker types to OCI before validating.
const DOCKER_TO_OCI: [string, string][] = [
  [MediaType.dockerManifestList, MediaType.ociIndex],
  [MediaType.dockerManifest, MediaType.ociManifest],
  [MediaType.dockerLayerGzip, MediaType.ociLayerGzip],
  [MediaType.dockerConfig, MediaType.ociConfig],
];

function judge(
  c: Case,
  bytes: Uint8Array,
): { valid: boolean; wellFormed: boolean; problems: Problem[] } {
  const field = c.field ?? FIELD_OF_MEDIA_TYPE[c.mediaType ?? ''];
  const parser = field === undefined ? undefined : PARSERS[field];
  if (!parser) throw new Error(`no parser for ${c.file}`);
  const json = parseJson(bytes, c.file);
  if (json.value === undefined) return { valid: false, wellFormed: false, problems: json.problems };
  const parsed = parser(json.value, c.file);
  const problems = [...json.problems, ...parsed.problems];
  return { valid: !problems.some((p) => p.severity === 'error'), wellFormed: true, problems };
}

function bytesOf(c: Case, mapDocker: boolean): Uint8Array {
  let text = readFileSync(new URL(c.file, ROOT), 'utf8');
  if (mapDocker) for (const [from, to] of DOCKER_TO_OCI) text = text.replaceAll(from, to);
  return new TextEncoder().encode(text);
}

describe('image-spec cases.json', () => {
  it('lists every schema case and spec example', () => {
    expect(cases.length).toBe(81);
  });

  it.each(cases.map((c) => [c.file, c] as const))('%s is judged as cases.json says', (_, c) => {
    const backcompat = c.file.includes('backcompat-');
    const { valid, wellFormed, problems } = judge(c, bytesOf(c, backcompat));
    expect(wellFormed, 'well-formed JSON').toBe(c.isWellFormedJSON);
    expect({ valid, problems: valid === c.expectSchemaValid ? [] : problems }).toEqual({
      valid: c.expectSchemaValid,
      problems: [],
    });
    if (!c.expectSchemaValid)
      expect(problems.filter((p) => p.severity === 'error').every((p) => p.rule)).toBe(true);
  });

  it.each(cases.filter((c) => c.file.includes('backcompat-')).map((c) => [c.file, c] as const))(
    '%s is valid with its Docker media types as they are',
    (_, c) => {
      expect(judge(c, bytesOf(c, false)).valid).toBe(true);
    },
  );
});
