/** core/diff: two images compared — documents, layers and merged filesystems (issue 15). */
export type * from './types.ts';
export { diffJson, type NoiseTest } from './json-diff.ts';
export { isNoise, NOISE_ANNOTATIONS, type DocumentKind } from './noise.ts';
export { compareLayers, layerRefs } from './compare-layers.ts';
export { diffFilesystems, type ContentHash, type FsSide, type Side } from './diff-filesystems.ts';
export { dirDeltas } from './dir-deltas.ts';
export { listedImagesHasher } from './listed-hasher.ts';
export { diffImages, type ImageSide } from './diff-images.ts';
export { listImagePair, type ListedPair, type PairSide } from './list-pair.ts';
export { FileHashTap } from './hash-tap.ts';
export { imageDocuments } from './image-documents.ts';
