// Small helpers to time commands: wall time (median of N) and peak RSS via /usr/bin/time when present.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Run a shell command `runs` times; returns the median wall time in ms and the last run's peak RSS (MB). */
export function timeCommand(cmd, runs = 3) {
  const times = [];
  let peakMb = null;
  const gnuTime = existsSync('/usr/bin/time');
  for (let i = 0; i < runs; i++) {
    const wrapped = gnuTime ? `/usr/bin/time -f '%M' sh -c '${cmd.replace(/'/g, `'\\''`)}'` : cmd;
    const t0 = process.hrtime.bigint();
    const r = spawnSync('sh', ['-c', wrapped], { encoding: 'utf8', maxBuffer: 1 << 30 });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (r.status !== 0 && r.status !== 1)
      throw new Error(`${cmd} failed (${r.status}): ${r.stderr.slice(-500)}`);
    times.push(ms);
    if (gnuTime) {
      const kb = Number(r.stderr.trim().split('\n').pop());
      if (Number.isFinite(kb)) peakMb = kb / 1024;
    }
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)], peakMb };
}

/** Whether a command-line tool is installed. */
export function hasTool(tool) {
  return spawnSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' }).status === 0;
}

/** Format a row: label, ms, and ratio to a reference. */
export function row(label, ms, refMs, extra = '') {
  const ratio = refMs ? `${(ms / refMs).toFixed(2)}x` : '';
  return `${label.padEnd(58)} ${ms.toFixed(0).padStart(8)} ms  ${ratio.padStart(7)}  ${extra}`;
}
