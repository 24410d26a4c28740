import { locateJsonError, lineColumn } from './json-syntax.ts';
import { problem, type Problem } from './problem.ts';
import type { Parsed } from './types.ts';
import { Rule } from './rules.ts';

/** Decode bytes as UTF-8 JSON; never throws. `value` is undefined when the bytes are not JSON. */
export function parseJson(bytes: Uint8Array, where: string): Parsed<unknown> {
  const problems: Problem[] = [];
  let body = bytes;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    problems.push(
      problem(
        'warning',
        'json-bom',
        where,
        'starts with a UTF-8 byte order mark, which JSON text must not carry; ignored',
        Rule.json,
      ),
    );
    body = bytes.subarray(3);
  }
  const bad = firstInvalidUtf8(body);
  if (bad !== undefined) {
    const offset = bad + (bytes.length - body.length);
    const byte = bytes[offset]!.toString(16).padStart(2, '0');
    const message = `is not UTF-8 text: byte 0x${byte} at offset ${offset} is invalid${guess(bytes)}; JSON documents must be UTF-8`;
    problems.push(problem('error', 'json-invalid-utf8', where, message, Rule.json));
    // Invalid bytes inside a string still leave readable JSON; show it, with the error.
    const lenient = parseJsonText(
      new TextDecoder('utf-8', { ignoreBOM: true }).decode(body),
      where,
    );
    return lenient.value === undefined
      ? { value: undefined, problems }
      : { value: lenient.value, problems: [...problems, ...lenient.problems] };
  }
  const parsed = parseJsonText(new TextDecoder('utf-8', { ignoreBOM: true }).decode(body), where);
  return { value: parsed.value, problems: [...problems, ...parsed.problems] };
}

/** Parse JSON text; on failure one `json-invalid` problem naming the line, column and parser message. */
export function parseJsonText(text: string, where: string): Parsed<unknown> {
  try {
    return { value: JSON.parse(text) as unknown, problems: [] };
  } catch (e) {
    const parser = e instanceof Error ? e.message : String(e);
    return {
      value: undefined,
      problems: [problem('error', 'json-invalid', where, describe(text, parser), Rule.json)],
    };
  }
}

function describe(text: string, parser: string): string {
  if (text.trim() === '') return `is not JSON: the document is empty (${text.length} characters)`;
  const stated = /position (\d+)/.exec(parser);
  const located = locateJsonError(text);
  const offset = stated ? Number(stated[1]) : located?.offset;
  if (offset === undefined) return `is not valid JSON: ${parser}`;
  const { line, column } = lineColumn(text, offset);
  const expected = located && located.offset === offset ? `; expected ${located.expected}` : '';
  return `is not valid JSON at line ${line} column ${column} (offset ${offset})${expected}: ${parser}`;
}

function guess(b: Uint8Array): string {
  if (b[0] === 0x1f && b[1] === 0x8b) return ' (it looks gzip-compressed)';
  if ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff))
    return ' (it looks like UTF-16)';
  return '';
}

/** Offset of the first byte that breaks UTF-8 (RFC 3629: no overlongs, surrogates or > U+10FFFF). */
function firstInvalidUtf8(b: Uint8Array): number | undefined {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    let max = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) [need, min] = [1, 0x80];
    else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      min = c === 0xe0 ? 0xa0 : 0x80;
      if (c === 0xed) max = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      min = c === 0xf0 ? 0x90 : 0x80;
      if (c === 0xf4) max = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const n = b[i + k];
      const lo = k === 1 ? min : 0x80;
      const hi = k === 1 ? max : 0xbf;
      if (n === undefined || n < lo || n > hi) return n === undefined ? i : i + k;
    }
    i += need + 1;
  }
  return undefined;
}
