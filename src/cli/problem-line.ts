import type { Problem } from '../core/oci/problem.ts';
import { visible } from '../core/text/visible.ts';

/** One problem as one terminal line: `severity code  where: message`, image strings made safe. */
export function problemLine(p: Problem, severityWidth = 7): string {
  return `${p.severity.padEnd(severityWidth)} ${p.code}  ${visible(p.where)}: ${visible(p.message)}`;
}
