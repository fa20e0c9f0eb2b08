/**
 * Judging on worker threads. A batch's cases are judged (oracle, canary,
 * comparison: judge.ts) on a few worker threads and this one at once, so a
 * sweep whose oracles are slow uses the machine's cores instead of one. A
 * kernel goes there when its definition names its module
 * (`module: import.meta.url`), that module exports this very kernel object,
 * its inputs can be structured-cloned, and judging a case here costs this
 * thread more than handing it off (cloning its input and output), both
 * measured on earlier batches; otherwise it is judged here, as every kernel
 * is with TWINPATH_WORKERS=1. The worker threads never load dawn.node.
 */
import { Worker } from 'node:worker_threads';
import { exportedKernel, type Kernel } from '../kernel/kernel.ts';
import { runConfig } from '../settings/settings.ts';
import { judge, type DeviceOutput, type Judgement } from './judge.ts';

/** What a worker is asked: judge kernel `name` of `module` on `input` and the GPU's output. */
export interface JudgeJob {
  readonly id: number;
  readonly module: string;
  readonly name: string;
  readonly input: unknown;
  readonly out: DeviceOutput;
}

/** What a worker answers. `missing`: the module does not export the kernel (judge it here). */
export type JudgeReply =
  { readonly id: number; readonly judgement: Judgement } | { readonly id: number; readonly missing: string };

/** A batch judged here in less than this stays here: handing it out would cost more than it saves. */
const WORTH_THREADS_MS = 20;

interface Pending {
  readonly resolve: (r: JudgeReply) => void;
  readonly reject: (e: Error) => void;
}

/** A worker thread and the jobs it holds. */
class JudgeThread {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  dead = false;

  constructor() {
    this.worker = new Worker(new URL('./judge-worker.mjs', import.meta.url));
    this.worker.unref();
    this.worker.on('message', (r: JudgeReply) => {
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

  get load(): number {
    return this.pending.size;
  }

  /** Sends a job; rejects with DataCloneError when the input cannot be cloned. */
  run(job: JudgeJob): Promise<JudgeReply> {
    return new Promise((resolve, reject) => {
      this.worker.postMessage(job);
      this.pending.set(job.id, { resolve, reject });
      this.worker.ref();
    });
  }
}

/** Worker threads beside this one: TWINPATH_WORKERS counts this thread too. */
const workerThreads = () => runConfig().workers - 1;

/** Cases judged on this thread and on worker threads, in this process. */
export const judgeStats = { here: 0, threads: 0 };

const threads: JudgeThread[] = [];
let nextId = 0;
/** Per kernel: whether it may be judged on worker threads (its module exports this very object). */
const eligible = new WeakMap<object, Promise<boolean>>();
/**
 * Per kernel, ms per case of this thread's time, as last measured: judging
 * here, or handing the case to a worker thread (cloning its input and output).
 */
const perCase = new WeakMap<object, { here?: number; handOff?: number }>();

function isEligible<I>(k: Kernel<I>): Promise<boolean> {
  let e = eligible.get(k);
  if (!e) {
    const module = k.module;
    e = module
      ? import(module).then(
          (m: Record<string, unknown>) => exportedKernel(m, k.name) === k,
          () => false,
        )
      : Promise.resolve(false);
    eligible.set(k, e);
  }
  return e;
}

/** The least loaded worker thread, starting another while fewer than TWINPATH_WORKERS - 1 run. */
function thread(): JudgeThread {
  const live = threads.filter((t) => !t.dead);
  threads.splice(0, threads.length, ...live);
  if (threads.length < workerThreads()) {
    const t = new JudgeThread();
    threads.push(t);
    return t;
  }
  return threads.reduce((a, b) => (b.load < a.load ? b : a));
}

/** Judges one case on a worker thread; falls back to this thread when no worker can take it. */
async function onThread<I>(k: Kernel<I>, input: I, out: DeviceOutput): Promise<Judgement> {
  let reply: JudgeReply | undefined;
  try {
    reply = await thread().run({ id: nextId++, module: k.module!, name: k.name, input, out });
  } catch {
    // An input that cannot be cloned, or a worker that died.
  }
  if (reply && 'judgement' in reply) {
    judgeStats.threads++;
    return reply.judgement;
  }
  eligible.set(k, Promise.resolve(false));
  return judgeHere(k, input, out);
}

/** Judges one case on this thread, counted. */
function judgeHere<I>(k: Kernel<I>, input: I, out: DeviceOutput): Judgement {
  judgeStats.here++;
  return judge(k, input, out);
}

/** Whether this batch goes to the worker threads: when judging here costs this thread more than handing the cases off, both measured on earlier batches; judging too cheap to matter stays here. */
async function useThreads<I>(k: Kernel<I>, jobs: number): Promise<boolean> {
  const est = perCase.get(k) ?? {};
  if (jobs < 2 || workerThreads() <= 0 || est.here === undefined || est.here * jobs < WORTH_THREADS_MS) return false;
  if (!(await isEligible(k))) return false;
  return est.handOff === undefined || est.handOff < est.here;
}

/**
 * Judges a batch, one Judgement per case, in order: on the worker threads
 * when that costs this thread less than judging here, else here, after what
 * this thread has queued (the sweep submits its next batch first). Either way
 * the promise resolves while this thread does other work.
 */
export async function judgeAll<I>(
  k: Kernel<I>,
  cases: ReadonlyArray<{ readonly input: I; readonly out: DeviceOutput }>,
): Promise<Judgement[]> {
  const threaded = await useThreads(k, cases.length);
  if (!threaded) {
    // Judged once this thread is done with what is queued now: the sweep submits its next batch first, so the
    // device runs it while this one is judged here.
    await new Promise(setImmediate);
    const t = performance.now();
    const judgements = cases.map((c) => judgeHere(k, c.input, c.out));
    perCase.set(k, { ...perCase.get(k), here: (performance.now() - t) / Math.max(cases.length, 1) });
    return judgements;
  }
  const t = performance.now();
  // Every (threads + 1)-th case stays here, judged when this thread next waits (on the next batch's readback, say).
  const share = workerThreads() + 1;
  const posted = cases.map((c, i) => (i % share ? onThread(k, c.input, c.out) : undefined));
  perCase.set(k, {
    ...perCase.get(k),
    handOff: (performance.now() - t) / (cases.length - Math.ceil(cases.length / share)),
  });
  const later = (c: (typeof cases)[number]) =>
    new Promise<Judgement>((resolve) => setImmediate(() => resolve(judgeHere(k, c.input, c.out))));
  return Promise.all(cases.map((c, i) => posted[i] ?? later(c)));
}
