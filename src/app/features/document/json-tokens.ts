/** Where a key or value sits in the document: its member name or position, and its parent. */
export interface JsonPathNode {
  parent: JsonPathNode | null;
  seg: string | number;
  /** 1 for the members of the top value. */
  depth: number;
}

/** One token of a JSON text, exactly as it appears (the texts of all tokens join back to the input). */
export interface JsonToken {
  /** `rest` is the text beyond the depth limit, as stored and not tokenized. */
  kind: 'key' | 'string' | 'number' | 'literal' | 'punct' | 'space' | 'invalid' | 'rest';
  text: string;
  /** For keys: the decoded key. For values: the key they belong to (an array's key for its items). */
  key?: string;
  /** The key of the object (or array) that contains this token, `null` at the top. */
  container?: string | null;
  /** For strings: the decoded value. */
  value?: string;
  /** For keys and values: the path from the top (nodes are shared, so this costs O(1) a token). */
  at?: JsonPathNode;
}

/** The tokens of a text, and where nesting passed the depth limit (null when it never did). */
export interface TokenizedJson {
  tokens: JsonToken[];
  /** Offset (in UTF-16 units) from which the text is one `rest` token. */
  cutAt: number | null;
}

/** Nesting deeper than this is not tokenized: real documents nest a handful of levels. */
export const MAX_JSON_DEPTH = 64;

interface Frame {
  type: 'object' | 'array';
  /** The key this container has in its parent. */
  key: string | null;
  /** The container's own path (null for the top value). */
  at: JsonPathNode | null;
  expectKey: boolean;
  currentKey: string | null;
  /** The current member's path (objects) or the next item's position (arrays). */
  member: JsonPathNode | null;
  items: number;
}

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const PLAIN_STRING = /^"[^"\\\u0000-\u001f]*"$/;
const NUMBER_OR_LITERAL = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;
const COLON_SPACE: JsonToken = { kind: 'space', text: ' ' };

const decode = (text: string): string | undefined => {
  // Most strings hold no escape: their value is their text without the quotes.
  if (PLAIN_STRING.test(text)) return text.slice(1, -1);
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'string' ? v : undefined;
  } catch {
    return undefined;
  }
};

const SPACE = new Set([' ', '\n', '\r', '\t']);
const STOP = new Set([' ', '\n', '\r', '\t', '"', '{', '}', '[', ']', ',', ':']);

/** The path of a token as a list of member names and positions (walks parent links). */
export function pathOf(node: JsonPathNode | null | undefined): (string | number)[] {
  const out: (string | number)[] = [];
  for (let n = node ?? null; n; n = n.parent) out.push(n.seg);
  return out.reverse();
}

/**
 * Split JSON text into tokens without changing a byte, tracking which key each value belongs to
 * and its path (so fields can be explained and digests linked). One pass with an explicit stack,
 * no recursion; past `maxDepth` the rest of the text is one `rest` token. Never throws: text
 * that is not JSON comes out as `invalid` tokens, the rest still coloured.
 */
export function tokenizeJson(text: string, maxDepth = MAX_JSON_DEPTH): TokenizedJson {
  const out: JsonToken[] = [];
  const stack: Frame[] = [];
  let i = 0;
  const top = (): Frame | undefined => stack[stack.length - 1];
  /** Context of a value starting now; advances an array's position. */
  const valueContext = (): Pick<JsonToken, 'key' | 'container' | 'at'> => {
    const f = top();
    if (!f) return { container: null };
    let at: JsonPathNode | undefined;
    if (f.type === 'array') at = { parent: f.at, seg: f.items++, depth: stack.length };
    else if (f.member) at = f.member;
    const key = f.type === 'object' ? f.currentKey : f.key;
    const ctx: Pick<JsonToken, 'key' | 'container' | 'at'> = { container: f.key };
    if (key !== null) ctx.key = key;
    if (at) ctx.at = at;
    return ctx;
  };
  while (i < text.length) {
    const c = text[i]!;
    if (SPACE.has(c)) {
      let j = i + 1;
      while (j < text.length && SPACE.has(text[j]!)) j++;
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
        f.member = { parent: f.at, seg: f.currentKey, depth: stack.length };
        out.push({ kind: 'key', text: raw, key: f.currentKey, container: f.key, at: f.member });
      } else {
        const tok: JsonToken = Object.assign(
          { kind: value === undefined ? ('invalid' as const) : ('string' as const), text: raw },
          valueContext(),
        );
        if (value !== undefined) tok.value = value;
        out.push(tok);
      }
      i = j;
    } else if (c === '{' || c === '[') {
      if (stack.length >= maxDepth) {
        out.push({ kind: 'rest', text: text.slice(i) });
        return { tokens: out, cutAt: i };
      }
      const ctx = valueContext();
      out.push({ kind: 'punct', text: c });
      stack.push({
        type: c === '{' ? 'object' : 'array',
        key: ctx.key ?? null,
        at: ctx.at ?? null,
        expectKey: c === '{',
        currentKey: null,
        member: null,
        items: 0,
      });
      i++;
    } else if (c === '}' || c === ']') {
      stack.pop();
      out.push({ kind: 'punct', text: c });
      i++;
    } else if (c === ',') {
      const f = top();
      if (f?.type === 'object') {
        f.expectKey = true;
        f.member = null;
      }
      out.push({ kind: 'punct', text: c });
      i++;
    } else if (c === ':') {
      out.push({ kind: 'punct', text: c });
      i++;
    } else {
      NUMBER_OR_LITERAL.lastIndex = i;
      const m = NUMBER_OR_LITERAL.exec(text);
      if (m) {
        const kind = c === 't' || c === 'f' || c === 'n' ? 'literal' : 'number';
        out.push(Object.assign({ kind, text: m[0] } as JsonToken, valueContext()));
        i += m[0].length;
      } else {
        let j = i + 1;
        while (j < text.length && !STOP.has(text[j]!)) j++;
        out.push({ kind: 'invalid', text: text.slice(i, j) });
        i = j;
      }
    }
  }
  return { tokens: out, cutAt: null };
}

/** One line of the view: how deep it is indented and its tokens. */
export interface JsonLine {
  depth: number;
  tokens: JsonToken[];
}

/** The lines of the document exactly as stored: the stored whitespace, split at its newlines. */
export function storedLines(tokens: readonly JsonToken[]): JsonLine[] {
  const lines: JsonLine[] = [{ depth: 0, tokens: [] }];
  for (const t of tokens) {
    if ((t.kind === 'space' || t.kind === 'rest') && t.text.includes('\n')) {
      t.text.split('\n').forEach((p, k) => {
        if (k > 0) lines.push({ depth: 0, tokens: [] });
        if (p) lines[lines.length - 1]!.tokens.push({ kind: t.kind, text: p });
      });
    } else lines[lines.length - 1]!.tokens.push(t);
  }
  return lines;
}

/**
 * Lines for reading: one member or item a line, indented by depth, token texts untouched (numbers,
 * escapes and key order stay as stored; only whitespace between tokens changes). The depth is a
 * number, not spaces, so the output stays linear in the input however deep it nests; a `rest`
 * token keeps its own lines, as stored.
 */
export function formattedLines(tokens: readonly JsonToken[]): JsonLine[] {
  const lines: JsonLine[] = [];
  let depth = 0;
  let line: JsonLine = { depth: 0, tokens: [] };
  const newLine = (): void => {
    if (line.tokens.length > 0) lines.push(line);
    line = { depth, tokens: [] };
  };
  const solid = tokens.filter((t) => t.kind !== 'space');
  const opens = (t: JsonToken | undefined): boolean =>
    t?.kind === 'punct' && (t.text === '{' || t.text === '[');
  const closes = (t: JsonToken | undefined): boolean =>
    t?.kind === 'punct' && (t.text === '}' || t.text === ']');
  for (let idx = 0; idx < solid.length; idx++) {
    const t = solid[idx]!;
    if (opens(t)) {
      line.tokens.push(t);
      if (!closes(solid[idx + 1])) {
        depth++;
        newLine();
      }
    } else if (closes(t)) {
      if (!opens(solid[idx - 1])) {
        depth = Math.max(0, depth - 1);
        newLine();
      }
      line.tokens.push(t);
    } else if (t.kind === 'punct' && t.text === ',') {
      line.tokens.push(t);
      newLine();
    } else if (t.kind === 'punct' && t.text === ':') {
      line.tokens.push(t, COLON_SPACE);
    } else if (t.kind === 'rest') {
      newLine();
      for (const l of storedLines([t])) lines.push({ depth, tokens: l.tokens });
      line = { depth, tokens: [] };
    } else line.tokens.push(t);
  }
  if (line.tokens.length > 0 || lines.length === 0) lines.push(line);
  return lines;
}
