/**
 * One judge worker thread and the jobs it holds: what it is asked
 * (WorkerJob), what it answers (WorkerReply), and the threads of this
 * process (TWINPATH_WORKERS counts this thread too). The job loop itself is
 * judge-worker.ts; which cases go where, judge-pool.ts; which thread takes
 * a job, job-queue.ts.
 */
import { Worker } from 'node:worker_threads';
import type { BuiltMemo } from '../../model/arbitraries/case-memo.ts';
import { runConfig } from '../settings/settings.ts';
import type { DeviceOutput, Judgement } from './judge.ts';

/** Which kernel a job is about: the module that exports it, its name, and how it judges (judgingShape). */
export interface KernelRef {
  readonly module: string;
  readonly name: string;
  readonly shape: string;
}

/**
 * A job. `load`: import the kernel's module (ahead of its first cases). `prepare`: run the oracle on each input
 * now and hold its result under `id`. `judge`: judge the held cases of `id` on their device outputs (null: a
 * case without one), then drop them. `judge-now`: oracle and judgement in one. `drop`: forget `id`.
 */
export type WorkerJob =
  | ({ readonly kind: 'load'; readonly id: number } & KernelRef)
  | ({ readonly kind: 'prepare'; readonly id: number; readonly inputs: readonly unknown[] } & KernelRef)
  | { readonly kind: 'judge'; readonly id: number; readonly outs: readonly (DeviceOutput | null)[] }
  | ({
      readonly kind: 'judge-now';
      readonly id: number;
      readonly cases: ReadonlyArray<{ readonly input: unknown; readonly out: DeviceOutput }>;
    } & KernelRef)
  | { readonly kind: 'drop'; readonly id: number };

/** One prepared case: what named memos the oracle built (for this thread's device half). */
export interface PreparedCase {
  readonly built: readonly BuiltMemo[];
}

/**
 * An answer. `missing`: the module does not export the kernel, or `id` is not held (judge it here);
 * `judgements`: one per case of the job (null where it had no output).
 */
export type WorkerReply =
  | { readonly id: number; readonly loaded: true }
  | { readonly id: number; readonly prepared: readonly PreparedCase[] }
  | { readonly id: number; readonly judgements: readonly (Judgement | null)[] }
  | { readonly id: number; readonly missing: string };

interface Pending {
  readonly resolve: (r: WorkerReply) => void;
  readonly reject: (e: Error) => void;
}

/** A worker thread and the jobs it holds. */
export class JudgeThread {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  dead = false;

  constructor() {
    this.worker = new Worker(new URL('./judge-worker.mjs', import.meta.url));
    this.worker.unref();
    this.worker.on('message', (r: WorkerReply) => {
      this.pending.get(r.id)?.resolve(r);
      this.pending.delete(r.id);
      if (!this.pending.size) this.worker.unref();
    });
    const fail = (e: Error) => {
      this.dead = true;
      for (const p of this.pending.values()) p.reject(e);
      this.pending.clear();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`judge worker thread exited (code ${code})`)));
  }

  /** Sends a job and resolves with its answer; rejects with DataCloneError when a value cannot be cloned. */
  ask(job: WorkerJob): Promise<WorkerReply> {
    return new Promise((resolve, reject) => {
      this.worker.postMessage(job);
      this.pending.set(job.id, { resolve, reject });
      this.worker.ref();
    });
  }

  /** Sends a job that has no answer. */
  tell(job: WorkerJob): void {
    if (!this.dead) this.worker.postMessage(job);
  }
}

/** Worker threads beside this one: TWINPATH_WORKERS counts this thread too. */
export const workerThreads = (): number => runConfig().workers - 1;

const threads: JudgeThread[] = [];
let nextId = 0;

/** A new job id, unique in this process. */
export const jobId = (): number => nextId++;

/** Every worker thread, started up to TWINPATH_WORKERS - 1, the dead ones replaced. */
export function liveThreads(): JudgeThread[] {
  const live = threads.filter((t) => !t.dead);
  threads.splice(0, threads.length, ...live);
  while (threads.length < workerThreads()) threads.push(new JudgeThread());
  return threads;
}
