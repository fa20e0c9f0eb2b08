/**
 * One queue submission carrying the GPU work of several cases: their passes
 * in one command encoder, their outputs copied into one staging buffer and
 * read back with one mapAsync. The submit-and-map round trip — most of a
 * small case's GPU time — is paid once per submission, not once per case.
 */
import { MAX_CASES_PER_SUBMISSION, type GpuSession } from './session.ts';

/** Output bytes one submission reads back at most, so a batch of large cases stays within memory. */
export const MAX_SUBMISSION_BYTES = 64 * 1024 * 1024;

/** The GPU did not finish a submission within its deadline. */
export class CaseDeadlineError extends Error {
  override name = 'CaseDeadlineError';
}

/** What a submission brought back: the bytes of each read, GPU time per timestamp slot, submit-to-mapped wall time. */
export interface SubmissionResult {
  readonly reads: readonly Uint8Array[];
  /** GPU time of the compute pass of a timestamp slot, when timed. */
  gpuNs(slot: number | undefined): number | undefined;
  readonly ms: number;
}

/** A texture level to read back: texel rows copied with 256-byte aligned pitch, returned tightly packed. */
export interface TextureRead {
  readonly texture: GPUTexture;
  readonly level: number;
  readonly width: number;
  readonly height: number;
  readonly layers: number;
  readonly bytesPerTexel: number;
}

/** Rows of a texture copy are this many bytes apart in the buffer (WebGPU's copy alignment). */
const ROW_ALIGN = 256;
/** Reads start on this alignment in the staging buffer (texel blocks of every readable format divide it). */
const READ_ALIGN = 16;

/** The timestamp queries of one case's compute pass: query indices `2 * slot` and `2 * slot + 1`. */
export interface TimestampSlot {
  readonly slot: number;
  readonly writes: GPUComputePassTimestampWrites;
}

export class Submission {
  readonly encoder: GPUCommandEncoder;
  private readonly reads: Array<{
    readonly buffer?: GPUBuffer;
    readonly texture?: TextureRead;
    readonly size: number;
    readonly offset: number;
  }> = [];
  private bytes = 0;
  private slots = 0;
  private cases = 0;

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
  read(buffer: GPUBuffer, size: number): number {
    return this.push({ buffer, size });
  }

  /** Queues one level of a texture to be read back (rows tightly packed in the result); returns the read's index. */
  readTexture(t: TextureRead): number {
    return this.push({
      texture: t,
      size: Math.ceil((t.width * t.bytesPerTexel) / ROW_ALIGN) * ROW_ALIGN * t.height * t.layers,
    });
  }

  private push(r: { readonly buffer?: GPUBuffer; readonly texture?: TextureRead; readonly size: number }): number {
    this.reads.push({ ...r, offset: this.bytes });
    this.bytes += Math.ceil(r.size / READ_ALIGN) * READ_ALIGN;
    return this.reads.length - 1;
  }

  /** Counts a case recorded into this submission. */
  addCase(): void {
    this.cases++;
  }

  /** Whether another case should go into a new submission. */
  get full(): boolean {
    return this.cases >= MAX_CASES_PER_SUBMISSION || this.bytes >= MAX_SUBMISSION_BYTES;
  }

  /**
   * Submits everything recorded and reads it back: one result per {@link read},
   * and the submit-to-mapped wall time. Rejects with CaseDeadlineError
   * (`mip_downsample: the GPU did not finish the case within 60000 ms (TWINPATH_CASE_DEADLINE_MS)`)
   * when the GPU takes longer than `deadlineMs`.
   */
  async submit(kernel: string, deadlineMs: number): Promise<SubmissionResult> {
    const { device, pool } = this.session;
    const stampBytes = this.slots * 16;
    const size = this.bytes + stampBytes;
    // A submission whose cases all threw before output() still maps a few bytes.
    const mapBytes = Math.max(size, 4);
    const staging = pool.acquire(mapBytes, GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST, `${kernel}:readback`);
    const resolve = stampBytes
      ? pool.acquire(stampBytes, GPUBufferUsage.QUERY_RESOLVE | GPUBufferUsage.COPY_SRC, `${kernel}:timestamps`)
      : undefined;
    for (const r of this.reads) {
      if (r.buffer) this.encoder.copyBufferToBuffer(r.buffer, 0, staging, r.offset, r.size);
      else if (r.texture) {
        const t = r.texture;
        const bytesPerRow = Math.ceil((t.width * t.bytesPerTexel) / ROW_ALIGN) * ROW_ALIGN;
        this.encoder.copyTextureToBuffer(
          { texture: t.texture, mipLevel: t.level },
          { buffer: staging, offset: r.offset, bytesPerRow, rowsPerImage: t.height },
          [t.width, t.height, t.layers],
        );
      }
    }
    if (resolve) {
      this.encoder.resolveQuerySet(this.session.timestamps!, 0, 2 * this.slots, resolve, 0);
      this.encoder.copyBufferToBuffer(resolve, 0, staging, this.bytes, stampBytes);
    }
    const what = this.cases <= 1 ? 'the case' : `a submission of ${this.cases} cases`;
    const t = performance.now();
    device.queue.submit([this.encoder.finish()]);
    this.session.submitted.submissions++;
    this.session.submitted.cases += this.cases;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<never>((_, reject) => {
      if (Number.isFinite(deadlineMs))
        timer = setTimeout(
          () =>
            reject(
              new CaseDeadlineError(
                `${kernel}: the GPU did not finish ${what} within ${deadlineMs} ms (TWINPATH_CASE_DEADLINE_MS)`,
              ),
            ),
          deadlineMs,
        );
    });
    try {
      await Promise.race([staging.mapAsync(GPUMapMode.READ, 0, mapBytes), deadline]);
    } finally {
      clearTimeout(timer);
    }
    const range = staging.getMappedRange(0, mapBytes);
    const stamps = stampBytes ? new BigUint64Array(range.slice(this.bytes, size)) : undefined;
    const reads = this.reads.map((r) =>
      r.texture ? tightRows(range, r.offset, r.texture) : new Uint8Array(range.slice(r.offset, r.offset + r.size)),
    );
    staging.unmap();
    pool.release(staging);
    if (resolve) pool.release(resolve);
    const gpuNs = (slot: number | undefined) => {
      if (!stamps || slot === undefined) return undefined;
      const [begin, end] = [stamps[2 * slot]!, stamps[2 * slot + 1]!];
      return end >= begin ? Number(end - begin) : undefined;
    };
    return { reads, gpuNs, ms: performance.now() - t };
  }
}

/** A texture read's rows without their copy alignment: `height * layers` rows of `width * bytesPerTexel` bytes. */
function tightRows(range: ArrayBuffer, offset: number, t: TextureRead): Uint8Array {
  const row = t.width * t.bytesPerTexel;
  const pitch = Math.ceil(row / ROW_ALIGN) * ROW_ALIGN;
  const out = new Uint8Array(row * t.height * t.layers);
  const src = new Uint8Array(range, offset, pitch * t.height * t.layers);
  for (let r = 0; r < t.height * t.layers; r++) out.set(src.subarray(r * pitch, r * pitch + row), r * row);
  return out;
}
