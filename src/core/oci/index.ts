/** The OCI vocabulary: digests, media types, descriptors, documents, platforms and their validation. */
export * from './digest.ts';
export * from './media-types.ts';
export * from './problem.ts';
export type * from './types.ts';
export { Rule } from './rules.ts';
export { IMAGE_SPEC, IMAGE_SPEC_TAG, imageSpec, ruleHref } from './spec-links.ts';
export {
  fieldEntry,
  lookupField,
  type FieldDocumentKind,
  type FieldEntry,
  type FieldLookup,
  type JsonPathSegment,
} from './field-dictionary.ts';
export { isMediaType, isUri, isDateTime, isEnvEntry } from './formats.ts';
export { decodeBase64 } from './base64.ts';
export { parseJson, parseJsonText } from './parse-json.ts';
export { parseDescriptor, IMPLAUSIBLE_SIZE, humanBytes } from './parse-descriptor.ts';
export { parseIndex } from './parse-index.ts';
export { parseManifest } from './parse-manifest.ts';
export { parseSchema1 } from './parse-schema1.ts';
export { parseConfig } from './parse-config.ts';
export { parseLayoutHeader, LAYOUT_VERSIONS } from './parse-layout.ts';
export {
  parseDocument,
  shapeKind,
  type DocumentKind,
  type ParsedDocument,
} from './parse-document.ts';
export {
  formatPlatform,
  parsePlatform,
  normalizePlatform,
  platformMatches,
  matchPlatform,
  selectManifest,
  isAttestationManifest,
  isArtifact,
} from './platform.ts';
