/**
 * Waiting for native work against a deadline by polling, so a kernel that
 * never finishes costs its case the deadline, never the run: a blocking
 * synchronize would hold this thread for as long as the kernel runs.
 */

/** How long to wait between polls: at once a few times (short kernels), then 1, 2, 4 ms… up to this. */
const MAX_POLL_GAP_MS = 8;
const IMMEDIATE_POLLS = 8;

export interface PollClock {
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
}

const REAL_CLOCK: PollClock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => (ms > 0 ? setTimeout(resolve, ms) : setImmediate(resolve))),
};

/**
 * Polls `done` until it returns true (`'done'`) or `deadlineMs` have passed since the call (`'timeout'`, after a
 * last poll at the deadline); what `done` throws (a kernel fault) rejects.
 */
export async function pollUntilDone(
  done: () => boolean,
  deadlineMs: number,
  clock: PollClock = REAL_CLOCK,
): Promise<'done' | 'timeout'> {
  const start = clock.now();
  for (let polls = 0; ; polls++) {
    if (done()) return 'done';
    const left = start + deadlineMs - clock.now();
    if (left <= 0) return done() ? 'done' : 'timeout';
    const gap = polls < IMMEDIATE_POLLS ? 0 : Math.min(2 ** (polls - IMMEDIATE_POLLS), MAX_POLL_GAP_MS);
    await clock.sleep(Math.min(gap, left));
  }
}
