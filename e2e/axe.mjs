// Accessibility checks of the e2e runs: axe-core, run in the page.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './harness.mjs';

/** Run axe-core in the page; returns its serious and critical violations, each with a few targets. */
export async function axeViolations(page) {
  // Evaluated through the debugging protocol: a script tag would be inline script, which the
  // page's Content-Security-Policy (rightly) refuses.
  if (!(await page.evaluate(() => 'axe' in window)))
    await page.evaluate(readFileSync(join(repoRoot, 'node_modules/axe-core/axe.min.js'), 'utf8'));
  const found = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.length,
      targets: v.nodes.slice(0, 4).map((n) => `${n.target.join(' ')} :: ${n.failureSummary}`),
    }));
  });
  return found.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
