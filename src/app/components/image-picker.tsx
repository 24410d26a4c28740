import { useDeferredValue, useId, useMemo, useState } from 'react';
import type { ImageSummary } from '../../core/graph/model.ts';
import { formatCount } from './format.ts';

/** Up to this many images a picker lists them all; past it, it lists what a search matches. */
export const PICKER_LIMIT = 50;

/** The images whose label holds every word of `query`, the current one first, at most `max`. */
export function pickerOptions(
  images: readonly ImageSummary[],
  labels: readonly string[] | ((i: number) => string),
  query: string,
  current: string | null,
  max = PICKER_LIMIT,
): ImageSummary[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const labelAt = typeof labels === 'function' ? labels : (i: number) => labels[i]!;
  const out: ImageSummary[] = [];
  const cur = images.find((i) => i.manifest === current);
  if (cur) out.push(cur);
  for (let i = 0; i < images.length && out.length < max; i++) {
    const img = images[i]!;
    if (img === cur) continue;
    if (words.length === 0 || words.every((w) => labelAt(i).includes(w))) out.push(img);
  }
  return out;
}

/**
 * Choose one image of the input: a select of every image, or, for an index of thousands, a
 * search and a select of its first matches (10,000 options would be 10,000 elements at once).
 */
export function ImagePicker({
  images,
  value,
  onChange,
  label,
  labelOf,
}: {
  images: readonly ImageSummary[];
  value: string | null;
  onChange: (manifest: string) => void;
  label: string;
  labelOf: (img: ImageSummary) => string;
}) {
  const id = useId();
  const [query, setQuery] = useState('');
  const deferred = useDeferredValue(query);
  const many = images.length > PICKER_LIMIT;
  // Labels are made as a search reads them, once each: making 10,000 up front held the page ~70 ms.
  const labels = useMemo(() => {
    const made: (string | undefined)[] = [];
    return (i: number): string => (made[i] ??= labelOf(images[i]!).toLowerCase());
  }, [images, labelOf]);
  const options = many ? pickerOptions(images, labels, deferred, value) : images;
  return (
    <span className="image-picker">
      <label htmlFor={id}>{label}</label>{' '}
      {many && (
        <input
          type="search"
          className="image-picker-search"
          aria-label={`Find an image among ${formatCount(images.length)}`}
          placeholder={`find among ${formatCount(images.length)}`}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
      )}
      <select id={id} value={value ?? ''} onChange={(e) => onChange(e.target.value)}>
        {options.map((i) => (
          <option key={i.manifest} value={i.manifest}>
            {labelOf(i)}
          </option>
        ))}
      </select>
    </span>
  );
}
