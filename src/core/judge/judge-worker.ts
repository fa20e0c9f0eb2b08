/**
 * The job loop of a judge worker thread (judge-thread.ts): imports a
 * kernel's module once, finds the kernel by name among its exports, runs
 * oracles ahead of the device (holding their results) and judges cases.
 * Never touches the GPU.
 */
import { parentPort } from 'node:worker_threads';
import { recordMemos, type BuiltMemo } from '../../model/arbitraries/case-memo.ts';
import {
  callOracle,
  exportedKernel,
  judgingShape,
  oracleReadsDevice,
  type Kernel,
  type OracleCall,
} from '../kernel/kernel.ts';
import { judge, type Judgement } from './judge.ts';
import type { KernelRef, PreparedCase, WorkerJob, WorkerReply } from './judge-thread.ts';

const modules = new Map<string, Promise<Record<string, unknown> | undefined>>();

/** Prepared cases (with their oracle call where it ran ahead of the device), by prepare job id. */
const held = new Map<
  number,
  { readonly k: Kernel<unknown>; readonly cases: Array<{ input: unknown; call: OracleCall | undefined }> }
>();

function kernelOf(ref: KernelRef): Promise<Kernel<unknown> | undefined> {
  let m = modules.get(ref.module);
  if (!m) {
    m = import(ref.module).catch(() => undefined);
    modules.set(ref.module, m);
  }
  return m.then((mod) => {
    const k = mod ? exportedKernel(mod, ref.name) : undefined;
    // A kernel of that name that judges otherwise (another oracle or policy) is not the sweep's.
    return k && judgingShape(k) === ref.shape ? k : undefined;
  });
}

/** The array buffers under a value (typed arrays and views up to a few objects deep): handed over, not copied. */
function buffersOf(v: unknown, into: Set<ArrayBuffer>, depth = 3): Set<ArrayBuffer> {
  if (ArrayBuffer.isView(v)) {
    if (v.buffer instanceof ArrayBuffer) into.add(v.buffer);
  } else if (depth > 0 && typeof v === 'object' && v !== null) {
    for (const x of Object.values(v)) buffersOf(x, into, depth - 1);
  }
  return into;
}

/**
 * Runs the oracle on each input; the named memos it built are copied as built, before the oracle could change
 * them. An oracle that reads the device's output runs without it here, for its memos alone: its result is not
 * kept, and it runs again on the output when the case is judged.
 */
function prepare(id: number, k: Kernel<unknown>, inputs: readonly unknown[]): WorkerReply {
  const cases: Array<{ input: unknown; call: OracleCall | undefined }> = [];
  const prepared: PreparedCase[] = [];
  const ahead = !oracleReadsDevice(k);
  for (const input of inputs) {
    const root = typeof input === 'object' && input !== null ? input : {};
    const { result: call, built } = recordMemos(root, () => callOracle(k, input, undefined), structuredClone);
    cases.push({ input, call: ahead ? call : undefined });
    prepared.push({ built: built as BuiltMemo[] });
  }
  held.set(id, { k, cases });
  return { id, prepared };
}

/** Judges the held cases of `id` on their outputs, and forgets them. */
function judgeHeld(id: number, outs: WorkerJob & { kind: 'judge' }): WorkerReply {
  const h = held.get(id);
  held.delete(id);
  if (!h) return { id, missing: `no cases held under job ${id}` };
  const judgements = outs.outs.map((out, i): Judgement | null => {
    const c = h.cases[i]!;
    return out ? judge(h.k, c.input, out, undefined, c.call) : null;
  });
  return { id, judgements };
}

async function answer(job: WorkerJob): Promise<WorkerReply | undefined> {
  if (job.kind === 'drop') {
    held.delete(job.id);
    return undefined;
  }
  if (job.kind === 'judge') return judgeHeld(job.id, job);
  const k = await kernelOf(job);
  if (!k) return { id: job.id, missing: `${job.module} exports no kernel ${job.name} that judges as this one` };
  if (job.kind === 'load') return { id: job.id, loaded: true };
  if (job.kind === 'prepare') return prepare(job.id, k, job.inputs);
  return { id: job.id, judgements: job.cases.map((c) => judge(k, c.input, c.out)) };
}

parentPort!.on('message', async (job: WorkerJob) => {
  const reply = await answer(job);
  if (!reply) return;
  const transfer = 'prepared' in reply ? [...buffersOf(reply.prepared, new Set(), 6)] : [];
  parentPort!.postMessage(reply, transfer);
});
