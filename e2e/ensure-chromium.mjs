// The browser tests need Debian's Chromium. When it is missing, install it with apt-get if we
// can (root on Debian), else stop and say exactly what to install. Never downloads a browser
// of its own.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

/** The path of a usable Chromium, installing Debian's package first when possible. */
export function ensureChromium() {
  const path = process.env.CHROMIUM ?? '/usr/bin/chromium';
  if (existsSync(path)) return path;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  const apt = spawnSync('sh', ['-c', 'command -v apt-get']).status === 0;
  if (!root || !apt) {
    console.error(
      `The browser tests need Chromium at ${path}, and it is missing.\n` +
        `On Debian: sudo apt-get update && sudo apt-get install -y chromium\n` +
        `(or set CHROMIUM=/path/to/chromium)`,
    );
    process.exit(1);
  }
  console.log('Chromium is missing: installing Debian\u2019s chromium package (apt-get)\u2026');
  const r = spawnSync(
    'sh',
    ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium'],
    { stdio: 'inherit' },
  );
  if (r.status !== 0 || !existsSync(path)) {
    console.error(
      `Installing chromium failed (exit ${r.status}); install it by hand: apt-get install -y chromium`,
    );
    process.exit(1);
  }
  return path;
}
