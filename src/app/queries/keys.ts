import type { QueryFilters } from '@tanstack/react-query';
import { analysesOf, analysisKey } from './analysis.ts';
import { blobCheckKey, blobChecksOf } from './blob-check.ts';
import { fsQueriesOf } from './filesystem.ts';
import { layerListingsOf, layerListingKey } from './layer-listing.ts';
import { layerVerifiesOf, layerVerifyKey } from './layer-verify.ts';

/**
 * The query resources by name (each defined, with its options and filter, in its own module).
 * Results are content-addressed: the digest names them, and the input's key goes with it because
 * a digest is only a claim until the bytes are hashed (see input-scope.ts).
 */
export const queryKeys = {
  /** The hash of one blob (documents and non-layer blobs). */
  blob: blobCheckKey,
  /** One layer's phase 1 (index): its tar listing, nothing hashed (LayerListingResult). */
  layer: layerListingKey,
  /** One layer's checks: digest (raw bytes hashed) and diff_id (from its listing) (LayerVerifyResult). */
  layerVerify: layerVerifyKey,
  /** An image's merged filesystem facts (net and wasted bytes per layer). */
  analysis: analysisKey,
};

/** Filters matching every query of one input, resource by resource. */
export function queriesOfInput(inputKey: string): QueryFilters[] {
  return [
    blobChecksOf(inputKey),
    layerListingsOf(inputKey),
    layerVerifiesOf(inputKey),
    analysesOf(inputKey),
    ...fsQueriesOf(inputKey),
  ];
}
