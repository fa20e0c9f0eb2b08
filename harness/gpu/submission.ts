/**
 * One queue submission carrying the GPU work of several cases: their passes
 * in one command encoder, their outputs copied into one staging buffer and
 * read back with one mapAsync. The submit-and-map round trip — most of a
 * small case's GPU time — is paid once per submission, not once per case.
 */
import type { GpuSession } from './session.ts';

/** Cases one submission holds at most (two timestamp queries each). */
export const MAX_CASES_PER_SUBMISSION = 64;
/** Output bytes one submission reads back at most, so a batch of large cases stays within memory. */
export const MAX_SUBMISSION_BYTES = 64 * 1024 * 1024;

/** The GPU did not finish a submission within its deadline. */
export class CaseDeadlineError extends Error {
  override name = 'CaseDeadlineError';
}

/** What one read of a submission brought back. */
export interface ReadResult {
  readonly bytes: Uint8Array;
  /** GPU time of the case's compute pass (timestamp queries), when timed. */
  readonly gpuNs?: number;
}

/** The timestamp queries of one case's compute pass: query indices `2 * slot` and `2 * slot + 1`. */
export interface TimestampSlot {
  readonly slot: number;
  readonly writes: GPUComputePassTimestampWrites;
}

export class Submission {
  readonly encoder: GPUCommandEncoder;
  private readonly reads: Array<{ readonly buffer: GPUBuffer; readonly size: number; readonly offset: number; readonly slot?: number }> = [];
  private bytes = 0;
  private slots = 0;

  constructor(
    private readonly session: GpuSession,
    label: string,
  ) {
    this.encoder = session.device.createCommandEncoder({ label });
  }

  /** The next case's timestamp writes, when the device has timestamp queries. */
  timestampSlot(): TimestampSlot | undefined {
    const ts = this.session.timestamps;
    if (!ts || 2 * (this.slots + 1) > ts.count) return undefined;
    const slot = this.slots++;
    return { slot, writes: { querySet: ts, beginningOfPassWriteIndex: 2 * slot, endOfPassWriteIndex: 2 * slot + 1 } };
  }

  /** Queues `size` bytes of `buffer` (a multiple of 4) to be read back; returns the read's index. */
  read(buffer: GPUBuffer, size: number, slot?: number): number {
    this.reads.push({ buffer, size, offset: this.bytes, ...(slot === undefined ? {} : { slot }) });
    this.bytes += size;
    return this.reads.length - 1;
  }

  /** Whether another case should go into a new submission. */
  get full(): boolean {
    return this.reads.length >= MAX_CASES_PER_SUBMISSION || this.bytes >= MAX_SUBMISSION_BYTES;
  }

  /**
   * Submits everything recorded and reads it back: one result per {@link read},
   * and the submit-to-mapped wall time. Rejects with CaseDeadlineError
   * (`mip_downsample: the GPU did not finish the case within 60000 ms (TWINPATH_CASE_DEADLINE_MS)`)
   * when the GPU takes longer than `deadlineMs`.
   */
  async submit(kernel: string, deadlineMs: number): Promise<{ reads: ReadResult[]; ms: number }> {
    const { device, pool } = this.session;
    const stampBytes = this.slots * 16;
    const size = this.bytes + stampBytes;
    // A submission whose cases all threw before output() still maps a few bytes.
    const mapBytes = Math.max(size, 4);
    const staging = pool.acquire(mapBytes, GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST, `${kernel}:readback`);
    const resolve = stampBytes ? pool.acquire(stampBytes, GPUBufferUsage.QUERY_RESOLVE | GPUBufferUsage.COPY_SRC, `${kernel}:timestamps`) : undefined;
    for (const r of this.reads) this.encoder.copyBufferToBuffer(r.buffer, 0, staging, r.offset, r.size);
    if (resolve) {
      this.encoder.resolveQuerySet(this.session.timestamps!, 0, 2 * this.slots, resolve, 0);
      this.encoder.copyBufferToBuffer(resolve, 0, staging, this.bytes, stampBytes);
    }
    const what = this.reads.length === 1 ? 'the case' : `a submission of ${this.reads.length} cases`;
    const t = performance.now();
    device.queue.submit([this.encoder.finish()]);
    this.session.submitted.submissions++;
    this.session.submitted.cases += this.reads.length;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<never>((_, reject) => {
      if (Number.isFinite(deadlineMs)) timer = setTimeout(() => reject(new CaseDeadlineError(`${kernel}: the GPU did not finish ${what} within ${deadlineMs} ms (TWINPATH_CASE_DEADLINE_MS)`)), deadlineMs);
    });
    try {
      await Promise.race([staging.mapAsync(GPUMapMode.READ, 0, mapBytes), deadline]);
    } finally {
      clearTimeout(timer);
    }
    const range = staging.getMappedRange(0, mapBytes);
    const stamps = stampBytes ? new BigUint64Array(range.slice(this.bytes, size)) : undefined;
    const reads = this.reads.map((r): ReadResult => {
      const bytes = new Uint8Array(range.slice(r.offset, r.offset + r.size));
      if (!stamps || r.slot === undefined) return { bytes };
      const [begin, end] = [stamps[2 * r.slot]!, stamps[2 * r.slot + 1]!];
      return end >= begin ? { bytes, gpuNs: Number(end - begin) } : { bytes };
    });
    staging.unmap();
    pool.release(staging);
    if (resolve) pool.release(resolve);
    return { reads, ms: performance.now() - t };
  }
}
