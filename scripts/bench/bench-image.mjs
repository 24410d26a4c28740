// Locates (or builds) the large benchmark image: an OCI layout, an oci-archive and a docker-archive
// of a Debian root filesystem in three gzip layers, made by scripts/bench/make-bench-image.sh.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Paths of the benchmark image's three forms; builds them first when absent (needs root on Debian). */
export function benchImage() {
  const dir = resolve(process.env.OCI_BENCH_DIR ?? resolve(repoRoot, 'bench-data'));
  const paths = {
    dir,
    layout: resolve(dir, 'bench-debian'),
    ociArchive: resolve(dir, 'bench-debian.oci-archive.tar'),
    dockerArchive: resolve(dir, 'bench-debian.docker-archive.tar'),
    info: resolve(dir, 'bench-info.json'),
  };
  if (!existsSync(paths.info)) {
    const script = resolve(repoRoot, 'scripts/bench/make-bench-image.sh');
    if (!existsSync(script))
      throw new Error(`no bench image in ${dir} and no builder at ${script}`);
    console.error(`building the bench image into ${dir} (about 2-3 minutes)…`);
    execFileSync('bash', [script, dir], { stdio: ['ignore', 'inherit', 'inherit'] });
  }
  return paths;
}
