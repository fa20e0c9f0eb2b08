/**
 * Oracles on worker threads. A batch's CPU halves run on a few worker
 * threads at once, so a sweep whose oracles are slow uses the machine's
 * cores instead of one. A kernel's oracle goes there when its definition
 * names its module (`module: import.meta.url`), that module exports this very
 * kernel object, its inputs can be structured-cloned, and its oracle is slow
 * enough to be worth it; otherwise it runs on the main thread, as it does
 * with TWINPATH_ORACLE_THREADS=0. The worker threads never load dawn.node.
 */
import { Worker } from 'node:worker_threads';
import { exportedKernel, runOracle, type Kernel, type OracleOutput, type OracleRun } from './kernel.ts';
import { runConfig } from './config.ts';
import { wrapSurface, type Surface } from './surface/surface.ts';
import type { TextureDesc } from './surface/desc.ts';

/** What a worker is asked: kernel `name` of `module`, on `input` and the GPU's output. */
export interface OracleJob {
  readonly id: number;
  readonly module: string;
  readonly name: string;
  readonly input: unknown;
  readonly gpu: { readonly desc: TextureDesc; readonly bytes: Uint8Array };
}

/** What a worker answers. `missing`: the module does not export the kernel (run it on the main thread). */
export type OracleReply =
  | { readonly id: number; readonly surface: { readonly desc: TextureDesc; readonly bytes: Uint8Array }; readonly exact?: OracleOutput['exact']; readonly ms: number }
  | { readonly id: number; readonly error: string; readonly ms: number }
  | { readonly id: number; readonly missing: string };

/** A batch whose oracles took less than this on the main thread stays there: handing them out would cost more than it saves. */
const WORTH_THREADS_MS = 20;

interface Pending {
  readonly resolve: (r: OracleReply) => void;
  readonly reject: (e: Error) => void;
}

/** A worker thread and the jobs it holds. */
class OracleThread {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  dead = false;

  constructor() {
    this.worker = new Worker(new URL('./oracle-worker.mjs', import.meta.url));
    this.worker.unref();
    this.worker.on('message', (r: OracleReply) => {
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
    this.worker.on('exit', (code) => fail(new Error(`oracle worker thread exited (code ${code})`)));
  }

  get load(): number {
    return this.pending.size;
  }

  /** Sends a job; throws DataCloneError synchronously when the input cannot be cloned. */
  run(job: OracleJob): Promise<OracleReply> {
    return new Promise((resolve, reject) => {
      this.worker.postMessage(job);
      this.pending.set(job.id, { resolve, reject });
      this.worker.ref();
    });
  }
}

const threads: OracleThread[] = [];
let nextId = 0;
/** Per kernel: whether its oracle may run on worker threads (its module exports this very object). */
const eligible = new WeakMap<object, Promise<boolean>>();
/** Per kernel: whether its last batch of oracles was slow enough for threads. */
const slow = new WeakMap<object, boolean>();

function isEligible<I>(k: Kernel<I>): Promise<boolean> {
  let e = eligible.get(k);
  if (!e) {
    const module = k.module;
    e = module ? import(module).then((m: Record<string, unknown>) => exportedKernel(m, k.name) === k, () => false) : Promise.resolve(false);
    eligible.set(k, e);
  }
  return e;
}

function thread(): OracleThread {
  const live = threads.filter((t) => !t.dead);
  threads.splice(0, threads.length, ...live);
  if (threads.length < runConfig().oracleThreads) {
    const t = new OracleThread();
    threads.push(t);
    return t;
  }
  return threads.reduce((a, b) => (b.load < a.load ? b : a));
}

/** Runs one oracle on a worker thread; falls back to this thread when the worker cannot take it. */
async function onThread<I>(k: Kernel<I>, input: I, gpu: Surface): Promise<OracleRun> {
  const job: OracleJob = { id: nextId++, module: k.module!, name: k.name, input, gpu: { desc: gpu.desc, bytes: gpu.bytes } };
  let reply: OracleReply;
  try {
    reply = await thread().run(job);
  } catch (e) {
    // An input that cannot be cloned, or a worker that died: this kernel's oracles stay on the main thread.
    eligible.set(k, Promise.resolve(false));
    return runOracle(k, input, gpu);
  }
  if ('missing' in reply) {
    eligible.set(k, Promise.resolve(false));
    return runOracle(k, input, gpu);
  }
  if ('error' in reply) return { error: reply.error, ms: reply.ms };
  const surface = wrapSurface(reply.surface.desc, reply.surface.bytes);
  return { output: { surface, ...(reply.exact ? { exact: reply.exact } : {}) }, ms: reply.ms };
}

/**
 * The oracles of a batch, one per job, in order: on worker threads when the
 * kernel may go there and its previous batch was slow, else here.
 */
export async function runOracles<I>(k: Kernel<I>, jobs: ReadonlyArray<{ readonly input: I; readonly gpu: Surface }>): Promise<OracleRun[]> {
  const threads = runConfig().oracleThreads;
  if (jobs.length > 1 && threads > 0 && slow.get(k) && (await isEligible(k))) {
    // Every (threads + 1)-th job stays here, run while the worker threads work on theirs.
    const share = threads + 1;
    const posted = jobs.map((j, i) => (i % share ? onThread(k, j.input, j.gpu) : undefined));
    const local = jobs.map((j, i) => (i % share ? undefined : runOracle(k, j.input, j.gpu)));
    return Promise.all(jobs.map((_, i) => posted[i] ?? local[i]!));
  }
  const runs = jobs.map((j) => runOracle(k, j.input, j.gpu));
  slow.set(k, runs.reduce((ms, r) => ms + r.ms, 0) >= WORTH_THREADS_MS);
  return runs;
}
