import { lookupField, type FieldDocumentKind } from '../../../core/oci/field-dictionary.ts';
import { explainAnnotation, explainMediaType, type Explanation } from '../../components/explain.ts';
import { pathOf, type JsonToken } from './json-tokens.ts';

const MEDIA_TYPE_KEYS = new Set(['mediaType', 'artifactType']);
const ANNOTATION_CONTAINERS = new Set(['annotations', 'Labels']);

/** A path shape as people write it: `manifests[].platform.os`, `rootfs.diff_ids`. */
export function shapeTitle(shape: string): string {
  return shape
    .split('/')
    .map((s, i) => (s === '*' ? '[]' : i === 0 ? s : `.${s}`))
    .join('');
}

/**
 * What a key or value of a document means: keys from the core field dictionary (annotation keys
 * from the annotation catalogue), media type values from the media type catalogue; null for
 * anything else (free text from the image explains nothing).
 */
export function explainToken(t: JsonToken, kind: FieldDocumentKind | null): Explanation | null {
  if (t.kind === 'key') {
    const found = kind ? lookupField(kind, pathOf(t.at)) : null;
    if (found?.entry) {
      return { title: shapeTitle(found.shape), text: found.entry.text, href: found.entry.href };
    }
    const annotation = !found || found.freeForm;
    if (annotation && t.container && ANNOTATION_CONTAINERS.has(t.container) && t.key) {
      return explainAnnotation(t.key);
    }
    return null;
  }
  if (t.kind === 'string' && t.key && MEDIA_TYPE_KEYS.has(t.key)) {
    return explainMediaType(t.value ?? '');
  }
  return null;
}

/** Keys and values take part in the document's one roving focus; punctuation does not. */
export function isFocusItem(t: JsonToken): boolean {
  return (
    t.kind === 'key' ||
    t.kind === 'string' ||
    t.kind === 'number' ||
    t.kind === 'literal' ||
    t.kind === 'invalid'
  );
}

/** Which item a key press moves the roving focus to (null when the key is not a move). */
export function nextItem(
  key: string,
  current: number,
  lineOfItem: readonly number[],
): number | null {
  const last = lineOfItem.length - 1;
  if (last < 0) return null;
  const line = lineOfItem[current] ?? 0;
  switch (key) {
    case 'Home':
      return 0;
    case 'End':
      return last;
    case 'ArrowRight':
      return Math.min(current + 1, last);
    case 'ArrowLeft':
      return Math.max(current - 1, 0);
    case 'ArrowDown': {
      // The first item of the next line that has any.
      let i = current;
      while (i < last && lineOfItem[i]! === line) i++;
      return lineOfItem[i]! === line ? current : i;
    }
    case 'ArrowUp': {
      let i = current;
      while (i > 0 && lineOfItem[i]! === line) i--;
      if (lineOfItem[i]! === line) return current;
      const prev = lineOfItem[i]!;
      while (i > 0 && lineOfItem[i - 1]! === prev) i--;
      return i;
    }
    default:
      return null;
  }
}
