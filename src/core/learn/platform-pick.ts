import type { GraphNode } from '../graph/model.ts';
import {
  formatPlatform,
  isAttestationManifest,
  normalizePlatform,
  selectManifest,
} from '../oci/platform.ts';
import type { Platform } from '../oci/types.ts';

/** What a pull on one platform would take from an index, and why. */
export interface PullChoice {
  /** The platform asked for, `os/arch[/variant]`. */
  platform: string;
  /** The manifest digest a pull would pick, or null when none fits. */
  manifest: string | null;
  /** Why, in our words. */
  reason: string;
}

/** The platforms a pull commonly asks for, tried against every index. */
export const COMMON_PLATFORMS: readonly Platform[] = [
  { os: 'linux', architecture: 'amd64' },
  { os: 'linux', architecture: 'arm64' },
  { os: 'linux', architecture: 'arm', variant: 'v7' },
];

/**
 * For an index node: for each common platform and each platform the index lists, which manifest a
 * pull would pick (the first entry whose os and architecture match after normalisation, the
 * variant only when asked; attestation entries never), following `core/oci/platform.ts`.
 */
export function pullChoices(node: GraphNode): PullChoice[] {
  if (node.document?.kind !== 'index') return [];
  const manifests = node.document.manifests;
  const listed = manifests
    .filter((d) => d.platform && !isAttestationManifest(d))
    .map((d) => d.platform!);
  const wanted = new Map<string, Platform>();
  for (const p of [...COMMON_PLATFORMS, ...listed]) {
    const key = formatPlatform(normalizePlatform(p));
    if (!wanted.has(key)) wanted.set(key, normalizePlatform(p));
  }
  return [...wanted].map(([key, p]) => {
    const d = selectManifest(manifests, p);
    if (!d)
      return {
        platform: key,
        manifest: null,
        reason: 'no entry lists this os and architecture: the pull fails',
      };
    const at = manifests.indexOf(d);
    const listedAs = d.platform ? formatPlatform(d.platform) : '';
    return {
      platform: key,
      manifest: d.digest.value,
      reason:
        listedAs === key
          ? `entry ${at} lists exactly this platform, and the first match wins`
          : `entry ${at} lists ${listedAs}: the same os and architecture once names are normalised (arm64 is arm64/v8, x86_64 is amd64), and the first match wins`,
    };
  });
}
