/** Human-readable byte size: `1.5 MB` (SI, as registries and dive show sizes). */
export function formatBytes(n: number): string {
  if (n < 1000) return `${n} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let v = n;
  let u = -1;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  return `${v.toFixed(v < 10 ? 2 : 1)} ${units[u]}`;
}

/** A short form of a media type for tables (`application/vnd.oci.image.layer.v1.tar+gzip` → `oci layer tar+gzip`). */
export function shortMediaType(mt: string): string {
  return mt
    .replace('application/vnd.oci.image.layer.v1.', 'oci layer ')
    .replace('application/vnd.oci.image.', 'oci ')
    .replace('application/vnd.docker.image.rootfs.diff.', 'docker layer ')
    .replace('application/vnd.docker.distribution.manifest.', 'docker manifest ')
    .replace('application/vnd.docker.container.image.v1+json', 'docker config')
    .replace('application/vnd.oci.empty.v1+json', 'oci empty');
}
