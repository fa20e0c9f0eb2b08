/**
 * The job loop of a judge worker thread (judge-pool.ts): imports a kernel's
 * module once, finds the kernel by name among its exports and judges each
 * case it is sent. Never touches the GPU.
 */
import { parentPort } from 'node:worker_threads';
import { exportedKernel, type Kernel } from '../kernel/kernel.ts';
import { judge } from './judge.ts';
import type { JudgeJob, JudgeReply } from './judge-pool.ts';

const modules = new Map<string, Promise<Record<string, unknown> | undefined>>();

function kernelOf(job: JudgeJob): Promise<Kernel<unknown> | undefined> {
  let m = modules.get(job.module);
  if (!m) {
    m = import(job.module).catch(() => undefined);
    modules.set(job.module, m);
  }
  return m.then((mod) => (mod ? exportedKernel(mod, job.name) : undefined));
}

parentPort!.on('message', async (job: JudgeJob) => {
  const k = await kernelOf(job);
  const reply: JudgeReply = k
    ? { id: job.id, judgement: judge(k, job.input, job.out) }
    : { id: job.id, missing: `${job.module} exports no kernel ${job.name}` };
  parentPort!.postMessage(reply);
});
