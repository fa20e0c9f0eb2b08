/**
 * `twinpath bench [kernel...] [--sizes 720p,1080p,4k] [--repeat N] [--save FILE] [--baseline FILE]`:
 * the GPU time of kernels at fixed frame sizes (timestamp queries, no oracle),
 * median and min over repeats, upload and readback; with a saved baseline,
 * the speedup per kernel and size (seed 002's before/after check).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { adapterLine, gpuSession, timeGpu, type Kernel } from '../harness/index.ts';
import { BENCH_KERNELS } from '../kernels/index.ts';

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

const { values, positionals } = parseArgs({
  args: process.argv.slice(3),
  allowPositionals: true,
  options: { sizes: { type: 'string', default: '720p,1080p,4k' }, repeat: { type: 'string', default: '10' }, save: { type: 'string' }, baseline: { type: 'string' } },
});
const sizes = values.sizes.split(',').map((s) => s.trim().toLowerCase());
for (const s of sizes) if (!SIZES[s]) throw new Error(`twinpath bench: unknown size ${s}; sizes: ${Object.keys(SIZES).join(', ')}`);
const chosen = positionals.length ? BENCH_KERNELS.filter((k) => positionals.includes(k.name)) : BENCH_KERNELS;
if (!chosen.length) throw new Error(`twinpath bench: no kernel ${positionals.join(' ')}; with a bench input: ${BENCH_KERNELS.map((k) => k.name).join(', ')}`);
const session = await gpuSession();
process.stdout.write(`adapter: ${adapterLine(session.info)}\nGPU time: ${session.timestamps ? 'timestamp queries, Dawn timestamp quantization disabled (toggle)' : 'no timestamp-query on this device'}\n`);
const baseline = values.baseline && existsSync(values.baseline) ? (JSON.parse(readFileSync(values.baseline, 'utf8')) as { rows: Row[] }).rows : undefined;
if (values.baseline && !baseline) throw new Error(`twinpath bench: baseline ${values.baseline} not found: make one with --save`);
const rows: Row[] = [];
const line = (c: string[]) => process.stdout.write(`${c.map((x, i) => (i < 2 ? x.padEnd(i ? 6 : 20) : x.padStart(12))).join(' ')}\n`);
line(['kernel', 'size', 'GPU med us', 'GPU min us', 'upload ms', 'readback ms', ...(baseline ? ['speedup'] : [])]);
for (const k of chosen) {
  for (const size of sizes) {
    const r = await bench(k, size, Number(values.repeat));
    rows.push(r);
    const before = baseline?.find((b) => b.kernel === r.kernel && b.size === r.size)?.gpuUsMedian;
    const speedup = before && r.gpuUsMedian ? `${(before / r.gpuUsMedian).toFixed(2)}x` : '-';
    if (r.error) {
      line([r.kernel, size, 'error', '', '', '', ...(baseline ? ['-'] : [])]);
      process.stdout.write(`  ${r.error}\n`);
    } else {
      line([r.kernel, size, r.gpuUsMedian?.toFixed(1) ?? '-', r.gpuUsMin?.toFixed(1) ?? '-', r.uploadMs!.toFixed(2), r.readbackMs!.toFixed(2), ...(baseline ? [speedup] : [])]);
    }
  }
}
if (values.save) {
  writeFileSync(values.save, `${JSON.stringify({ adapter: session.info, date: new Date().toISOString(), rows }, null, 2)}\n`);
  process.stdout.write(`saved: ${values.save}\n`);
}
process.exit(0);
