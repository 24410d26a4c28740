// The memory of the Chromium renderers a benchmark starts, read from /proc (Linux).
import { readdirSync, readFileSync } from 'node:fs';

/** Peak RSS (VmHWM) of the renderer processes this Node process started, in MB. */
export function rendererPeakMb() {
  const kids = new Map();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!kids.has(ppid)) kids.set(ppid, []);
      kids.get(ppid).push(d);
    } catch {
      // the process exited meanwhile
    }
  }
  let peak = null;
  const stack = [String(process.pid)];
  while (stack.length) {
    for (const pid of kids.get(Number(stack.pop())) ?? []) {
      stack.push(pid);
      try {
        if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer')) continue;
        const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
        if (m) peak = Math.max(peak ?? 0, Number(m[1]) / 1024);
      } catch {
        // gone
      }
    }
  }
  return peak;
}

/**
 * The renderers' peak memory over a run, read every 250 ms: Chromium resets a renderer's peak
 * RSS (VmHWM) from time to time (in one bomb run it fell from 615 to 294 MB within one process),
 * so one reading at the end could miss the real peak. Returns a function that stops it and
 * gives the highest reading.
 */
export function samplePeak() {
  let peak = rendererPeakMb();
  const timer = setInterval(() => {
    const now = rendererPeakMb();
    if (now !== null) peak = Math.max(peak ?? 0, now);
  }, 250);
  return () => {
    clearInterval(timer);
    const last = rendererPeakMb();
    return last === null ? peak : Math.max(peak ?? 0, last);
  };
}
