import { NOISE_ANNOTATIONS } from '../core/diff/noise.ts';

// The keys the noise filter hides, from core's one list, wrapped to the help's width.
const NOISE_KEYS = NOISE_ANNOTATIONS.map((k) => (k.endsWith('.') ? `${k}*` : k))
  .join(', ')
  .replace(/(.{1,88})(?:, |$)/g, '$1,\n  ')
  .replace(/,\n {2}$/, '');

/** Help for each command (`oci-explorer <command> --help`), exit code 0. */
export const COMMAND_HELP: Readonly<Record<string, string>> = {
  inspect: `usage: oci-explorer inspect PATH [--json] [--layers]

The index → manifest → config/layers tree of the input, then each runnable image's config
(Entrypoint, Cmd, Env, WorkingDir, User and the history of the build), then the problems found.
It reads headers and JSON documents only.

  --json     the stable JSON contract (see README), without the config lines
  --layers   also read every layer: sizes, net contribution, wasted bytes, efficiency`,
  verify: `usage: oci-explorer verify PATH [--json] [--blobs-only]

Check every blob's sha256 against its digest and its size against its descriptor, and every
layer's diff_id (the sha256 of its uncompressed tar) against the config, while streaming.

  --json         one JSON object: format, ok, blobs, problems
  --blobs-only   skip decompression: digests and sizes only`,
  ls: `usage: oci-explorer ls PATH [--platform os/arch[/variant]] [--image DIGEST] [--layer N]
                         [--dirs] [--json] [--sha256]

The merged filesystem of one image (the layers applied in order, whiteouts honoured), like ls -l:
  MODE  UID:GID  SIZE  L<layer that last wrote it>  PATH [-> symlink target | => hardlink target]

The first letter of MODE is the entry's type:
  -  regular file (or a hardlink: its target is shown after =>)
  d  directory
  l  symbolic link
  c  character device      b  block device      p  FIFO (named pipe)
  w  whiteout: a .wh.<name> marker in the layer deleting <name> from the layers below (only
     with --layer)
  o  opaque directory: a .wh..wh..opq marker hiding everything lower layers put in it (only
     with --layer)
The other nine letters are the permissions (r, w, x; s/S setuid and setgid, t/T sticky).

  --layer N    only layer N's own changes (0-based), markers included as w / o entries
  --dirs       directories only (the lesson's tree -d)
  --platform   choose the image of an index by platform (first match wins)
  --image      choose the image by manifest digest (or a unique prefix)
  --json       JSON entries (see README)
  --sha256     add each regular file's sha256`,
  cat: `usage: oci-explorer cat PATH FILE [--platform …] [--image …]
       oci-explorer cat PATH --blob DIGEST

Write the bytes of a file of the merged filesystem to stdout (symlinks followed inside the
image, hardlinks to their content), or with --blob any blob of the input exactly as stored: an
index, a manifest, a config, a compressed layer. DIGEST is sha256:<hex> or a unique prefix of
the hex.`,
  diff: `usage: oci-explorer diff A B [--platform P] [--platform-b P2] [--json] [--strict]
                       [--ignore-metadata]

Compare two images (two inputs, or two images of one: diff X X --platform linux/amd64
--platform-b linux/arm64): their manifests, configs and index as structural JSON diffs, which
layers they share (the common base) and what each adds after, and their merged filesystems by
path. Files are compared by the hash of their bytes (only when sizes agree), never by mtime or
by which layer wrote them, so a rebuild that changes nothing shows nothing.
  A path  added        D path  removed (a whiteout, an opaque folder, ...)
  C path  content      M path  metadata only (mode, uid, gid, symlink target, xattrs)
  T path  type (a file became a folder, a symlink, ...)

The noise filter is on unless --strict: mtimes, created, history timestamps, build-tool
annotations and labels:
  ${NOISE_KEYS};
and the digests and sizes of the blobs compared by content (config, layers, diff_ids).

  --platform P        choose the image of both inputs by platform (os/arch[/variant])
  --platform-b P2     choose B's image by this platform instead
  --json              every difference with its kind, path and both sides (docs/cli.md)
  --strict            no noise filter: mtimes, timestamps and every digest count
  --ignore-metadata   compare presence, type and content only

Exit codes as diff(1): 0 equal under the chosen rules, 1 different, 2 an input cannot be read
(or bad usage). Problems met while reading are printed as warnings and leave the code alone.`,
};
