import { describe, expect, it } from 'vitest';
import type { ImageConfig } from '../core/oci/types.ts';
import { configLines } from './config-text.ts';

const config = (run: Record<string, unknown>, history: unknown[] = []): ImageConfig =>
  ({ config: run, history }) as unknown as ImageConfig;

describe('configLines', () => {
  it('prints what a runtime runs, as JSON writes an argv', () => {
    expect(configLines(config({ Cmd: ['sh'], Entrypoint: ['/bin/a', 'b c'] }))).toEqual(
      expect.arrayContaining(['  Entrypoint  ["/bin/a","b c"]', '  Cmd         ["sh"]']),
    );
  });

  it.each([
    [{ Cmd: ['a\u001b[31mred'] }, '  Cmd         ["a\\x1b[31mred"]'],
    [{ Cmd: ['say "hi"'] }, '  Cmd         ["say \\"hi\\""]'],
    [{ WorkingDir: 'x\u202eevil' }, '  WorkingDir  x\\u202eevil'],
    [{ User: 'line\nbreak' }, '  User        line\\nbreak'],
    [{ Env: ['A=café'] }, '    A=café'],
  ])('keeps image strings on one safe line: %j', (run, line) => {
    expect(configLines(config(run))).toContain(line);
  });
});
