/** Parsed command line: positional arguments and `--flag` / `--key value` options. */
export interface Args {
  positional: string[];
  flags: Set<string>;
  options: Map<string, string>;
}

/** Parse argv; options listed in `valued` take the next argument as their value. */
export function parseArgs(argv: string[], valued: readonly string[]): Args {
  const positional: string[] = [];
  const flags = new Set<string>();
  const options = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const key = eq < 0 ? a.slice(2) : a.slice(2, eq);
      if (eq >= 0) options.set(key, a.slice(eq + 1));
      else if (valued.includes(key)) {
        const v = argv[++i];
        if (v === undefined) throw new UsageError(`--${key} needs a value`);
        options.set(key, v);
      } else flags.add(key);
    } else positional.push(a);
  }
  return { positional, flags, options };
}

/** A mistake in how the command was called (exit code 2). */
export class UsageError extends Error {
  override name = 'UsageError';
}
