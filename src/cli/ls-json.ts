import type { LsEntry } from './ls.ts';

// Entries per write: big enough that a write costs little beside the stringifying, small
// enough that the output starts at once and no string the size of the whole listing is built.
const BATCH = 2000;

/**
 * `ls --json`'s document in pieces, byte for byte what `JSON.stringify` of the whole object
 * gives: `{"image":…,"layer":…,"entries":[…],"problems":[…]}` and a newline.
 */
export function* lsJsonPieces(doc: {
  image: unknown;
  layer: number | null;
  entries: readonly LsEntry[];
  problems: readonly unknown[];
}): Generator<string> {
  // JSON.stringify drops an undefined key; stringifying the head alone keeps that rule.
  const head = JSON.stringify({ image: doc.image, layer: doc.layer });
  yield `${head.slice(0, -1)},"entries":[`;
  for (let i = 0; i < doc.entries.length; i += BATCH) {
    const batch = doc.entries.slice(i, i + BATCH).map((e) => JSON.stringify(e));
    yield `${i > 0 ? ',' : ''}${batch.join(',')}`;
  }
  yield `],"problems":${JSON.stringify(doc.problems)}}\n`;
}
