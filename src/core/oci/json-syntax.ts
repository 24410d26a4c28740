/**
 * Find where JSON text stops being valid (RFC 8259 grammar): the offset and what was expected
 * there. Used only to make an error message precise when JSON.parse does not say where.
 */
export function locateJsonError(text: string): { offset: number; expected: string } | undefined {
  let i = 0;
  const ws = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const fail = (expected: string): never => {
    throw new SyntaxAt(i, expected);
  };
  const literal = (word: string): void => {
    if (text.startsWith(word, i)) i += word.length;
    else fail(`"${word}"`);
  };
  const string = (): void => {
    i++;
    for (;;) {
      if (i >= text.length) fail('a closing quote');
      const c = text.charCodeAt(i);
      if (c === 0x22) return void i++;
      if (c < 0x20) fail('no control characters inside a string');
      if (c === 0x5c) {
        i++;
        if (text[i] === 'u' && /^[0-9A-Fa-f]{4}$/.test(text.slice(i + 1, i + 5))) i += 5;
        else if (text[i] !== undefined && '"\\/bfnrt'.includes(text[i]!)) i++;
        else fail('a valid escape sequence');
      } else i++;
    }
  };
  const number = (): void => {
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m) fail('a value');
    i += m![0].length;
  };
  const value = (depth: number): void => {
    if (depth > 1000) fail('less nesting');
    ws();
    const c = text[i];
    if (c === '{')
      return container('}', depth, () => {
        ws();
        if (text[i] !== '"') fail('a string key');
        string();
        ws();
        if (text[i] !== ':') fail("':'");
        i++;
        value(depth + 1);
      });
    if (c === '[') return container(']', depth, () => value(depth + 1));
    if (c === '"') return string();
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return number();
    fail(c === undefined ? 'a value, but the text ended' : 'a value');
  };
  const container = (close: string, depth: number, entry: () => void): void => {
    i++;
    ws();
    if (text[i] === close) return void i++;
    for (;;) {
      entry();
      ws();
      if (text[i] === ',') i++;
      else if (text[i] === close) return void i++;
      else fail(`',' or '${close}'`);
    }
  };
  try {
    value(0);
    ws();
    if (i < text.length) fail('the end of the text');
    return undefined;
  } catch (e) {
    if (e instanceof SyntaxAt) return { offset: e.offset, expected: e.expected };
    throw e;
  }
}

class SyntaxAt extends Error {
  constructor(
    readonly offset: number,
    readonly expected: string,
  ) {
    super(`expected ${expected} at ${offset}`);
  }
}

/** 1-based line and column of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}
