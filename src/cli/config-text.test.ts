import { describe, expect, it } from 'vitest';
import { visible } from './config-text.ts';

describe('visible', () => {
  it.each([
    ['PATH=/usr/bin', 'PATH=/usr/bin'],
    ['a\u001b[31mred', 'a\\u{1b}[31mred'],
    ['x\u202eevil', 'x\\u{202e}evil'],
    ['line\nbreak', 'line\\u{a}break'],
    ['café', 'café'],
  ])('%j', (input, out) => expect(visible(input)).toBe(out));
});
