/**
 * `twinpath bench [kernel...] [--sizes 720p,1080p,4k] [--repeat N] [--save FILE] [--baseline FILE]`:
 * the GPU time of kernels at fixed frame sizes (timestamp queries, no oracle),
 * median and min over repeats, upload and readback; with a saved baseline,
 * the speedup per kernel and size (a before/after check of an optimisation).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { discoverKernels } from '../../project/discover-kernels.ts';
import { adapterLine } from '../gpu/adapter.ts';
import { gpuSession } from '../gpu/session.ts';
import type { Kernel } from '../kernel.ts';
import { timeGpu } from '../run-case.ts';
import { enterProject } from './parse.ts';
import { UsageError } from './usage.ts';

const SIZES: Record<string, [number, number]> = { '720p': [1280, 720], '1080p': [1920, 1080], '4k': [3840, 2160] };

interface Row {
  readonly kernel: string;
  readonly size: string;
  readonly gpuUsMedian?: number;
  readonly gpuUsMin?: number;
  readonly uploadMs?: number;
  readonly readbackMs?: number;
  readonly error?: string;
}

const TIMESTAMPS_ON = 'timestamp queries, Dawn timestamp quantization disabled (toggle)';

const median = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1]!;

async function bench<I>(k: Kernel<I>, size: string, repeat: number): Promise<Row> {
  const [w, h] = SIZES[size]!;
  const input = k.bench!(w, h);
  await timeGpu(k, input);
  const runs = [];
  for (let i = 0; i < repeat; i++) {
    const t = await timeGpu(k, input);
    if ('error' in t) return { kernel: k.name, size, error: t.error.split('\n')[0]! };
    runs.push(t);
  }
  const gpu = runs.flatMap((r) => (r.gpuNs === undefined ? [] : [r.gpuNs / 1000]));
  return {
    kernel: k.name,
    size,
    ...(gpu.length ? { gpuUsMedian: median(gpu), gpuUsMin: Math.min(...gpu) } : {}),
    uploadMs: median(runs.map((r) => r.uploadMs)),
    readbackMs: median(runs.map((r) => r.readbackMs)),
  };
}

function parse(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        sizes: { type: 'string', default: '720p,1080p,4k' },
        repeat: { type: 'string', default: '10' },
        save: { type: 'string' },
        baseline: { type: 'string' },
        adapter: { type: 'string' },
      },
    });
  } catch (e) {
    throw new UsageError('bench', `twinpath bench: ${e instanceof Error ? e.message : String(e)}`);
  }
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
  const session = await gpuSession();
  const timing = session.timestamps ? TIMESTAMPS_ON : 'no timestamp-query on this device';
  process.stdout.write(`adapter: ${adapterLine(session.info)}\nGPU time: ${timing}\n`);
  const baseline =
    baselineFile && existsSync(baselineFile)
      ? (JSON.parse(readFileSync(baselineFile, 'utf8')) as { rows: Row[] }).rows
      : undefined;
  if (values.baseline && !baseline)
    throw new Error(`twinpath bench: baseline ${values.baseline} not found: make one with --save`);
  const rows: Row[] = [];
  const line = (c: string[]) =>
    process.stdout.write(`${c.map((x, i) => (i < 2 ? x.padEnd(i ? 6 : 20) : x.padStart(12))).join(' ')}\n`);
  line(['kernel', 'size', 'GPU med us', 'GPU min us', 'upload ms', 'readback ms', ...(baseline ? ['speedup'] : [])]);
  for (const k of chosen) {
    for (const size of sizes) {
      const r = await bench(k, size, repeat);
      rows.push(r);
      const before = baseline?.find((b) => b.kernel === r.kernel && b.size === r.size)?.gpuUsMedian;
      const speedup = before && r.gpuUsMedian ? `${(before / r.gpuUsMedian).toFixed(2)}x` : '-';
      if (r.error) {
        line([r.kernel, size, 'error', '', '', '', ...(baseline ? ['-'] : [])]);
        process.stdout.write(`  ${r.error}\n`);
      } else {
        line([
          r.kernel,
          size,
          r.gpuUsMedian?.toFixed(1) ?? '-',
          r.gpuUsMin?.toFixed(1) ?? '-',
          r.uploadMs!.toFixed(2),
          r.readbackMs!.toFixed(2),
          ...(baseline ? [speedup] : []),
        ]);
      }
    }
  }
  if (save) {
    writeFileSync(
      save,
      `${JSON.stringify({ adapter: session.info, date: new Date().toISOString(), rows }, null, 2)}\n`,
    );
    process.stdout.write(`saved: ${values.save}\n`);
  }
  return 0;
}
