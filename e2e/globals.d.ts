// What the e2e tests and benchmarks put on a page's window (read back with page.evaluate).
interface Window {
  __rowStates?: unknown;
  __longTasks?: { start: number; duration: number }[];
  __longTasksError?: string | null;
}
