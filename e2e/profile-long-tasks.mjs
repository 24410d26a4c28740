// Finds what the page's long tasks (over 50 ms) spend their time on: opens an image in headless
// Chromium with the CDP sampling profiler on (1 ms), records each long task (PerformanceObserver),
// and prints, per task, the functions its samples fall in (self time, and the app's frames that
// led there). For reading causes, not for figures: build with `npx vite build --minify false` to
// keep names.
// `node e2e/profile-long-tasks.mjs hostile|bomb|big-index [--filter TEXT] [--trace [--over MS]]`.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildBigIndex } from './big-index.mjs';
import {
  LONG_TASK_OBSERVER,
  launchChromium,
  longTasks,
  repoRoot,
  startPreview,
} from './harness.mjs';

const which = process.argv[2] ?? 'hostile';
const args = process.argv.slice(3);
const filterText = args.includes('--filter') ? args[args.indexOf('--filter') + 1] : null;
// --trace: a Chromium trace instead of the sampling profiler: each task over 50 ms of the page's
// main thread with its thread (CPU) time, which tells work from waiting on a loaded machine.
const tracing = args.includes('--trace');
// --over MS: with --trace, list the tasks over MS ms instead of 50 (to see what is near the limit).
const overMs = args.includes('--over') ? Number(args[args.indexOf('--over') + 1]) : 50;

/** Tasks over 50 ms on the renderer's main thread: wall and CPU time, and their largest steps. */
function traceTasks(events) {
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const on = events.filter((e) => main && e.pid === main.pid && e.tid === main.tid && e.ph === 'X');
  const tasks = on.filter((e) => e.name === 'RunTask' && e.dur > overMs * 1000);
  return tasks.map((t) => {
    const inside = on.filter(
      (e) => e !== t && e.ts >= t.ts && e.ts + (e.dur ?? 0) <= t.ts + t.dur && e.dur > 2000,
    );
    const steps = new Map();
    for (const e of inside) {
      const label =
        e.name === 'FunctionCall' ? `FunctionCall ${e.args?.data?.functionName ?? ''}` : e.name;
      steps.set(label, (steps.get(label) ?? 0) + e.dur / 1000);
    }
    const top = [...steps].sort((a, b) => b[1] - a[1]).slice(0, 6);
    // A long layout: how many objects it laid out (what grew the page).
    const layout = inside.find((e) => e.name === 'Layout' && e.dur > 20_000);
    if (layout) {
      const b = layout.args?.beginData ?? {};
      steps.set(`(layout of ${b.dirtyObjects}/${b.totalObjects} objects)`, 0);
      top.push([`(layout of ${b.dirtyObjects}/${b.totalObjects} objects)`, 0]);
    }
    return {
      ts: t.ts / 1000,
      ms: t.dur / 1000,
      cpuMs: (t.tdur ?? 0) / 1000,
      steps: top.map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', '),
    };
  });
}

/** Self time by function, and the innermost app-bundle frame of each sample, within [start, end]. */
function attribute(profile, start, end) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map();
  const app = new Map();
  const roots = new Map();
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i];
    const ms = t / 1000;
    if (ms < start || ms > end) continue;
    const node = byId.get(profile.samples[i]);
    const f = node.callFrame;
    const name = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
    self.set(name, (self.get(name) ?? 0) + 1);
    // The chain of app frames (index-*.js) up to 4 deep, for context.
    const chain = [];
    for (let id = node.id; id !== undefined && chain.length < 6; id = parent.get(id)) {
      const cf = byId.get(id).callFrame;
      if (/assets\/(index|graph-view|filesystem-view)/.test(cf.url) && cf.functionName)
        chain.push(`${cf.functionName}:${cf.lineNumber + 1}`);
    }
    const key = chain.join(' < ') || '(no app frame)';
    // The task's entry: the outermost named frames (what the browser called).
    const outer = [];
    for (let id = node.id; id !== undefined; id = parent.get(id)) {
      const cf = byId.get(id).callFrame;
      if (cf.functionName && cf.functionName !== '(root)') outer.unshift(cf.functionName);
    }
    const entry = outer.slice(0, 3).join(' > ') || f.functionName;
    roots.set(entry, (roots.get(entry) ?? 0) + 1);
    app.set(key, (app.get(key) ?? 0) + 1);
  }
  const top = (m, n) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => `    ${String(v).padStart(4)}  ${k}`)
      .join('\n');
  return `  entries:\n${top(roots, 6)}\n  self:\n${top(self, 8)}\n  app stacks:\n${top(app, 8)}`;
}

const preview = await startPreview();
const browser = await launchChromium();
let cleanup = () => {};
try {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.addInitScript(LONG_TASK_OBSERVER);
  const page = await context.newPage();
  await page.goto(preview.url);
  await page.getByLabel('Open an OCI layout folder').waitFor({ state: 'attached' });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  const traceEvents = [];
  if (tracing) {
    cdp.on('Tracing.dataCollected', (e) => {
      for (const v of e.value) traceEvents.push(v);
    });
    await cdp.send('Tracing.start', {
      categories: 'devtools.timeline,disabled-by-default-devtools.timeline,v8.execute',
      transferMode: 'ReportEvents',
    });
  } else await cdp.send('Profiler.start');
  const t0 = await page.evaluate(() => performance.now());
  let dir;
  if (which === 'big-index') {
    dir = buildBigIndex(10_000).dir;
    cleanup = () => rmSync(dir, { recursive: true, force: true });
  } else
    dir = join(repoRoot, 'bench-data', 'hostile', which === 'bomb' ? 'bomb-10gib' : 'files-300k');
  await page.getByLabel('Open an OCI layout folder').setInputFiles(dir);
  await page.waitForFunction(
    () => performance.getEntriesByName('oci:checks-done').length > 0,
    null,
    {
      timeout: 300_000,
      polling: 250,
    },
  );
  if (which === 'hostile' || which === 'bomb')
    await page.waitForFunction(
      () => document.querySelector('.fs-explorer-tree [role="treeitem"]') !== null,
      null,
      { timeout: 120_000, polling: 250 },
    );
  await page.waitForTimeout(1000);
  // Where the page's elements are: a layout's cost grows with them.
  console.log(
    await page.evaluate(() =>
      [...document.querySelectorAll('main > *, main .pane > *, body > *')]
        .map((el) => ({
          name: `${el.tagName.toLowerCase()}.${el.className}`.slice(0, 50),
          count: el.querySelectorAll('*').length,
        }))
        .filter((e) => e.count > 300)
        .map((e) => `${e.name}: ${e.count}`)
        .concat(
          // The longest text nodes: one long run of text costs a layout more than many elements.
          (() => {
            const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            const long = [];
            for (let n = w.nextNode(); n; n = w.nextNode())
              if (n instanceof Text && n.data.length > 5000) {
                const p = n.parentElement;
                long.push(
                  `text of ${n.data.length} chars in ${p?.tagName}.${p?.className} (${p?.closest('[aria-label]')?.getAttribute('aria-label')})`,
                );
              }
            return long;
          })(),
        )
        .join('\n'),
    ),
  );
  const before = (await longTasks(page)).tasks.length;
  if (filterText !== null) {
    await page
      .getByRole('searchbox', { name: /filter/i })
      .first()
      .fill(filterText);
    await page.waitForTimeout(1500);
  }
  if (which === 'big-index') {
    await page.getByRole('searchbox').first().fill('s390x');
    await page.waitForTimeout(1000);
  }
  if (tracing) {
    const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
    await cdp.send('Tracing.end');
    await done;
    const found = traceTasks(traceEvents);
    const first = traceEvents.reduce((m, e) => (e.ts > 0 && e.ts < m ? e.ts : m), Infinity) / 1000;
    console.log(`${found.length} tasks over ${overMs} ms on the main thread (trace)`);
    for (const t of found)
      console.log(
        `  +${(t.ts - first).toFixed(0)} ms: ${t.ms.toFixed(0)} ms, CPU ${t.cpuMs.toFixed(0)} ms; ${t.steps}`,
      );
  } else await reportProfile(page, cdp, t0, before);
} finally {
  await browser.close();
  preview.stop();
  cleanup();
}

/** The sampling profile's report: each long task's functions. */
async function reportProfile(page, cdp, t0, before) {
  const { profile } = await cdp.send('Profiler.stop');
  const { tasks, marks } = await longTasks(page);
  // The profile's times are µs on the same monotonic clock as performance.timeOrigin's base:
  // align by the first sample, which is at most a few ms after Profiler.start (t0).
  const profileStartMs = profile.startTime / 1000;
  const offset = profileStartMs - t0;
  console.log(
    `marks: ${Object.entries(marks)
      .map(([k, v]) => `${k}@${(v - t0).toFixed(0)}`)
      .join(' ')}`,
  );
  console.log(`${tasks.length} long tasks (${tasks.length - before} after the open settled)`);
  for (const task of tasks) {
    if (task.start < t0) continue;
    console.log(`\n task at ${(task.start - t0).toFixed(0)} ms, ${task.duration.toFixed(0)} ms`);
    console.log(attribute(profile, task.start + offset, task.start + task.duration + offset));
  }
}
