/**
 * The WGSL backend's timer for the bench: a case recorded and run once (its uploads and a warm-up), then its
 * dispatches recorded again on the same pipelines and buffers — `n` back-to-back in one compute pass between one
 * pair of timestamps (hot), or one per pass with a buffer larger than the device's caches cleared before each
 * (cold).
 */
import type { KernelTimer, TimerOutcome } from '../backend.ts';
import type { BackendKernel } from '../implementations.ts';
import { CaseGpu } from './context.ts';
import { compileModules } from './execute.ts';
import { gpuSession, type GpuSession } from './session.ts';
import { Submission } from './submission.ts';

/** Cold samples per submission: a begin/end timestamp pair each. */
const COLD_PER_SUBMISSION = 32;
/**
 * Bytes cleared before each cold sample: more than the last-level cache of any GPU WebGPU reaches (H100: 50 MiB,
 * RTX 4090: 72 MiB), capped by the device's largest buffer. WebGPU does not say a device's cache size.
 */
const FLUSH_BYTES = 256 * 1024 * 1024;

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Submits `encoder` after resolving `pairs` timestamp pairs, and returns each pair's nanoseconds. */
async function stampedSubmit(
  session: GpuSession,
  stamps: GPUQuerySet,
  encoder: GPUCommandEncoder,
  pairs: number,
): Promise<number[]> {
  const { device } = session;
  const bytes = pairs * 16;
  const resolve = device.createBuffer({ size: bytes, usage: GPUBufferUsage.QUERY_RESOLVE | GPUBufferUsage.COPY_SRC });
  const read = device.createBuffer({ size: bytes, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  encoder.resolveQuerySet(stamps, 0, 2 * pairs, resolve, 0);
  encoder.copyBufferToBuffer(resolve, 0, read, 0, bytes);
  device.queue.submit([encoder.finish()]);
  try {
    await read.mapAsync(GPUMapMode.READ);
    const t = new BigUint64Array(read.getMappedRange().slice(0));
    return Array.from({ length: pairs }, (_, i) => Number(t[2 * i + 1]! - t[2 * i]!));
  } finally {
    resolve.destroy();
    read.destroy();
  }
}

/** The timer over a case already recorded and run in `g`. */
function caseTimer(session: GpuSession, g: CaseGpu): KernelTimer {
  const { device } = session;
  const stamps = device.createQuerySet({ type: 'timestamp', count: 2 * COLD_PER_SUBMISSION, label: 'twinpath bench' });
  const flushBytes = Math.min(FLUSH_BYTES, device.limits.maxBufferSize) & ~3;
  const flush = device.createBuffer({
    size: flushBytes,
    usage: GPUBufferUsage.COPY_DST,
    label: 'twinpath bench flush',
  });
  const pass = (encoder: GPUCommandEncoder, pair: number) =>
    encoder.beginComputePass({
      timestampWrites: { querySet: stamps, beginningOfPassWriteIndex: 2 * pair, endOfPassWriteIndex: 2 * pair + 1 },
    });
  return {
    async hot(launches) {
      const encoder = device.createCommandEncoder({ label: 'twinpath bench hot' });
      const p = pass(encoder, 0);
      for (let i = 0; i < launches; i++) g.replayDispatches(p);
      p.end();
      return (await stampedSubmit(session, stamps, encoder, 1))[0]!;
    },
    async cold(samples) {
      const ns: number[] = [];
      while (ns.length < samples) {
        const pairs = Math.min(COLD_PER_SUBMISSION, samples - ns.length);
        const encoder = device.createCommandEncoder({ label: 'twinpath bench cold' });
        for (let i = 0; i < pairs; i++) {
          encoder.clearBuffer(flush);
          const p = pass(encoder, i);
          g.replayDispatches(p);
          p.end();
        }
        ns.push(...(await stampedSubmit(session, stamps, encoder, pairs)));
      }
      return ns;
    },
    release() {
      stamps.destroy();
      flush.destroy();
      g.release();
    },
  };
}

/**
 * Records and runs `input` once, then hands back its timer; `unsupported` on a device without timestamp queries,
 * the case's error (`blur: GPU errors: …`, `blur: gpu() threw: …`, `blur: the case dispatched nothing`) otherwise.
 */
export async function wgslTimer<I>(k: BackendKernel<I>, input: I, deadlineMs: number): Promise<TimerOutcome> {
  const session = await gpuSession(undefined, k.requires);
  if (!session.timestamps) return { unsupported: 'no timestamp-query on this device' };
  if (!k.gpu) return { unsupported: `${k.name}: the kernel has no WGSL implementation` };
  const submission = new Submission(session, k.name);
  const g = new CaseGpu(session, k.name, await compileModules(k, session), submission, true);
  session.device.pushErrorScope('validation');
  let failed: string | undefined;
  try {
    g.close(await k.gpu(g, input));
  } catch (e) {
    g.endPass();
    failed = `${k.name}: gpu() threw: ${message(e)}`;
  }
  try {
    await submission.submit(k.name, deadlineMs);
  } catch (e) {
    failed ??= `${k.name}: the case did not finish: ${message(e)}`;
  }
  if (failed) {
    await session.device.popErrorScope();
    g.release();
    return { error: failed };
  }
  const errors = [...(await g.dispatchValidation()), (await session.device.popErrorScope())?.message ?? ''];
  const first = errors.find((e) => e);
  if (first || !g.dispatchCount) {
    g.release();
    return {
      error: first ? `${k.name}: GPU errors: ${first.split('\n')[0]}` : `${k.name}: the case dispatched nothing`,
    };
  }
  return { timer: caseTimer(session, g) };
}
