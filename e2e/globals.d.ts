// What the e2e tests and benchmarks put on a page's window (read back with page.evaluate).
/** What a tar reader reports from the page in `npm run bench` (scripts/bench/js-untar.mjs). */
interface BenchRead {
  entries?: unknown[][];
  ms: number;
  bytes: number;
  error?: string;
  peak?: number | null;
  idle?: number | null;
  heap?: number;
  inMemory?: BenchRead;
}

interface Window {
  ready?: boolean;
  /** Set only if a script from an image ever ran in the page (the hostile-image tests). */
  __owned?: number;
  jsUntar: (url: string) => Promise<BenchRead>;
  oursBuffer: (url: string) => Promise<BenchRead>;
  oursStream: (url: string) => Promise<BenchRead>;
  fetchOnly: (url: string) => Promise<BenchRead>;
  inModuleWorker: () => Promise<{ jsUntar: string; ours: string }>;
  __rowStates?: unknown;
  __longTasks?: { start: number; duration: number }[];
  __longTasksError?: string | null;
  /** When the big-index bench's drop happened (e2e/bench-big-index.mjs). */
  __dropAt?: number;
  /** axe-core, injected by the accessibility audit (e2e/workspace.e2e.mjs). */
  axe: typeof import('axe-core');
}
