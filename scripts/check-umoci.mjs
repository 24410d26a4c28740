// Compares `oci-explorer ls --json --sha256` of the bench image with what Debian's `umoci unpack`
// writes for the same image: paths, types, sizes, modes, link targets, file contents by sha256.
// Any difference is printed and fails the run. Needs root on Debian (it installs umoci).
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { lstatSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { benchImage, repoRoot } from './bench/bench-image.mjs';

if (spawnSync('sh', ['-c', 'command -v umoci']).status !== 0) {
  execFileSync('sh', ['-c', 'apt-get update -qq && apt-get install -y -qq umoci >/dev/null'], {
    stdio: 'inherit',
  });
}
const img = benchImage();
const tmp = mkdtempSync(join(tmpdir(), 'oci-explorer-umoci-'));
try {
  const bundle = join(tmp, 'bundle');
  execFileSync('umoci', ['unpack', '--image', `${img.layout}:latest`, bundle], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const rootfs = join(bundle, 'rootfs');

  // What umoci wrote, read back with lstat. Hardlinked files compare by content; the link
  // relation itself is checked on our side (the target must exist and be a regular file).
  const theirs = new Map();
  const walk = (dir, rel) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      const path = `${rel}/${name}`;
      const st = lstatSync(full);
      const e = {
        type: 'other',
        size: 0,
        mode: st.mode & 0o7777,
        uid: st.uid,
        gid: st.gid,
        linkTarget: null,
        sha256: null,
      };
      if (st.isDirectory()) e.type = 'dir';
      else if (st.isSymbolicLink())
        Object.assign(e, { type: 'symlink', linkTarget: readlinkSync(full) });
      else if (st.isFile())
        Object.assign(e, {
          type: 'file',
          size: st.size,
          sha256: createHash('sha256').update(readFileSync(full)).digest('hex'),
        });
      else if (st.isCharacterDevice()) e.type = 'char';
      else if (st.isBlockDevice()) e.type = 'block';
      else if (st.isFIFO()) e.type = 'fifo';
      theirs.set(path, e);
      if (st.isDirectory()) walk(full, path);
    }
  };
  walk(rootfs, '');

  const r = spawnSync(
    'node',
    [resolve(repoRoot, 'bin/oci-explorer.js'), 'ls', img.layout, '--json', '--sha256'],
    { encoding: 'utf8', maxBuffer: 1 << 30 },
  );
  if (r.status !== 0) throw new Error(`ls failed (${r.status}): ${r.stderr}`);
  const mine = new Map(JSON.parse(r.stdout).entries.map((e) => [e.path, e]));
  mine.delete('/');

  const diffs = [];
  for (const [path, t] of theirs) {
    const m = mine.get(path);
    if (!m) {
      diffs.push(`${path}: umoci has it (${t.type}), oci-explorer does not`);
      continue;
    }
    const type = m.type === 'hardlink' ? 'file' : m.type;
    if (type !== t.type) diffs.push(`${path}: type ${m.type} vs umoci ${t.type}`);
    if (m.mode !== t.mode && t.type !== 'symlink')
      diffs.push(`${path}: mode ${m.mode.toString(8)} vs umoci ${t.mode.toString(8)}`);
    if (m.uid !== t.uid || m.gid !== t.gid)
      diffs.push(`${path}: owner ${m.uid}:${m.gid} vs umoci ${t.uid}:${t.gid}`);
    if (t.type === 'file' && m.size !== t.size)
      diffs.push(`${path}: size ${m.size} vs umoci ${t.size}`);
    if (t.type === 'file' && m.sha256 !== t.sha256)
      diffs.push(`${path}: sha256 ${m.sha256} vs umoci ${t.sha256}`);
    if (t.type === 'symlink' && m.linkTarget !== t.linkTarget)
      diffs.push(`${path}: link ${m.linkTarget} vs umoci ${t.linkTarget}`);
  }
  for (const path of mine.keys())
    if (!theirs.has(path)) diffs.push(`${path}: oci-explorer has it, umoci does not`);

  console.log(
    `umoci: ${theirs.size} paths; oci-explorer: ${mine.size} paths; ${diffs.length} differences`,
  );
  for (const d of diffs.slice(0, 50)) console.log(`  ${d}`);
  process.exitCode = diffs.length === 0 ? 0 : 1;
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
