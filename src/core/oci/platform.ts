import { MediaType } from './media-types.ts';
import type { Descriptor, ImageManifest, Platform } from './types.ts';

/** Render a platform as `os/architecture[/variant]`, the form docker and containerd accept. */
export function formatPlatform(p: Platform): string {
  return p.variant ? `${p.os}/${p.architecture}/${p.variant}` : `${p.os}/${p.architecture}`;
}

/** Parse `os/architecture[/variant]`; undefined when a part is empty or there are too many. */
export function parsePlatform(text: string): Platform | undefined {
  const parts = text.trim().split('/');
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => p === '')) return undefined;
  const [os, architecture, variant] = parts as [string, string, string | undefined];
  return variant === undefined ? { os, architecture } : { os, architecture, variant };
}

// Conservative on purpose: only spellings that cannot mean anything else (as containerd's
// platforms.Normalize maps them). armhf/armel and friends are left alone.
const ARCH_ALIASES: Readonly<Record<string, string>> = {
  x86_64: 'amd64',
  'x86-64': 'amd64',
  aarch64: 'arm64',
  i386: '386',
};

/**
 * Normalise a platform for comparison: lowercase os, architecture aliases, and default variants
 * (arm64 → v8, arm → v7, amd64 v1 → none; `8` → `v8`), after containerd's platforms package.
 */
export function normalizePlatform(p: Platform): Platform {
  const os = p.os.toLowerCase();
  const arch = p.architecture.toLowerCase();
  const architecture = ARCH_ALIASES[arch] ?? arch;
  let variant = p.variant?.toLowerCase();
  if (variant !== undefined && /^\d+$/.test(variant)) variant = `v${variant}`;
  if (architecture === 'arm64' && variant === undefined) variant = 'v8';
  if (architecture === 'arm' && variant === undefined) variant = 'v7';
  if (architecture === 'amd64' && variant === 'v1') variant = undefined;
  return variant === undefined ? { os, architecture } : { os, architecture, variant };
}

/**
 * True when a candidate satisfies the wanted platform: os and architecture equal after
 * normalisation; the variant must equal only when the wanted platform names one.
 * os.version and os.features are not compared.
 */
export function platformMatches(wanted: Platform, candidate: Platform): boolean {
  const w = normalizePlatform(wanted);
  const c = normalizePlatform(candidate);
  if (w.os !== c.os || w.architecture !== c.architecture) return false;
  return wanted.variant === undefined || w.variant === c.variant;
}

/** Index of the first candidate matching the wanted platform (first match wins), or -1. */
export function matchPlatform(
  wanted: Platform,
  candidates: readonly (Platform | undefined)[],
): number {
  return candidates.findIndex((c) => c !== undefined && platformMatches(wanted, c));
}

/** The first manifest of an index matching the platform, skipping attestation manifests. */
export function selectManifest(
  manifests: readonly Descriptor[],
  wanted: Platform,
): Descriptor | undefined {
  const usable = manifests.filter((d) => !isAttestationManifest(d));
  return usable[
    matchPlatform(
      wanted,
      usable.map((d) => d.platform),
    )
  ];
}

/**
 * True for a BuildKit attestation manifest entry of an index: its platform is `unknown/unknown`,
 * or it is annotated `vnd.docker.reference.type: attestation-manifest`.
 */
export function isAttestationManifest(d: Descriptor): boolean {
  if (d.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest') return true;
  return d.platform?.os === 'unknown' && d.platform.architecture === 'unknown';
}

const IMAGE_CONFIG_TYPES: readonly string[] = [MediaType.ociConfig, MediaType.dockerConfig];

/**
 * True when a manifest describes an artifact rather than a runnable image: it sets artifactType,
 * or its config is the empty descriptor or not an image config. A Docker manifest whose config
 * is `application/octet-stream` counts as an image: early registry pushes wrote that.
 */
export function isArtifact(m: ImageManifest): boolean {
  if (m.artifactType !== undefined) return true;
  const type = m.config.mediaType;
  if (IMAGE_CONFIG_TYPES.includes(type)) return false;
  const docker = m.mediaType === undefined || m.mediaType === MediaType.dockerManifest;
  return !(docker && type === 'application/octet-stream');
}
