/**
 * Judging on worker threads, so a sweep uses the machine's cores and the
 * thread that drives the device does little else. A kernel goes there when
 * its definition names its module (`module: import.meta.url`), that module
 * exports this very kernel object and its inputs can be structured-cloned;
 * otherwise, and with TWINPATH_WORKERS=1, it is judged here.
 *
 * A sweep's batch is prepared before it reaches the device (prepareCases):
 * the threads run the oracles while the device runs the batch before, and
 * send back the surfaces and element arrays the oracles built (named
 * caseMemo values), so the device half uploads those instead of building
 * them here. Its cases are then judged where their oracle results are held.
 * A batch not prepared is judged after the device (judgeAll). Either way a
 * case gets the verdict judging it here would give. The worker threads
 * never load dawn.node.
 */
import { seedMemos } from '../../model/arbitraries/case-memo.ts';
import { exportedKernel, isDefinedKernel, judgingShape, oracleReadsDevice, type Kernel } from '../kernel/kernel.ts';
import { judge, type DeviceOutput, type Judgement } from './judge.ts';
import {
  jobId,
  liveThreads,
  workerThreads,
  type JudgeThread,
  type KernelRef,
  type WorkerReply,
} from './judge-thread.ts';
import { askFreeThread } from './job-queue.ts';

/** Cases judged on this thread and on worker threads, in this process. */
export const judgeStats = { here: 0, threads: 0 };

/**
 * Per kernel: why it is judged on this thread only (its definition names no module, its module cannot be loaded
 * here or does not export this very object, its inputs cannot go to a thread), or undefined where it may go to the
 * worker threads.
 */
const hereOnly = new WeakMap<object, Promise<string | undefined>>();

function whyHere<I>(k: Kernel<I>): Promise<string | undefined> {
  let e = hereOnly.get(k);
  if (!e) {
    const module = k.module;
    e = module
      ? import(module).then(
          (m: Record<string, unknown>) =>
            exportedKernel(m, k.name) === k ? undefined : `its module ${module} does not export this kernel object`,
          // Where the module loads through the test runner's loader alone (a TypeScript kernel in a project that
          // installed twinpath), a kernel as defineKernel made it goes to the threads, which check it by name and
          // shape (judge-worker.ts).
          (err: unknown) =>
            isDefinedKernel(k)
              ? undefined
              : `its module could not be loaded beside the sweep to check it exports the kernel (${
                  err instanceof Error ? err.message.split('\n')[0] : String(err)
                })`,
        )
      : Promise.resolve('its definition names no module (add module: import.meta.url)');
    hereOnly.set(k, e);
  }
  return e;
}

/** What a job names of `k`: its module, name and judging shape. */
function refOf<I>(k: Kernel<I>): KernelRef {
  return { module: k.module!, name: k.name, shape: judgingShape(k) };
}

/** Why a kernel stays here once a thread could not take a job of its cases. */
const NOT_TAKEN =
  'a judge thread could not take its cases (inputs that cannot be cloned, or the module not found there)';

/** Judges `k` on this thread only from now on, for `why`. */
function keepHere<I>(k: Kernel<I>, why: string): void {
  hereOnly.set(k, Promise.resolve(why));
}

/** Whether `k`'s cases may go to worker threads at all (there are some, and its module exports it). */
async function mayUseThreads<I>(k: Kernel<I>): Promise<boolean> {
  return workerThreads() > 0 && (await whyHere(k)) === undefined;
}

/**
 * Whether this thread takes a share of a batch's cases beside the worker threads: only beside a single one (two
 * threads in all). Beside two or more it only drives the device: measured on 2 cores with lavapipe (bench-sweep, 18
 * kernels), two threads and no share here ran 450 cases/s, a sixth here 440, a third here 405.
 */
const shareHere = (): boolean => workerThreads() < 2;

/**
 * Whether the worker threads are few (1-2): starting them costs the sweep's own cores, so they start only for
 * batches worth it (worthThreads), and an oracle that reads the device runs after it alone, never twice.
 */
const fewThreads = (): boolean => workerThreads() < 3;

/** Per kernel: set once every worker thread has loaded its module (warmThreads). */
const warm = new WeakSet<object>();
/** Per kernel: its threads' warming, started once. */
const warming = new WeakMap<object, Promise<void>>();

/** A batch judged here in less than this does not start few threads (fewThreads). */
const WORTH_THREADS_MS = 20;
/** Per kernel: how long its last batch judged here took (ms). */
const costHere = new WeakMap<object, number>();
/** Whether the threads were started for some kernel: another kernel then costs them only a module import. */
const threadsUp = { value: false };

/**
 * Whether the threads are worth starting for `k`: always with three worker threads or more; with fewer, where
 * starting them costs the sweep's own cores, once a batch judged here took WORTH_THREADS_MS or more, or once they run.
 */
const worthThreads = <I>(k: Kernel<I>): boolean =>
  !fewThreads() || threadsUp.value || (costHere.get(k) ?? 0) >= WORTH_THREADS_MS;

/** Starts the judge threads for `k` (they load its module) where they are worth it; a sweep calls it at its start. */
export function startThreadsFor<I>(k: Kernel<I>): void {
  if (!warm.has(k) && worthThreads(k)) void warmThreads(k);
}

/**
 * Whether `k`'s cases go to worker threads now: they may, and the threads have loaded its module. Until then its
 * cases are judged here, so a sweep never waits for threads to start (a short one may end before they are up).
 */
async function useThreads<I>(k: Kernel<I>): Promise<boolean> {
  startThreadsFor(k);
  return warm.has(k) && (await mayUseThreads(k));
}

/**
 * Why `k`'s cases were judged on the sweep's thread only where worker threads were there to take them (the
 * profile prints it: `every case was judged on the sweep's thread: its definition names no module …`); undefined
 * where they could go to the threads, or there are none.
 */
export async function judgedHereWhy<I>(k: Kernel<I>): Promise<string | undefined> {
  if (workerThreads() === 0) return undefined;
  const why = await whyHere(k);
  if (why || warm.has(k)) return why;
  return worthThreads(k)
    ? 'the judge threads were still loading its module when the sweep ended'
    : `every batch judged here took under ${WORTH_THREADS_MS} ms: with 1-2 worker threads they start only for more`;
}

/** Jobs a batch is cut into, per worker thread: enough that the threads even out their loads. */
const JOBS_PER_THREAD = 4;

/**
 * A batch cut for judging: this thread's share first (where it takes one: shareHere), then the rest in jobs of a
 * few cases, about JOBS_PER_THREAD a worker thread, so the threads free first take the jobs left; each job with
 * its first case's index in `items`.
 */
function batchJobs<T>(items: readonly T[]): {
  readonly mine: readonly T[];
  readonly jobs: Array<{ readonly from: number; readonly items: readonly T[] }>;
} {
  const first = shareHere() ? Math.ceil(items.length / 2) : 0;
  const jobs = chunks(items.slice(first), workerThreads() * JOBS_PER_THREAD);
  return { mine: items.slice(0, first), jobs: jobs.map((j) => ({ from: first + j.from, items: j.items })) };
}

/** Judges one case on this thread, counted. */
function judgeHere<I>(k: Kernel<I>, input: I, out: DeviceOutput): Judgement {
  judgeStats.here++;
  return judge(k, input, out);
}

/** `items` cut into at most `n` contiguous runs of near-equal length, with each run's first index. */
function chunks<T>(items: readonly T[], n: number): Array<{ readonly from: number; readonly items: readonly T[] }> {
  const parts = Math.max(1, Math.min(n, items.length));
  const size = Math.ceil(items.length / parts);
  const out: Array<{ from: number; items: readonly T[] }> = [];
  for (let from = 0; from < items.length; from += size) out.push({ from, items: items.slice(from, from + size) });
  return out;
}

/**
 * Has every worker thread import `k`'s module now (ahead of its first cases), and judges `k` here from now on where
 * a thread finds no kernel of its name that judges as it does; no-op where no thread would judge it.
 */
export function warmThreads<I>(k: Kernel<I>): Promise<void> {
  let w = warming.get(k);
  if (!w) {
    w = (async () => {
      if (!(await mayUseThreads(k))) {
        // Not now (no threads at this worker count): a later call may start them.
        warming.delete(k);
        return;
      }
      const ref = refOf(k);
      const replies = await Promise.all(
        liveThreads().map((t) => t.ask({ kind: 'load', id: jobId(), ...ref }).catch(() => undefined)),
      );
      const missing = replies.find((r) => r && 'missing' in r);
      if (missing && 'missing' in missing) keepHere(k, `a judge thread found ${missing.missing}`);
      else {
        warm.add(k);
        threadsUp.value = true;
      }
    })();
    warming.set(k, w);
  }
  return w;
}

/** A batch prepared on worker threads: ready once their oracles ran; judge its cases once the device has run. */
export interface PreparedBatch {
  /** Resolves when the threads have run the oracles and this thread holds what they built (never rejects). */
  readonly ready: Promise<void>;
  /** Judges the cases with outputs (`index`: the case's place in the batch), one Judgement each, in order. */
  judge(cases: ReadonlyArray<{ readonly index: number; readonly out: DeviceOutput }>): Promise<Judgement[]>;
  /** Frees what the threads hold for cases never judged (the sweep ended before this batch ran). */
  drop(): void;
}

/** One run of a batch held on a thread. */
interface HeldRun {
  readonly thread: JudgeThread;
  readonly id: number;
  readonly from: number;
  readonly count: number;
}

/**
 * Prepares a batch on the worker threads (the oracles run now, beside the device, in jobs of a few cases taken by
 * the next free thread: job-queue.ts), or returns undefined where its cases are judged after the device instead: no
 * worker threads, a kernel its module does not export, or an oracle that reads the device's output beside few
 * worker threads (fewThreads). A case no thread could take is judged here.
 */
export async function prepareCases<I>(k: Kernel<I>, inputs: readonly I[]): Promise<PreparedBatch | undefined> {
  if (!inputs.length || !(await useThreads(k))) return undefined;
  // An oracle that reads the device runs after it: ahead, it would only build the case's surfaces, worth an
  // extra oracle run where this thread has many beside it.
  if (oracleReadsDevice(k as Kernel<unknown>) && fewThreads()) return undefined;
  const ref = refOf(k);
  // This thread's share is judged here after the device, as an unprepared batch is.
  const { jobs } = batchJobs(inputs);
  const asked = jobs.map(async (job): Promise<HeldRun | undefined> => {
    const a = await askFreeThread((id) => ({ kind: 'prepare', id, ...ref, inputs: job.items }));
    if (!a || !('prepared' in a.reply)) {
      keepHere(k, NOT_TAKEN);
      return undefined;
    }
    a.reply.prepared.forEach((p, j) => {
      const input = job.items[j];
      if (typeof input === 'object' && input !== null) seedMemos(input, p.built);
    });
    return { thread: a.thread, id: a.id, from: job.from, count: job.items.length };
  });
  const held = Promise.all(asked);
  return {
    ready: held.then(() => undefined),
    judge: async (cases) => judgeHeld(k, inputs, await held, cases),
    drop: () => void held.then((hs) => hs.forEach((h) => h?.thread.tell({ kind: 'drop', id: h.id }))),
  };
}

/** Judges cases where their oracle results are held; a run no thread holds (or whose thread died) is judged here. */
async function judgeHeld<I>(
  k: Kernel<I>,
  inputs: readonly I[],
  held: readonly (HeldRun | undefined)[],
  cases: ReadonlyArray<{ readonly index: number; readonly out: DeviceOutput }>,
): Promise<Judgement[]> {
  const outOf = new Map(cases.map((c) => [c.index, c.out]));
  const byIndex = new Map<number, Judgement>();
  const onThreads = Promise.all(
    held.map(async (h) => {
      if (!h) return;
      const outs = Array.from({ length: h.count }, (_, j) => outOf.get(h.from + j) ?? null);
      let reply: WorkerReply | undefined;
      try {
        reply = await h.thread.ask({ kind: 'judge', id: h.id, outs });
      } catch {
        // The thread died: its cases are judged here below.
      }
      if (!reply || !('judgements' in reply)) return;
      reply.judgements.forEach((j, n) => {
        if (j) byIndex.set(h.from + n, j);
      });
      judgeStats.threads += outs.filter((o) => o).length;
    }),
  );
  // This thread's share once it is done with what it has queued (the sweep submits its next batch first).
  await new Promise(setImmediate);
  const here = cases.filter((c) => !held.some((h) => h && c.index >= h.from && c.index < h.from + h.count));
  for (const c of here) byIndex.set(c.index, judgeHere(k, inputs[c.index]!, c.out));
  await onThreads;
  return cases.map((c) => byIndex.get(c.index) ?? judgeHere(k, inputs[c.index]!, c.out));
}

/**
 * Judges a batch after the device, one Judgement per case, in order: on the worker threads (in jobs of a few
 * cases taken by the next free thread: job-queue.ts) and, where it takes a share, this one, where the kernel may
 * go there and the batch has two cases or more, else here; here, once this thread is done with what it has queued
 * (the sweep submits its next batch first).
 */
export async function judgeAll<I>(
  k: Kernel<I>,
  cases: ReadonlyArray<{ readonly input: I; readonly out: DeviceOutput }>,
): Promise<Judgement[]> {
  if (cases.length < 2 || !(await useThreads(k))) {
    await new Promise(setImmediate);
    const t = performance.now();
    const judged = cases.map((c) => judgeHere(k, c.input, c.out));
    costHere.set(k, performance.now() - t);
    return judged;
  }
  const ref = refOf(k);
  const { mine, jobs } = batchJobs(cases);
  const judged = Promise.all(
    jobs.map(async (job): Promise<Judgement[]> => {
      const a = await askFreeThread((id) => ({ kind: 'judge-now', id, ...ref, cases: job.items }));
      if (a && 'judgements' in a.reply) {
        judgeStats.threads += job.items.length;
        return a.reply.judgements as Judgement[];
      }
      keepHere(k, NOT_TAKEN);
      return job.items.map((c) => judgeHere(k, c.input, c.out));
    }),
  );
  // This thread's share once it is done with what it has queued (the sweep submits its next batch first).
  await new Promise(setImmediate);
  const here = mine.map((c) => judgeHere(k, c.input, c.out));
  return [...here, ...(await judged).flat()];
}
