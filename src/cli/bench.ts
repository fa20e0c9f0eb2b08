/**
 * `twinpath bench [kernel...] [--sizes 720p,1080p,4k] [--backend wgsl,cuda,cpp] [--repeat N] [--save FILE] [--baseline FILE]`:
 * the kernel time of kernels at fixed frame sizes on each backend side by side
 * (WGSL: timestamp queries; CUDA: events; C++: wall time of the calls; no
 * oracle), median and min over repeats, upload and readback, and the achieved
 * bandwidth against a streaming floor measured on the same backend in the
 * same run: stream_copy moving the same bytes. With a saved baseline, the
 * speedup per kernel, size and backend (prgpu's before/after timing check).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { discoverKernels } from '../vitest/discover-kernels.ts';
import {
  backendNames,
  DEFAULT_BACKEND,
  kernelBackends,
  parseBackends,
  probeBackend,
  type BackendName,
} from '../backends/registry.ts';
import streamCopy, { type StreamCopyCase } from '../bench/stream-copy/kernel.ts';
import { adapterLine, type DeviceInfo } from '../model/device.ts';
import { didYouMean } from './did-you-mean.ts';
import type { Kernel } from '../core/kernel/kernel.ts';
import { timeDevice } from '../core/sweep/case.ts';
import { sweepLabel } from '../core/kernel/sweep-label.ts';
import { chosenAdapter } from './chosen-adapter.ts';
import type { BENCH } from './command-specs.ts';
import { chooseKernels } from './kernel-choice.ts';
import { checkBackendFlags, enterProject } from './project.ts';
import type { ParsedCommand } from './spec.ts';
import { UsageError } from './usage-error.ts';

const SIZES: Record<string, [number, number]> = { '720p': [1280, 720], '1080p': [1920, 1080], '4k': [3840, 2160] };

interface Row {
  readonly kernel: string;
  readonly size: string;
  readonly backend: BackendName;
  readonly gpuUsMedian?: number;
  readonly gpuUsMin?: number;
  /** 2 x the output's bytes (a read and a write of it) per median kernel time, GB/s. */
  readonly gbPerS?: number;
  /** stream_copy's bandwidth over the same bytes on the same backend, GB/s. */
  readonly floorGbPerS?: number;
  readonly uploadMs?: number;
  readonly readbackMs?: number;
  readonly error?: string;
}

const median = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1]!;

/** Median and min kernel time (us) of `repeat` runs after a warm-up, and the output's bytes; or the first error. */
async function measure<I>(k: Kernel<I>, input: I, backend: BackendName, repeat: number) {
  await timeDevice(k, input, backend);
  const runs = [];
  for (let i = 0; i < repeat; i++) {
    const t = await timeDevice(k, input, backend);
    if ('error' in t) return { error: t.error.split('\n')[0]! };
    runs.push(t);
  }
  const gpu = runs.flatMap((r) => (r.gpuNs === undefined ? [] : [r.gpuNs / 1000]));
  return {
    ...(gpu.length ? { median: median(gpu), min: Math.min(...gpu) } : {}),
    outputBytes: runs[0]!.outputBytes,
    uploadMs: median(runs.map((r) => r.uploadMs)),
    readbackMs: median(runs.map((r) => r.readbackMs)),
  };
}

const gbPerS = (bytes: number, us: number) => (2 * bytes) / (us * 1000);

/** The streaming floor for `bytes` on a backend (GB/s), measured once per backend and size of copy. */
const floors = new Map<string, Promise<number | undefined>>();
function floor(backend: BackendName, bytes: number, repeat: number): Promise<number | undefined> {
  const width = 1024;
  const input: StreamCopyCase = { width, height: Math.max(1, Math.ceil(bytes / (4 * width))), seed: 1 };
  const key = `${backend}:${input.height}`;
  let f = floors.get(key);
  if (!f) {
    f = measure(streamCopy, input, backend, repeat).then((m) =>
      'median' in m && m.median ? gbPerS(m.outputBytes, m.median) : undefined,
    );
    floors.set(key, f);
  }
  return f;
}

async function bench<I>(k: Kernel<I>, size: string, backend: BackendName, repeat: number): Promise<Row> {
  const [w, h] = SIZES[size]!;
  const m = await measure(k, k.bench!(w, h), backend, repeat);
  const at = { kernel: k.name, size, backend };
  if ('error' in m) return { ...at, error: m.error };
  const fl = m.median ? await floor(backend, m.outputBytes, repeat) : undefined;
  return {
    ...at,
    ...(m.median ? { gpuUsMedian: m.median, gpuUsMin: m.min, gbPerS: gbPerS(m.outputBytes, m.median) } : {}),
    ...(fl ? { floorGbPerS: fl } : {}),
    uploadMs: m.uploadMs,
    readbackMs: m.readbackMs,
  };
}

/**
 * Where a backend runs, or why it cannot (then it is left out of the table).
 */
async function device(
  b: BackendName,
): Promise<{ readonly info: DeviceInfo; readonly timing: string } | { readonly unavailable: string }> {
  try {
    const p = await probeBackend(b);
    return 'unavailable' in p ? p : { info: p.device, timing: p.timingSource };
  } catch (e) {
    return { unavailable: e instanceof Error ? e.message.split('\n')[0]! : String(e) };
  }
}

/** What `twinpath bench` was asked, checked before anything runs. */
interface BenchRequest {
  readonly sizes: readonly string[];
  readonly repeat: number;
  readonly save?: string;
  readonly baseline?: readonly Row[];
}

/**
 * Checks sizes, repeat and baseline. Throws a UsageError: `twinpath bench: --sizes: unknown size 8k; sizes: 720p,
 * 1080p, 4k`, `twinpath bench: --repeat is a whole number of at least 1, not "0"`,
 * `twinpath bench: --baseline b.json: no such file (make one with --save)`.
 */
function benchRequest(values: ParsedCommand<typeof BENCH>['values']): BenchRequest {
  const sizes = values.sizes.split(',').map((s) => s.trim().toLowerCase());
  for (const s of sizes)
    if (!SIZES[s])
      throw new UsageError(
        'bench',
        `twinpath bench: --sizes: unknown size ${s}${didYouMean(s, Object.keys(SIZES))}; sizes: ${Object.keys(SIZES).join(', ')}`,
      );
  const repeat = Number(values.repeat);
  if (!Number.isInteger(repeat) || repeat < 1)
    throw new UsageError(
      'bench',
      `twinpath bench: --repeat is a whole number of at least 1, not ${JSON.stringify(values.repeat)}`,
    );
  const baselineFile = values.baseline && resolve(values.baseline);
  if (baselineFile && !existsSync(baselineFile))
    throw new UsageError('bench', `twinpath bench: --baseline ${values.baseline}: no such file (make one with --save)`);
  return {
    sizes,
    repeat,
    ...(values.save ? { save: resolve(values.save) } : {}),
    ...(baselineFile ? { baseline: (JSON.parse(readFileSync(baselineFile, 'utf8')) as { rows: Row[] }).rows } : {}),
  };
}

/** The backends asked for that can run here, each printed with its device (or why it cannot run). */
async function benchDevices(asked: string | undefined): Promise<Record<string, DeviceInfo>> {
  const devices: Record<string, DeviceInfo> = {};
  // An adapter the user named and this machine lacks is a usage error, whichever backends run.
  if (process.env.TWINPATH_ADAPTER) await chosenAdapter('bench');
  for (const b of asked ? parseBackends(asked) : backendNames()) {
    const d = await device(b);
    if ('unavailable' in d) {
      process.stdout.write(`${b}: unavailable — ${d.unavailable}\n`);
      continue;
    }
    devices[b] = d.info;
    process.stdout.write(`${b}: ${adapterLine(d.info)}; time: ${d.timing}\n`);
  }
  if (!Object.keys(devices).length) throw new Error('twinpath bench: no backend can run here (see above)');
  return devices;
}

/**
 * Times the project's kernels that have a `bench` input (all, or those named; * is a wildcard). Throws the
 * UsageErrors of benchRequest, and of kernel-choice.ts for a name that matches no kernel with a bench input:
 * `twinpath bench: no kernel named mip_downsampel (did you mean mip_downsample?)`.
 */
export async function benchCommand({ operands, values, env }: ParsedCommand<typeof BENCH>): Promise<number> {
  const request = benchRequest(values);
  const project = await enterProject(env, 'bench');
  checkBackendFlags('bench', { backend: values.backend });
  const benchable = (await discoverKernels(project)).map((d) => d.kernel).filter((k) => k.bench);
  if (!benchable.length)
    throw new Error('twinpath bench: no kernel has a bench input (add bench(width, height) to a kernel definition)');
  const names = new Set(
    chooseKernels(
      'bench',
      operands,
      benchable.map((k) => k.name),
      'kernels with a bench input',
    ),
  );
  const devices = await benchDevices(values.backend);
  const rows = await benchTable(
    benchable.filter((k) => names.has(k.name)),
    Object.keys(devices) as BackendName[],
    request,
  );
  if (request.save) {
    writeFileSync(request.save, `${JSON.stringify({ devices, date: new Date().toISOString(), rows }, null, 2)}\n`);
    process.stdout.write(`saved: ${values.save}\n`);
  }
  return 0;
}

/** Benches every kernel at every size on every backend it implements, printing a row each; returns the rows. */
async function benchTable(
  kernels: readonly Kernel<unknown>[],
  backends: readonly BackendName[],
  request: BenchRequest,
) {
  const { baseline, repeat } = request;
  process.stdout.write(
    "GB/s: 2 x the output's bytes (one read and one write of it) per median time; " +
      'floor: stream_copy of the same bytes on the same backend, this run\n',
  );
  const rows: Row[] = [];
  const WIDTHS = [26, 6, 8, 11, 11, 8, 11, 9, 10, 12];
  const line = (c: string[]) =>
    process.stdout.write(`${c.map((x, i) => (i < 3 ? x.padEnd(WIDTHS[i]!) : x.padStart(WIDTHS[i] ?? 9))).join(' ')}\n`);
  const head = ['kernel', 'size', 'backend', 'med us', 'min us', 'GB/s', 'floor GB/s', 'of floor', 'upload ms'];
  line([...head, 'readback ms', ...(baseline ? ['speedup'] : [])]);
  for (const k of kernels) {
    for (const size of request.sizes) {
      for (const backend of backends.filter((b) => kernelBackends(k).includes(b))) {
        const r = await bench(k, size, backend, repeat);
        rows.push(r);
        const before = baseline?.find(
          (b) => b.kernel === r.kernel && b.size === r.size && (b.backend ?? DEFAULT_BACKEND) === r.backend,
        )?.gpuUsMedian;
        const speedup = before && r.gpuUsMedian ? `${(before / r.gpuUsMedian).toFixed(2)}x` : '-';
        if (r.error) {
          line([sweepLabel(r.kernel, backend), size, backend, 'error', ...(baseline ? ['-'] : [])]);
          process.stdout.write(`  ${r.error}\n`);
          continue;
        }
        const pct = r.gbPerS && r.floorGbPerS ? `${((100 * r.gbPerS) / r.floorGbPerS).toFixed(0)}%` : '-';
        line([
          sweepLabel(r.kernel, backend),
          size,
          backend,
          r.gpuUsMedian?.toFixed(1) ?? '-',
          r.gpuUsMin?.toFixed(1) ?? '-',
          r.gbPerS?.toFixed(1) ?? '-',
          r.floorGbPerS?.toFixed(1) ?? '-',
          pct,
          r.uploadMs!.toFixed(2),
          r.readbackMs!.toFixed(2),
          ...(baseline ? [speedup] : []),
        ]);
      }
    }
  }
  return rows;
}
