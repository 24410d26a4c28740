import { describe, expect, it } from 'vitest';
import type { ImageSummary } from '../../core/graph/model.ts';
import { pickerOptions } from './image-picker.tsx';

const images = Array.from(
  { length: 1_000 },
  (_, i) =>
    ({ manifest: `m${i}`, platform: i % 2 ? 'linux/arm64' : 'linux/amd64' }) as ImageSummary,
);
const labels = images.map((i) => `${i.platform} ${i.manifest}`);

describe('pickerOptions', () => {
  it.each([
    // query, current → options listed (manifests)
    ['', null, 50, 'm0'],
    ['arm64', null, 50, 'm1'],
    ['m999', null, 1, 'm999'],
    ['m999', 'm5', 2, 'm5'],
    ['no such', 'm5', 1, 'm5'],
  ])('%j with %j selected', (query, current, count, first) => {
    const got = pickerOptions(images, labels, query, current);
    expect(got).toHaveLength(count);
    expect(got[0]!.manifest).toBe(first);
  });
});

describe('pickerOptions with labels made on demand', () => {
  it.each([
    // query → labels read
    ['', 0],
    ['arm64', 100],
    ['m999', 1_000],
  ])('%j reads %i labels', (query, reads) => {
    let read = 0;
    const labelAt = (i: number): string => (read++, labels[i]!);
    const got = pickerOptions(images, labelAt, query, null);
    expect(got).toEqual(pickerOptions(images, labels, query, null));
    expect(read).toBe(reads);
  });
});
