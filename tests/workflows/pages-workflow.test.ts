import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

// The Pages workflow cannot run here; what can be checked is that it parses, that every npm
// command it runs exists in package.json, and that it tests in Debian before it publishes dist/.
const root = fileURLToPath(new URL('../../', import.meta.url));
const workflow = parse(readFileSync(`${root}.github/workflows/pages.yml`, 'utf8')) as {
  on: { push: { branches: string[] } };
  permissions: Record<string, string>;
  jobs: Record<
    string,
    {
      container?: string;
      needs?: string;
      steps: { run?: string; uses?: string; with?: Record<string, string> }[];
    }
  >;
};
const scripts = (
  JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as {
    scripts: Record<string, string>;
  }
).scripts;

describe('the GitHub Pages workflow', () => {
  const build = workflow.jobs['test-and-build']!;
  const runs = build.steps.flatMap((s) => (s.run ? [s.run] : []));

  it('runs on pushes to main with the permissions Pages needs', () => {
    expect(workflow.on.push.branches).toEqual(['main']);
    expect(workflow.permissions).toMatchObject({ pages: 'write', 'id-token': 'write' });
  });

  it('names only npm scripts that exist', () => {
    const named = runs.flatMap((r) => [...r.matchAll(/npm (?:run )?([\w:-]+)/g)].map((m) => m[1]!));
    expect(named).toEqual(['ci', 'test', 'build']);
    for (const n of named.filter((x) => x !== 'ci')) expect(Object.keys(scripts)).toContain(n);
  });

  it('tests in a Debian container with Debian Chromium before building', () => {
    expect(build.container).toMatch(/bookworm/);
    expect(runs.findIndex((r) => r.includes('chromium'))).toBeLessThan(runs.indexOf('npm test'));
    expect(runs.indexOf('npm test')).toBeLessThan(runs.indexOf('npm run build'));
  });

  it('publishes dist/ only after the tests pass', () => {
    const upload = build.steps.find((s) => s.uses?.startsWith('actions/upload-pages-artifact'));
    expect(upload?.with?.['path']).toBe('dist');
    expect(workflow.jobs['deploy']?.needs).toBe('test-and-build');
    expect(
      workflow.jobs['deploy']?.steps.some((s) => s.uses?.startsWith('actions/deploy-pages')),
    ).toBe(true);
  });
});
