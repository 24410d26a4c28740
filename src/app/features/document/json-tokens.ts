/** One token of a JSON text, exactly as it appears (the texts of all tokens join back to the input). */
export interface JsonToken {
  kind: 'key' | 'string' | 'number' | 'literal' | 'punct' | 'space' | 'invalid';
  text: string;
  /** For keys: the decoded key. For values: the key they belong to (an array's key for its items). */
  key?: string;
  /** The key of the object (or array) that contains this token, `null` at the top. */
  container?: string | null;
  /** For strings: the decoded value. */
  value?: string;
}

interface Frame {
  type: 'object' | 'array';
  /** The key this container has in its parent. */
  key: string | null;
  expectKey: boolean;
  currentKey: string | null;
}

const decode = (text: string): string | undefined => {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'string' ? v : undefined;
  } catch {
    return undefined;
  }
};

/**
 * Split JSON text into tokens without changing a byte, tracking which key each value belongs to
 * (so `mediaType` values and `annotations` keys can be explained, and digests linked). Never
 * throws: text that is not JSON comes out as `invalid` tokens, the rest still coloured.
 */
export function tokenizeJson(text: string): JsonToken[] {
  const out: JsonToken[] = [];
  const stack: Frame[] = [];
  let i = 0;
  const top = (): Frame | undefined => stack[stack.length - 1];
  const valueContext = (): { key?: string; container: string | null } => {
    const f = top();
    if (!f) return { container: null };
    const key = f.type === 'object' ? f.currentKey : f.key;
    return key === null ? { container: f.key } : { key, container: f.key };
  };
  while (i < text.length) {
    const c = text[i]!;
    if (c === ' ' || c === '\n' || c === '\r' || c === '\t') {
      let j = i + 1;
      while (j < text.length && ' \n\r\t'.includes(text[j]!)) j++;
      out.push({ kind: 'space', text: text.slice(i, j) });
      i = j;
    } else if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"' && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
      j = Math.min(j + 1, text.length);
      const raw = text.slice(i, j);
      const value = decode(raw);
      const f = top();
      if (f?.type === 'object' && f.expectKey) {
        f.currentKey = value ?? raw;
        f.expectKey = false;
        out.push({ kind: 'key', text: raw, key: f.currentKey, container: f.key });
      } else {
        const tok: JsonToken = {
          kind: value === undefined ? 'invalid' : 'string',
          text: raw,
          ...valueContext(),
        };
        if (value !== undefined) tok.value = value;
        out.push(tok);
      }
      i = j;
    } else if (c === '{' || c === '[') {
      const ctx = valueContext();
      out.push({ kind: 'punct', text: c });
      stack.push({
        type: c === '{' ? 'object' : 'array',
        key: ctx.key ?? null,
        expectKey: c === '{',
        currentKey: null,
      });
      i++;
    } else if (c === '}' || c === ']') {
      stack.pop();
      out.push({ kind: 'punct', text: c });
      i++;
    } else if (c === ',') {
      const f = top();
      if (f?.type === 'object') f.expectKey = true;
      out.push({ kind: 'punct', text: c });
      i++;
    } else if (c === ':') {
      out.push({ kind: 'punct', text: c });
      i++;
    } else {
      const m = /^(?:-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 64));
      if (m) {
        const kind = /^[tfn]/.test(m[0]) ? 'literal' : 'number';
        out.push({ kind, text: m[0], ...valueContext() });
        i += m[0].length;
      } else {
        let j = i + 1;
        while (j < text.length && !' \n\r\t"{}[],:'.includes(text[j]!)) j++;
        out.push({ kind: 'invalid', text: text.slice(i, j) });
        i = j;
      }
    }
  }
  return out;
}

/**
 * Re-indent tokens (two spaces) without touching any token's text: numbers, escapes and key
 * order stay exactly as stored, only the whitespace between tokens changes.
 */
export function indentTokens(tokens: readonly JsonToken[]): JsonToken[] {
  const out: JsonToken[] = [];
  let depth = 0;
  const nl = (): JsonToken => ({ kind: 'space', text: `\n${'  '.repeat(depth)}` });
  const solid = tokens.filter((t) => t.kind !== 'space');
  solid.forEach((t, idx) => {
    const next = solid[idx + 1];
    if (t.text === '{' || t.text === '[') {
      out.push(t);
      const empty = next && (next.text === '}' || next.text === ']');
      if (!empty) {
        depth++;
        out.push(nl());
      }
    } else if (t.text === '}' || t.text === ']') {
      const prev = solid[idx - 1];
      const empty = prev && (prev.text === '{' || prev.text === '[');
      if (!empty) {
        depth = Math.max(0, depth - 1);
        out.push(nl());
      }
      out.push(t);
    } else if (t.text === ',' && t.kind === 'punct') {
      out.push(t, nl());
    } else if (t.text === ':' && t.kind === 'punct') {
      out.push(t, { kind: 'space', text: ' ' });
    } else out.push(t);
  });
  return out;
}
