/**
 * The job loop of an oracle worker thread: imports the kernel's module once,
 * finds the kernel by name among its exports and runs its oracle on each job.
 * Never touches the GPU.
 */
import { parentPort } from 'node:worker_threads';
import { exportedKernel, runOracle, type Kernel } from './kernel.ts';
import type { OracleJob, OracleReply } from './oracle-pool.ts';
import { wrapSurface } from './surface/surface.ts';

const modules = new Map<string, Promise<Record<string, unknown> | undefined>>();

function kernelOf(job: OracleJob): Promise<Kernel<unknown> | undefined> {
  let m = modules.get(job.module);
  if (!m) {
    m = import(job.module).catch(() => undefined);
    modules.set(job.module, m);
  }
  return m.then((mod) => (mod ? exportedKernel(mod, job.name) : undefined));
}

parentPort!.on('message', async (job: OracleJob) => {
  const k = await kernelOf(job);
  const post = (r: OracleReply) => parentPort!.postMessage(r);
  if (!k) return post({ id: job.id, missing: `${job.module} exports no kernel ${job.name}` });
  const r = runOracle(k, job.input, wrapSurface(job.gpu.desc, job.gpu.bytes));
  if ('error' in r) return post({ id: job.id, error: r.error, ms: r.ms });
  const { surface, exact } = r.output;
  return post({ id: job.id, surface: { desc: surface.desc, bytes: surface.bytes }, ...(exact ? { exact } : {}), ms: r.ms });
});
