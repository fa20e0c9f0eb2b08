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
import { adapterLine, type DeviceInfo } from '../backends/backend.ts';
import type { Kernel } from '../core/kernel/kernel.ts';
import { timeDevice } from '../core/sweep/case.ts';
import { sweepLabel } from '../core/kernel/sweep-label.ts';
import { enterProject } from './parse.ts';
import { parseCommand, UsageError } from './usage.ts';

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

/** Where a backend runs, or why it cannot (then it is left out of the table). */
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

function parse(argv: readonly string[]) {
  return parseCommand('bench', {
    args: [...argv],
    allowPositionals: true,
    options: {
      sizes: { type: 'string', default: '720p,1080p,4k' },
      repeat: { type: 'string', default: '10' },
      save: { type: 'string' },
      baseline: { type: 'string' },
      adapter: { type: 'string' },
      backend: { type: 'string' },
    },
  });
}

/**
 * Times the project's kernels that have a `bench` input (all, or those named).
 * Throws `twinpath bench: unknown size 8k; sizes: 720p, 1080p, 4k` and
 * `twinpath bench: no kernel x; with a bench input: a, b`.
 */
export async function benchCommand(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parse(argv);
  const sizes = values.sizes.split(',').map((s) => s.trim().toLowerCase());
  for (const s of sizes)
    if (!SIZES[s])
      throw new UsageError('bench', `twinpath bench: unknown size ${s}; sizes: ${Object.keys(SIZES).join(', ')}`);
  const repeat = Number(values.repeat);
  if (!Number.isInteger(repeat) || repeat < 1)
    throw new UsageError(
      'bench',
      `twinpath bench: --repeat is a whole number of at least 1, not ${JSON.stringify(values.repeat)}`,
    );
  const cwd = process.cwd();
  const save = values.save && resolve(cwd, values.save);
  const baselineFile = values.baseline && resolve(cwd, values.baseline);
  const project = await enterProject({
    command: 'run',
    kernels: [],
    json: false,
    env: values.adapter ? { TWINPATH_ADAPTER: values.adapter } : {},
  });
  const benchable = (await discoverKernels(project)).map((d) => d.kernel).filter((k) => k.bench);
  const chosen = positionals.length ? benchable.filter((k) => positionals.includes(k.name)) : benchable;
  if (!chosen.length)
    throw new Error(
      `twinpath bench: no kernel ${positionals.join(' ')}; with a bench input: ` +
        (benchable.map((k) => k.name).join(', ') || 'none (add bench(width, height) to a kernel definition)'),
    );
  const baseline =
    baselineFile && existsSync(baselineFile)
      ? (JSON.parse(readFileSync(baselineFile, 'utf8')) as { rows: Row[] }).rows
      : undefined;
  if (values.baseline && !baseline)
    throw new Error(`twinpath bench: baseline ${values.baseline} not found: make one with --save`);
  const backends: BackendName[] = [];
  const devices: Record<string, DeviceInfo> = {};
  for (const b of values.backend ? parseBackends(values.backend) : backendNames()) {
    const d = await device(b);
    if ('unavailable' in d) {
      process.stdout.write(`${b}: unavailable — ${d.unavailable}\n`);
      continue;
    }
    backends.push(b);
    devices[b] = d.info;
    process.stdout.write(`${b}: ${adapterLine(d.info)}; time: ${d.timing}\n`);
  }
  if (!backends.length) throw new Error('twinpath bench: no backend can run here (see above)');
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
  for (const k of chosen) {
    for (const size of sizes) {
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
  if (save) {
    writeFileSync(save, `${JSON.stringify({ devices, date: new Date().toISOString(), rows }, null, 2)}\n`);
    process.stdout.write(`saved: ${values.save}\n`);
  }
  return 0;
}
