import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPath, useNodeHasher } from '../../cli/node-io.ts';
import { fixturesDir, listFixtures } from '../../cli/testing/fixtures.ts';
import { fieldKindOfNode } from '../graph/field-kind.ts';
import { loadGraph } from '../graph/load-graph.ts';
import { lookupField, type FieldDocumentKind, type JsonPathSegment } from './field-dictionary.ts';
import { parseDocument } from './parse-document.ts';

useNodeHasher();

/** Every key of a JSON value with its path, walked with an explicit stack. */
function keysOf(json: unknown): JsonPathSegment[][] {
  const out: JsonPathSegment[][] = [];
  const stack: [unknown, JsonPathSegment[]][] = [[json, []]];
  while (stack.length > 0) {
    const [v, path] = stack.pop()!;
    if (Array.isArray(v)) v.forEach((x, i) => stack.push([x, [...path, i]]));
    else if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        out.push([...path, k]);
        stack.push([x, [...path, k]]);
      }
    }
  }
  return out;
}

/** Keys of the documents that no spec defines, so the dictionary rightly has no entry. */
const UNDEFINED_KEYS = new Set<string>([]);

const unexplained = (kind: FieldDocumentKind, json: unknown, where: string): string[] =>
  keysOf(json)
    .map((p) => ({ p, r: lookupField(kind, p) }))
    .filter(({ r }) => !r.entry && !r.freeForm && !UNDEFINED_KEYS.has(`${kind} ${r.shape}`))
    .map(({ p }) => `${where} (${kind}) ${p.join('.')}`);

interface Case {
  kind: FieldDocumentKind;
  name: string;
}
const KIND_OF_CASE: Record<string, FieldDocumentKind> = {
  manifest: 'manifest',
  index: 'index',
  config: 'config',
  descriptor: 'descriptor',
  layout: 'layout',
};

describe('the field dictionary explains every key of the fixtures’ documents', () => {
  const fixtures = listFixtures();

  it.each(fixtures.map((f) => [f.name, f] as const))('%s', async (_name, f) => {
    const input = await openPath(f.input);
    const graph = await loadGraph(input);
    const missing: string[] = [];
    let documents = 0;
    for (const n of graph.nodes.values()) {
      const kind = fieldKindOfNode(n);
      if (!kind || !n.bytes) continue;
      let json: unknown;
      try {
        json = JSON.parse(new TextDecoder().decode(n.bytes));
      } catch {
        continue; // not JSON: a problem elsewhere, no keys here
      }
      documents++;
      missing.push(...unexplained(kind, json, n.id));
    }
    const layout = join(f.input, 'oci-layout');
    if (existsSync(layout)) {
      documents++;
      missing.push(
        ...unexplained('layout', JSON.parse(readFileSync(layout, 'utf8')), 'oci-layout'),
      );
    }
    expect(documents).toBeGreaterThan(0);
    expect(missing).toEqual([]);
  });

  it('explains the spec’s own examples and the valid schema test cases', () => {
    const cases = JSON.parse(readFileSync(join(fixturesDir, 'image-spec/cases.json'), 'utf8')) as {
      file: string;
      field: string;
      expectSchemaValid: boolean;
    }[];
    const missing: string[] = [];
    const checked: Case[] = [];
    for (const c of cases) {
      const kind = KIND_OF_CASE[c.field];
      if (!kind || !c.expectSchemaValid) continue;
      checked.push({ kind, name: c.file });
      const json: unknown = JSON.parse(
        readFileSync(join(fixturesDir, 'image-spec', c.file), 'utf8'),
      );
      missing.push(...unexplained(kind, json, c.file));
    }
    const examples = join(fixturesDir, 'image-spec/spec-md-examples');
    for (const name of readdirSync(examples)) {
      const json: unknown = JSON.parse(readFileSync(join(examples, name), 'utf8'));
      const stem = name.replace(/-\d+\.json$/, '');
      // The pages also show other kinds: an oci-layout file and an index.json in image-layout.md,
      // the empty descriptor in manifest.md.
      const has = (k: string): boolean => typeof json === 'object' && json !== null && k in json;
      const kind: FieldDocumentKind = has('imageLayoutVersion')
        ? 'layout'
        : has('digest')
          ? 'descriptor'
          : stem === 'image-layout' || stem === 'image-index'
            ? 'index'
            : (stem as FieldDocumentKind);
      checked.push({ kind, name });
      missing.push(...unexplained(kind, json, name));
    }
    expect(checked.length).toBeGreaterThan(20);
    expect(missing).toEqual([]);
  });

  it('explains the keys of the containers/image manifests it can classify', () => {
    const dir = join(fixturesDir, 'containers-image/manifests');
    const missing: string[] = [];
    for (const name of readdirSync(dir)) {
      const doc = parseDocument(new Uint8Array(readFileSync(join(dir, name))), name);
      if (doc.kind === 'unknown' || doc.json === undefined) continue;
      missing.push(
        ...unexplained(
          doc.kind === 'manifest-schema1' ? 'manifest-schema1' : doc.kind,
          doc.json,
          name,
        ),
      );
    }
    expect(missing).toEqual([]);
  });
});
