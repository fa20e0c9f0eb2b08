/**
 * The runs of cases waiting for a worker thread to run their oracles ahead
 * of the device (judge-pool.ts's prepareCases), a few cases a job. The
 * threads take them in order, at most TAKEN_PER_THREAD each at a time, so a
 * thread held up by one slow oracle (a large case) does not hold the cases
 * behind it while the other threads are free.
 */
import { jobId, liveThreads, type JudgeThread, type KernelRef, type PreparedCase } from './judge-thread.ts';

/** Cases run ahead on a thread: the thread that holds their oracle results under `id`, and what each oracle built. */
export interface HeldCases {
  readonly thread: JudgeThread;
  readonly id: number;
  readonly prepared: readonly PreparedCase[];
}

interface Task {
  readonly ref: KernelRef;
  readonly inputs: readonly unknown[];
  readonly done: (held: HeldCases | undefined) => void;
}

/** Jobs a thread holds at once: one running, one waiting, so it never idles between them. */
const TAKEN_PER_THREAD = 2;

const queue: Task[] = [];
const taken = new Map<JudgeThread, number>();

/** Hands queued cases to the threads with room, in order. */
function pump(): void {
  for (const t of liveThreads()) {
    while (queue.length && (taken.get(t) ?? 0) < TAKEN_PER_THREAD) {
      const task = queue.shift()!;
      taken.set(t, (taken.get(t) ?? 0) + 1);
      const id = jobId();
      t.ask({ kind: 'prepare', id, ...task.ref, inputs: task.inputs })
        .then(
          (r) => task.done('prepared' in r ? { thread: t, id, prepared: r.prepared } : undefined),
          () => task.done(undefined),
        )
        .finally(() => {
          taken.set(t, taken.get(t)! - 1);
          pump();
        });
    }
  }
}

/**
 * Runs the oracles of `inputs` on the next free worker thread, which holds the results; undefined where no thread
 * could (an input that cannot be cloned, a thread that died, a module that does not export the kernel).
 */
export function prepareOnThread(ref: KernelRef, inputs: readonly unknown[]): Promise<HeldCases | undefined> {
  return new Promise((done) => {
    queue.push({ ref, inputs, done });
    pump();
  });
}
