import { useDeferredValue, useId, useMemo, useState } from 'react';
import type { ImageSummary } from '../../core/graph/model.ts';
import { formatCount } from './format.ts';

/** Up to this many images a picker lists them all; past it, it lists what a search matches. */
export const PICKER_LIMIT = 50;

/** The images whose label holds every word of `query`, the current one first, at most `max`. */
export function pickerOptions(
  images: readonly ImageSummary[],
  labels: readonly string[],
  query: string,
  current: string | null,
  max = PICKER_LIMIT,
): ImageSummary[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const out: ImageSummary[] = [];
  const cur = images.find((i) => i.manifest === current);
  if (cur) out.push(cur);
  for (let i = 0; i < images.length && out.length < max; i++) {
    const img = images[i]!;
    if (img === cur) continue;
    if (words.every((w) => labels[i]!.includes(w))) out.push(img);
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
  const labels = useMemo(
    () => (many ? images.map((i) => labelOf(i).toLowerCase()) : []),
    [images, labelOf, many],
  );
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
