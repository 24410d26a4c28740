import { isObject, jsonType, show } from './json-path.ts';
import { mediaKind, type MediaKind } from './media-types.ts';
import { parseConfig } from './parse-config.ts';
import { parseIndex } from './parse-index.ts';
import { parseJson } from './parse-json.ts';
import { parseManifest, type ManifestContext } from './parse-manifest.ts';
import { parseSchema1 } from './parse-schema1.ts';
import { at, problem, type Problem } from './problem.ts';
import { Rule } from './rules.ts';
import type { OciDocument, Parsed } from './types.ts';

/** What a JSON document was read as. */
export type DocumentKind = 'index' | 'manifest' | 'manifest-schema1' | 'config' | 'unknown';

/** A document read from bytes: its kind, the parsed value when usable, the JSON, every problem. */
export interface ParsedDocument {
  kind: DocumentKind;
  value?: OciDocument;
  problems: Problem[];
  /** The decoded JSON, when the bytes were JSON at all. */
  json?: unknown;
}

const DOCUMENT_KINDS: readonly MediaKind[] = ['index', 'manifest', 'manifest-schema1', 'config'];

/**
 * Decode and parse an index, manifest or config. The kind comes from the declared media type
 * (the descriptor's `hint`, then the document's own `mediaType`), and from the shape when
 * neither names a document kind (absent, unknown, or generic like the descriptor type).
 */
export function parseDocument(
  bytes: Uint8Array,
  where: string,
  hint?: { mediaType?: string } & ManifestContext,
): ParsedDocument {
  const decoded = parseJson(bytes, where);
  if (decoded.value === undefined) return { kind: 'unknown', problems: decoded.problems };
  const json = decoded.value;
  const problems = [...decoded.problems];
  const kind = decideKind(json, where, hint?.mediaType, problems);
  const parsed = parseAs(kind, json, where, hint);
  problems.push(...parsed.problems);
  const out: ParsedDocument = { kind, problems, json };
  if (parsed.value !== undefined) out.value = parsed.value;
  // A v2 manifest hint over schema 1 content: parseManifest reads schema 1, so the kind follows.
  if (parsed.value?.kind === 'manifest-schema1') out.kind = 'manifest-schema1';
  return out;
}

function parseAs(
  kind: DocumentKind,
  json: unknown,
  where: string,
  context: ManifestContext = {},
): Parsed<OciDocument> {
  switch (kind) {
    case 'index':
      return parseIndex(json, where);
    case 'manifest':
      return parseManifest(json, where, { attestation: context.attestation });
    case 'manifest-schema1':
      return parseSchema1(json, where);
    case 'config':
      return parseConfig(json, where);
    case 'unknown':
      return { value: undefined, problems: [] };
  }
}

function decideKind(
  json: unknown,
  where: string,
  hinted: string | undefined,
  problems: Problem[],
): DocumentKind {
  const own = isObject(json) && typeof json.mediaType === 'string' ? json.mediaType : undefined;
  const hintKind = mediaKind(hinted);
  const ownKind = mediaKind(own);
  const shape = shapeKind(json);
  if (isDocumentKind(hintKind)) {
    if (isDocumentKind(ownKind) && family(ownKind) !== family(hintKind)) {
      problems.push(
        problem(
          'error',
          'media-type-mismatch',
          at(where, '$.mediaType'),
          `the descriptor says ${hinted} but the document says it is ${own}`,
          Rule.descriptor,
        ),
      );
    } else if (isDocumentKind(ownKind) && own !== hinted) {
      // Same kind, other format (OCI vs Docker): readers cope, as go-containerregistry's layouts show.
      problems.push(
        problem(
          'warning',
          'media-type-differs',
          at(where, '$.mediaType'),
          `the descriptor says ${hinted} but the document says ${own}`,
          Rule.descriptor,
        ),
      );
    }
    return hintKind;
  }
  const chosen = isDocumentKind(ownKind) ? ownKind : shape;
  if (hinted !== undefined && hintKind === 'descriptor' && chosen !== 'unknown') {
    problems.push(
      problem(
        'warning',
        'media-type-generic',
        where,
        `the descriptor's media type ${hinted} does not name a document kind; read as ${chosen} from the content`,
        Rule.descriptor,
      ),
    );
  }
  if (chosen === 'unknown' && hintKind === 'unknown') {
    const version = isObject(json) ? json.schemaVersion : undefined;
    if (version !== undefined && version !== 1 && version !== 2) {
      problems.push(
        problem(
          'error',
          'schema-version-unsupported',
          at(where, '$.schemaVersion'),
          `schemaVersion ${show(version)} is not one this tool knows (1 or 2)`,
          Rule.manifest,
        ),
      );
    } else if (hinted === undefined) {
      problems.push(
        problem(
          'warning',
          'document-kind-unknown',
          where,
          `this ${jsonType(json)} is not an index, manifest or config`,
          Rule.descriptor,
        ),
      );
    }
  }
  return chosen;
}

function isDocumentKind(kind: MediaKind): kind is Exclude<DocumentKind, 'unknown'> {
  return DOCUMENT_KINDS.includes(kind);
}

/** Schema 1 and 2 manifests are one family: registries serve either under the other's name. */
function family(kind: DocumentKind): string {
  return kind === 'manifest-schema1' ? 'manifest' : kind;
}

/** Guess the kind from the members present, for documents that do not declare it. */
export function shapeKind(json: unknown): DocumentKind {
  if (!isObject(json)) return 'unknown';
  if (
    json.schemaVersion === 1 ||
    (json.schemaVersion === undefined && Array.isArray(json.fsLayers))
  )
    return 'manifest-schema1';
  if (json.schemaVersion !== undefined && json.schemaVersion !== 2) return 'unknown';
  if ('manifests' in json) return 'index';
  if ('config' in json && 'layers' in json) return 'manifest';
  if (
    json.schemaVersion === undefined &&
    'rootfs' in json &&
    ('architecture' in json || 'os' in json)
  )
    return 'config';
  return 'unknown';
}
