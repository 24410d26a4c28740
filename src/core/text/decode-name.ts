/**
 * Decode bytes from an archive (tar names, link targets, user names) as UTF-8, keeping every
 * byte that is not UTF-8 distinguishable: each becomes U+DC80 + byte (a lone low surrogate, as
 * Python's "surrogateescape" does) instead of U+FFFD, so two names that differ only in invalid
 * bytes stay two names, `--json` shows them as `\udcNN`, and `visible` prints them as `\xNN`.
 */

const strict = new TextDecoder('utf-8', { fatal: true });

/** Bytes → string; valid UTF-8 decodes as usual, each invalid byte becomes U+DC80 + byte. */
export function decodeName(bytes: Uint8Array): string {
  try {
    return strict.decode(bytes);
  } catch {
    return decodeEscaping(bytes);
  }
}

/** The slow path: walk UTF-8 sequences by hand (RFC 3629: no overlongs, no surrogates, ≤ U+10FFFF). */
function decodeEscaping(b: Uint8Array): string {
  let out = '';
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    let need = 0;
    let cp = 0;
    let min = 0;
    if (c < 0x80) {
      out += String.fromCharCode(c);
      i++;
      continue;
    } else if (c >= 0xc2 && c <= 0xdf) {
      need = 1;
      cp = c & 0x1f;
      min = 0x80;
    } else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      cp = c & 0x0f;
      min = 0x800;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      cp = c & 0x07;
      min = 0x10000;
    }
    let ok = need > 0;
    for (let k = 1; ok && k <= need; k++) {
      const d = b[i + k];
      if (d === undefined || (d & 0xc0) !== 0x80) ok = false;
      else cp = (cp << 6) | (d & 0x3f);
    }
    if (ok && (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))) ok = false;
    if (ok) {
      out += String.fromCodePoint(cp);
      i += need + 1;
    } else {
      out += String.fromCharCode(0xdc00 + c);
      i++;
    }
  }
  return out;
}
