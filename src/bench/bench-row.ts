/**
 * A row of `twinpath bench`: one kernel at one frame size on one backend, timed hot and cold (time-case.ts), its
 * bandwidth against the device's peak and the streaming floor (bandwidth.ts). The floor is stream_copy moving the
 * same bytes (half read, half written) on the same backend, timed the same way, once per backend and size in a run.
 */
import type { BackendName } from '../backends/registry.ts';
import type { Kernel } from '../core/kernel/kernel.ts';
import { bandwidth, movedBytes, type MovedBytes } from './bandwidth.ts';
import streamCopy, { type StreamCopyCase } from './stream-copy/kernel.ts';
import { timeCase, type CaseTiming, type CaseTimingOutcome } from './time-case.ts';
import type { StopCriterion } from './timing/measure.ts';
import type { KernelTiming } from './timing/statistics.ts';

/** The frame sizes a bench runs at. */
export const SIZES: Readonly<Record<string, readonly [number, number]>> = {
  '720p': [1280, 720],
  '1080p': [1920, 1080],
  '4k': [3840, 2160],
};

/** A row as printed and saved: the timings and their samples (a later run compares against them), or why none. */
export interface BenchRow {
  readonly kernel: string;
  readonly size: string;
  readonly backend: BackendName;
  readonly hot?: KernelTiming;
  readonly cold?: KernelTiming;
  /** Hot samples, us per launch: what a later run's --baseline compares. */
  readonly hotSamples?: readonly number[];
  readonly launchesPerBatch?: number;
  /** Whether hot and cold timing stopped on their noise or on the time budget. */
  readonly stop?: { readonly hot: 'noise' | 'budget'; readonly cold: 'noise' | 'budget' };
  readonly outputBytes?: number;
  readonly uploadMs?: number;
  readonly readbackMs?: number;
  /** The bytes a case moves (bandwidth.ts movedBytes): the kernel's benchBytes, else 2 x the output's bytes. */
  readonly movedBytes?: number;
  /** The moved bytes are the kernel's own count (benchBytes). */
  readonly bytesDeclared?: boolean;
  /** Why the GB/s undercounts (bandwidth.ts movedBytes), printed under the row. */
  readonly note?: string;
  /** The moved bytes per cold median time. */
  readonly gbPerS?: number;
  readonly floorGbPerS?: number;
  readonly peakGbPerS?: number;
  /** The case failed, or its figures are impossible (above 100% of the floor or the peak). */
  readonly error?: string;
  /** This backend cannot time it (no timer, no timestamp queries, a feature the device lacks). */
  readonly unsupported?: string;
}

/** A streaming floor's GB/s, or why it could not be measured. */
export type Floor = { readonly gbPerS: number } | { readonly error: string };

/** The floor of moving `bytes` (a copy of half of them) on a backend; once per backend and size. */
export class Floors {
  private readonly measured = new Map<string, Promise<Floor>>();

  constructor(private readonly stop: StopCriterion) {}

  of(backend: BackendName, bytes: number): Promise<Floor> {
    const width = 1024;
    const input: StreamCopyCase = { width, height: Math.max(1, Math.ceil(bytes / 2 / (4 * width))), seed: 1 };
    const key = `${backend}:${input.height}`;
    let f = this.measured.get(key);
    if (!f) {
      f = timeCase(streamCopy, input, backend, this.stop).then(floorOf);
      this.measured.set(key, f);
    }
    return f;
  }
}

/** The floor's GB/s from its timing; an error when the copy itself outruns the device's peak. */
function floorOf(t: CaseTimingOutcome): Floor {
  if ('error' in t) return { error: `the streaming floor failed: ${t.error}` };
  if ('unsupported' in t) return { error: `the streaming floor cannot be timed: ${t.unsupported}` };
  const copied = movedBytes(t.outputBytes, t.inputBytes).bytes;
  const b = bandwidth(copied, t.cold.timing.median, undefined, t.peak && t.peak.bytesPerS / 1e9);
  return b.error ? { error: `the streaming floor: ${b.error}` } : { gbPerS: b.gbPerS };
}

/** Times `k` at `size` on `backend` and its floor: the row, with an error where the figures cannot be right. */
export async function benchRow<I>(
  k: Kernel<I>,
  size: string,
  backend: BackendName,
  options: { readonly stop: StopCriterion; readonly floors: Floors },
): Promise<BenchRow> {
  const [w, h] = SIZES[size]!;
  const at = { kernel: k.name, size, backend };
  const input = k.bench!(w, h);
  const t = await timeCase(k, input, backend, options.stop);
  if ('error' in t || 'unsupported' in t) return { ...at, ...t };
  return timedRow(k, input, at, t, options.floors);
}

/**
 * The row of a case timed: its bytes (the kernel's `benchBytes` of `input`, else 2 x its outputs, movedBytes), its
 * GB/s against the floor of moving as many; the error `benchBytes gave NaN: must be a positive number of bytes` for
 * a count that is none, and bandwidth's for figures above the floor or the peak.
 */
export async function timedRow<I>(
  k: Kernel<I>,
  input: I,
  at: Pick<BenchRow, 'kernel' | 'size' | 'backend'>,
  t: CaseTiming,
  floors: Pick<Floors, 'of'>,
): Promise<BenchRow> {
  let moved: MovedBytes;
  try {
    moved = movedBytes(t.outputBytes, t.inputBytes, k.benchBytes?.(input));
  } catch (e) {
    return { ...at, error: e instanceof Error ? e.message : String(e) };
  }
  const floor = await floors.of(at.backend, moved.bytes);
  const peak = t.peak && t.peak.bytesPerS / 1e9;
  const b = bandwidth(moved.bytes, t.cold.timing.median, 'gbPerS' in floor ? floor.gbPerS : undefined, peak);
  return {
    ...at,
    hot: t.hot.timing,
    cold: t.cold.timing,
    hotSamples: t.hot.samples,
    launchesPerBatch: t.launchesPerBatch,
    stop: { hot: t.hot.stop, cold: t.cold.stop },
    outputBytes: t.outputBytes,
    uploadMs: t.uploadMs,
    readbackMs: t.readbackMs,
    movedBytes: moved.bytes,
    ...(moved.declared ? { bytesDeclared: true } : {}),
    ...(moved.note ? { note: moved.note } : {}),
    gbPerS: b.gbPerS,
    ...(b.floorGbPerS === undefined ? {} : { floorGbPerS: b.floorGbPerS }),
    ...(b.peakGbPerS === undefined ? {} : { peakGbPerS: b.peakGbPerS }),
    ...(b.error ? { error: b.error } : 'error' in floor ? { error: floor.error } : {}),
  };
}
