/**
 * Phase timestamps for profiling a run (docs/performance.md): with GENSMOOTH_TRACE set, each call
 * writes `[elapsed ms] what` to stderr, counted from the process's start (process.uptime, the same
 * clock in worker threads), so a run's phases and its workers' tasks line up. Off by default;
 * nothing it writes reaches stdout or a report.
 */
import { isMainThread } from 'node:worker_threads';

// Only the main thread writes: a worker's stderr goes through the main thread, and tinypool holds a
// worker's answer until its stderr is flushed, so tracing in workers would delay what it measures.
export const tracing = isMainThread && !!process.env.GENSMOOTH_TRACE;

export function trace(what: string | (() => string)): void {
  if (!tracing) return;
  const ms = (process.uptime() * 1000).toFixed(0).padStart(5);
  process.stderr.write(`[${ms} ms] ${typeof what === 'string' ? what : what()}\n`);
}
