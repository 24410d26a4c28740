/** Short references to the spec rules that problems cite (image-spec unless said otherwise). */
export const Rule = {
  descriptor: 'image-spec descriptor.md#properties',
  digest: 'image-spec descriptor.md#digests',
  mediaType: 'image-spec descriptor.md#properties (mediaType, RFC 6838 §4.2)',
  size: 'image-spec descriptor.md#properties (size)',
  urls: 'image-spec descriptor.md#properties (urls, RFC 3986)',
  data: 'image-spec descriptor.md#embedded-content',
  annotations: 'image-spec annotations.md#rules',
  platform: 'image-spec image-index.md#image-index-property-descriptions (platform)',
  index: 'image-spec image-index.md#image-index-property-descriptions',
  manifest: 'image-spec manifest.md#image-manifest-property-descriptions',
  artifact: 'image-spec manifest.md#guidelines-for-artifact-usage',
  config: 'image-spec config.md#properties',
  history: 'image-spec config.md#properties (history)',
  layout: 'image-spec image-layout.md#oci-layout-file',
  json: 'image-spec considerations.md#json (RFC 8259)',
  schema1: 'distribution deprecated-schema-v1.md',
} as const;
