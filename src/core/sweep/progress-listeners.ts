/**
 * What a sweep tells the outside world while it runs: that it started (and
 * how many cases it plans), each case it recorded, and when a batch's device
 * work starts and ends, with the deadline it has. A listener (reports/
 * registers one through a vitest setup file) passes it to the process that
 * draws progress and kills a worker whose device work never returns. The
 * harness imports no report code; reports import the harness.
 */

/** One event of a sweep under way. */
export type SweepProgress =
  | { readonly kind: 'start'; readonly kernel: string; readonly backend: string; readonly planned: number }
  | { readonly kind: 'case'; readonly done: number }
  | { readonly kind: 'device-start'; readonly deadlineMs: number; readonly cases: number }
  | { readonly kind: 'device-end' };

export type ProgressListener = (p: SweepProgress) => void;

const listeners: ProgressListener[] = [];

/** Registers a listener for every sweep event of this process. */
export function onSweepProgress(l: ProgressListener): void {
  listeners.push(l);
}

/** Calls every listener; one that throws costs the progress it would have shown, never the sweep. */
export function emitSweepProgress(p: SweepProgress): void {
  for (const l of listeners) {
    try {
      l(p);
    } catch {
      // Progress is advisory: the sweep's result never depends on it.
    }
  }
}
