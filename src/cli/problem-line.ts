import type { Problem } from '../core/oci/problem.ts';

/** One problem as every text output of the CLI prints it: severity, code, where, then the message. */
export function problemLine(p: Problem): string {
  return `${p.severity.padEnd(7)} ${p.code}  ${p.where}: ${p.message}`;
}
