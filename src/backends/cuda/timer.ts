/**
 * The CUDA backend's timer for the bench: a case run once (its uploads, launches and readback), then its launches
 * queued again on the same device memory — `n` back-to-back between one pair of events (hot), or one at a time
 * between their own events, each after a fill of twice the device's L2 (cold). Peak bandwidth is the driver's
 * memory clock x bus width x 2 (double data rate).
 */
import type { KernelTimer, PeakBandwidth } from '../backend.ts';
import { NativeTimeoutError } from '../native/execute.ts';
import { pollUntilDone } from '../native/poll.ts';
import type { CudaRuntime } from './runtime.ts';

/** CU_DEVICE_ATTRIBUTE_MEMORY_CLOCK_RATE (kHz), _GLOBAL_MEMORY_BUS_WIDTH (bits), _L2_CACHE_SIZE (bytes). */
const ATTR_MEMORY_CLOCK_KHZ = 36;
const ATTR_BUS_WIDTH_BITS = 37;
const ATTR_L2_BYTES = 38;
/** The least the cold flush writes, for a driver that reports no L2. */
const MIN_FLUSH_BYTES = 64 * 1024 * 1024;

/** A case whose launches can be queued again. */
export interface ReplayableCase {
  replay(): void;
  release(): void;
}

/**
 * The device's peak memory bandwidth from its driver: `driver: 2619 MHz x 5120-bit, double data rate` (H100 SXM:
 * 3352 GB/s); undefined when the driver reports no memory clock or bus width (CUDA 13 may report 0).
 */
export function cudaPeak(rt: Pick<CudaRuntime, 'attribute'>): PeakBandwidth | undefined {
  let khz: number, bits: number;
  try {
    khz = rt.attribute(ATTR_MEMORY_CLOCK_KHZ);
    bits = rt.attribute(ATTR_BUS_WIDTH_BITS);
  } catch {
    return undefined;
  }
  if (!(khz > 0 && bits > 0)) return undefined;
  return {
    bytesPerS: 2 * khz * 1000 * (bits / 8),
    source: `driver: ${khz / 1000} MHz x ${bits}-bit, double data rate`,
  };
}

/** The timer over `c`, a case that already ran on `rt`; each wait is bounded by `deadlineMs`. */
export function cudaTimer(rt: CudaRuntime, c: ReplayableCase, label: string, deadlineMs: number): KernelTimer {
  const { driver } = rt;
  const generation = rt.generation;
  const flushBytes = Math.max(2 * rt.attribute(ATTR_L2_BYTES), MIN_FLUSH_BYTES);
  const flush = rt.acquire(flushBytes);
  /** Waits for the stream, then the ns between each pair of events; a stream that never finishes loses the context. */
  const elapsed = async (pairs: ReadonlyArray<readonly [unknown, unknown]>): Promise<number[]> => {
    try {
      if ((await pollUntilDone(() => driver.streamDone(), deadlineMs)) === 'timeout') {
        const late = `${label}: the bench's launches did not finish within ${deadlineMs} ms (TWINPATH_CASE_DEADLINE_MS)`;
        rt.lose(`${late}, so the CUDA context is lost for the rest of this process`);
        throw new NativeTimeoutError(`${late}; the CUDA context is lost`);
      }
      return pairs.map(([s, e]) => driver.elapsedMs(s, e) * 1e6);
    } finally {
      for (const [s, e] of pairs) {
        rt.releaseEvent(s, generation);
        rt.releaseEvent(e, generation);
      }
    }
  };
  const peak = cudaPeak(rt);
  return {
    ...(peak ? { peak } : {}),
    async hot(launches) {
      const pair = [rt.event(), rt.event()] as const;
      driver.record(pair[0]);
      for (let i = 0; i < launches; i++) c.replay();
      driver.record(pair[1]);
      return (await elapsed([pair]))[0]!;
    },
    async cold(samples) {
      const pairs = Array.from({ length: samples }, () => [rt.event(), rt.event()] as const);
      // Queued without waiting: the fill keeps the GPU busy while the host queues the launch behind it.
      pairs.forEach(([s, e], i) => {
        driver.fillAsync(flush, i & 0xff, flushBytes);
        driver.record(s);
        c.replay();
        driver.record(e);
      });
      return elapsed(pairs);
    },
    release() {
      rt.release(flush, flushBytes, generation);
      c.release();
    },
  };
}
