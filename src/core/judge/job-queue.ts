/**
 * The jobs waiting for a worker thread (judge-pool.ts: a batch's cases to
 * run ahead of the device, or to judge after it), a few cases a job. The
 * threads take them in order, at most TAKEN_PER_THREAD each at a time, so a
 * thread held up by one slow oracle (a large case) does not hold the jobs
 * behind it while the other threads are free.
 */
import { jobId, liveThreads, type JudgeThread, type WorkerJob, type WorkerReply } from './judge-thread.ts';

/** A job answered: the thread that took it (which holds what it prepared under `id`) and its answer. */
export interface AnsweredJob {
  readonly thread: JudgeThread;
  readonly id: number;
  readonly reply: WorkerReply;
}

interface Task {
  readonly job: (id: number) => WorkerJob;
  readonly done: (answered: AnsweredJob | undefined) => void;
}

/** Jobs a thread holds at once: one running, one waiting, so it never idles between them. */
const TAKEN_PER_THREAD = 2;

const queue: Task[] = [];
const taken = new Map<JudgeThread, number>();

/** Hands queued jobs to the threads with room, in order. */
function pump(): void {
  for (const t of liveThreads()) {
    while (queue.length && (taken.get(t) ?? 0) < TAKEN_PER_THREAD) {
      const task = queue.shift()!;
      taken.set(t, (taken.get(t) ?? 0) + 1);
      const id = jobId();
      t.ask(task.job(id))
        .then(
          (reply) => task.done({ thread: t, id, reply }),
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
 * Sends `job` (given its id) to the next free worker thread and resolves with its answer; undefined where no thread
 * could take it (a value that cannot be cloned, a thread that died).
 */
export function askFreeThread(job: (id: number) => WorkerJob): Promise<AnsweredJob | undefined> {
  return new Promise((done) => {
    queue.push({ job, done });
    pump();
  });
}
