import { problem, type Problem } from '../oci/problem.ts';
import { BlobWindow } from './blob-window.ts';
import { normaliseMemberPath, type FileSet } from './file-set.ts';
import { decodeTarHeader, parsePaxRecords } from '../layers/tar-header.ts';

const BLOCK = 512;
/** Long names and PAX records larger than this are refused rather than allocated. */
const MAX_META = 1 << 20;

/**
 * Index a tar archive by reading only its 512-byte headers; each regular member becomes a
 * `blob.slice()` of the archive (nothing is copied). Symlinks and hardlinks between members
 * are resolved, as `podman save` and `docker save` write `layer.tar` links. An abort stops it
 * between headers (an archive of 300,000 empty files is 300,000 reads).
 */
export async function listTarArchive(
  blob: Blob,
  name = 'archive',
  signal?: AbortSignal,
): Promise<FileSet> {
  const files = new Map<string, Blob>();
  const links = new Map<string, string>();
  const dirs = new Set<string>();
  const problems: Problem[] = [];
  const win = new BlobWindow(blob);
  let offset = 0;
  let longName: string | undefined;
  let longLink: string | undefined;
  let pax: Record<string, string> = {};
  let sawEnd = false;
  const pending: [string, string, 'symlink' | 'hardlink'][] = [];

  while (offset + BLOCK <= blob.size) {
    signal?.throwIfAborted();
    const block = await win.read(offset, BLOCK);
    const h = decodeTarHeader(block);
    if (h.kind === 'zero') {
      sawEnd = true;
      break;
    }
    if (h.kind === 'bad-checksum') {
      problems.push(
        problem(
          'error',
          'tar-bad-checksum',
          `${name} @${offset}`,
          `tar header at byte ${offset} has a bad checksum (stored ${h.stored}, computed ${h.computed}); reading stops here`,
        ),
      );
      break;
    }
    const dataStart = offset + BLOCK;
    const size = h.size;
    const next = dataStart + Math.ceil(size / BLOCK) * BLOCK;
    if (dataStart + size > blob.size) {
      problems.push(
        problem(
          'error',
          'tar-truncated',
          `${name} @${offset}`,
          `tar member "${h.name}" claims ${size} bytes but the archive ends ${blob.size - dataStart} bytes after its header`,
        ),
      );
      break;
    }
    const meta = async (): Promise<Uint8Array | undefined> => {
      if (size > MAX_META) {
        problems.push(
          problem(
            'error',
            'tar-meta-too-large',
            `${name} @${offset}`,
            `tar metadata record of ${size} bytes is larger than the ${MAX_META}-byte limit; ignored`,
          ),
        );
        return undefined;
      }
      return (await win.read(dataStart, size)).slice();
    };
    switch (h.typeflag) {
      case 'L': {
        const b = await meta();
        if (b) longName = cString(b);
        break;
      }
      case 'K': {
        const b = await meta();
        if (b) longLink = cString(b);
        break;
      }
      case 'x': {
        const b = await meta();
        if (b) pax = { ...pax, ...parsePaxRecords(b).strings };
        break;
      }
      case 'g':
        break;
      default: {
        const rawName = pax['path'] ?? longName ?? h.name;
        const rawLink = pax['linkpath'] ?? longLink ?? h.linkname;
        const path = normaliseMemberPath(rawName);
        const realSize = pax['size'] !== undefined ? Number(pax['size']) : size;
        if (path !== '') {
          if (h.typeflag === '5') dirs.add(path);
          else if (h.typeflag === '2') pending.push([path, rawLink, 'symlink']);
          else if (h.typeflag === '1')
            pending.push([path, normaliseMemberPath(rawLink), 'hardlink']);
          else if (h.typeflag === '0' || h.typeflag === '\0' || h.typeflag === '7') {
            files.set(path, blob.slice(dataStart, dataStart + realSize));
          }
          for (let i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1))
            dirs.add(path.slice(0, i));
        }
        longName = undefined;
        longLink = undefined;
        pax = {};
        const advance = dataStart + Math.ceil(realSize / BLOCK) * BLOCK;
        offset = Math.max(advance, dataStart);
        continue;
      }
    }
    offset = next;
  }
  if (!sawEnd && offset < blob.size && problems.length === 0) {
    problems.push(
      problem(
        'error',
        'tar-truncated',
        `${name} @${offset}`,
        `archive ends mid-header at byte ${offset} of ${blob.size}`,
      ),
    );
  }
  resolveLinks(pending, files, links, problems, name);
  return { origin: 'archive', files, links, dirs, problems };
}

function resolveLinks(
  pending: [string, string, 'symlink' | 'hardlink'][],
  files: Map<string, Blob>,
  links: Map<string, string>,
  problems: Problem[],
  name: string,
): void {
  // Resolve in rounds so a link to a link works; a cycle leaves members unresolved.
  let left = pending;
  for (let round = 0; round < 8 && left.length > 0; round++) {
    const again: typeof left = [];
    for (const [path, target, kind] of left) {
      const resolved =
        kind === 'hardlink'
          ? target
          : normaliseMemberPath(target.startsWith('/') ? target : `${parentOf(path)}/${target}`);
      const blob = files.get(resolved);
      if (blob) {
        files.set(path, blob);
        links.set(path, resolved);
      } else again.push([path, target, kind]);
    }
    if (again.length === left.length) {
      left = again;
      break;
    }
    left = again;
  }
  for (const [path, target, kind] of left) {
    problems.push(
      problem(
        'warning',
        'archive-link-dangling',
        `${name} ${path}`,
        `${kind} "${path}" points to "${target}", which is not a file in the archive`,
      ),
    );
  }
}

function parentOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

function cString(bytes: Uint8Array): string {
  const nul = bytes.indexOf(0);
  return new TextDecoder().decode(nul < 0 ? bytes : bytes.subarray(0, nul));
}
