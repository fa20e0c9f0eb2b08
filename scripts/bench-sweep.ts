/**
 * Throughput of parity cases (oracle + GPU + comparison), a benchmark, not a test:
 * `npm run bench:sweep -- [kernel...] [--runs N] [--seed S] [--naive] [--sanitize] [--rss N]`.
 * - no kernel named: the standard mixed sweep, every kernel of the
 *   repository, N generated cases each (default 100, seed 1);
 * - default: each kernel's sweep as `twinpath run` does it (fast-check,
 *   cases batched into queue submissions, pipelines and buffers reused);
 *   cases per second per kernel and over the mix, then each sweep's profile
 *   (time per stage, CPU use, distance from the floor: stage-clock.ts);
 * - --naive: beside it, the same generated cases through the same kernel
 *   code the way hand-written tests go: one case per submission, a new
 *   shader module, pipeline and buffers for every case; both rates and the ratio;
 * - --sanitize: beside it, the same sweep with every case bounds-checked
 *   (TWINPATH_SANITIZE=memcheck, the WGSL bounds check), the two timed in
 *   turn, best of two each; both rates and the ratio;
 * - --rss N: N cases of the first kernel in one process, resident memory at
 *   the start, along the way and at the end.
 */
import fc from 'fast-check';
import { parseArgs } from 'node:util';
import {
  adapterLine,
  gpuSession,
  runCase,
  runCases,
  sweep,
  type GpuSession,
  type Kernel,
  type SweepResult,
} from '../src/index.ts';
import { runProfile } from '../src/core/sweep/stage-clock.ts';
import { renderProfileTable } from '../src/reports/run/profile-table.ts';
import { sweepRow } from '../src/reports/run/summary-table.ts';
import { PipelineCache } from '../src/backends/wgsl/pipelines.ts';
import { BufferPool } from '../src/backends/wgsl/pool.ts';
import { KERNELS } from '../kernels/index.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    runs: { type: 'string', default: '100' },
    seed: { type: 'string', default: '1' },
    naive: { type: 'boolean', default: false },
    sanitize: { type: 'boolean', default: false },
    rss: { type: 'string' },
  },
});
const unknown = positionals.filter((n) => !KERNELS.has(n));
if (unknown.length) {
  process.stderr.write(`bench: no kernel ${unknown.join(', ')}; kernels: ${[...KERNELS.keys()].join(', ')}\n`);
  process.exit(1);
}
const kernels = positionals.length ? positionals.map((n) => KERNELS.get(n)!) : [...KERNELS.values()];
const runs = Number(values.runs);
const seed = Number(values.seed);
// Throughput of one run per case: the determinism rerun (on in CI) would halve both sides alike.
process.env.TWINPATH_DETERMINISM = '0';
process.env.TWINPATH_PROFILE = '1';
const session = await gpuSession();
process.stdout.write(`adapter: ${adapterLine(session.info)}\n`);
const mib = () => (process.memoryUsage().rss / 2 ** 20).toFixed(1);

/** Seconds the naive loop takes: every case alone in its submission, with a new pipeline cache (so a new shader module and pipeline) and a pool that keeps no buffer. */
async function naive(k: Kernel<unknown>, inputs: readonly unknown[]): Promise<number> {
  const s = session as { -readonly [K in keyof GpuSession]: GpuSession[K] };
  const keep = { pipelines: s.pipelines, pool: s.pool };
  const t = performance.now();
  for (const input of inputs) {
    s.pipelines = new PipelineCache(s.device);
    s.pool = new BufferPool(s.device, 0);
    const r = await runCase(k, input);
    if (!r.pass) throw new Error(`bench: ${k.name} failed in the naive loop: ${r.case}`);
  }
  Object.assign(s, keep);
  return (performance.now() - t) / 1000;
}

const swept: SweepResult[] = [];

/** Seconds the harness takes for the kernel's sweep of `runs` cases at `seed`. */
async function harness(k: Kernel<unknown>): Promise<number> {
  const r = await sweep(k, { runs, seed });
  if (!r.pass) throw new Error(`bench: ${k.name} failed during the benchmark (seed ${seed})`);
  swept.push(r);
  return r.ms / 1000;
}

/** Runs `body` with every case bounds-checked (TWINPATH_SANITIZE=memcheck). */
async function boundsChecked<T>(body: () => Promise<T>): Promise<T> {
  process.env.TWINPATH_SANITIZE = 'memcheck';
  try {
    return await body();
  } finally {
    delete process.env.TWINPATH_SANITIZE;
  }
}

if (values.rss) {
  const k = kernels[0]!;
  const n = Number(values.rss);
  const marks = new Set([100, 1000, 2500, 5000, 7500, n]);
  process.stdout.write(`rss at start: ${mib()} MiB\n`);
  const t = performance.now();
  for (let done = 0; done < n;) {
    // Inputs are drawn 100 at a time and dropped, so nothing but the harness can hold them.
    const inputs = fc.sample(k.input, { numRuns: Math.min(100, n - done), seed: seed + done });
    for (const r of await runCases(k, inputs)) if (!r.pass) throw new Error(`bench: ${k.name} failed: ${r.case}`);
    done += inputs.length;
    if (marks.has(done))
      process.stdout.write(
        `rss after ${done} cases: ${mib()} MiB (pool keeps ${(session.pool.stats.freeBytes / 2 ** 20).toFixed(1)} MiB free)\n`,
      );
  }
  process.stdout.write(`${n} cases of ${k.name} in ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
  process.exit(0);
}

// Warm-up outside the measurement: each kernel's pipelines and buffers, and two batches of its oracles (here, then with the worker threads started).
for (const k of kernels) {
  await sweep(k, { runs: 64, seed: seed + 1 });
  if (values.sanitize) await boundsChecked(() => sweep(k, { runs: 64, seed: seed + 1 }));
}
const rows: string[][] = [
  [
    'kernel',
    'cases',
    'harness cases/s',
    ...(values.naive ? ['naive cases/s', 'ratio'] : []),
    ...(values.sanitize ? ['bounds-checked cases/s', 'ratio'] : []),
  ],
];
/** A rate's column and its ratio to the harness's: `seconds` for the cases at the harness's `h`. */
const compared = (cases: number, seconds: number, h: number) => [
  (cases / seconds).toFixed(0),
  `${(h ? seconds / h : 0).toFixed(2)}x`,
];
let total = { cases: 0, harness: 0, naive: 0, sanitized: 0 };
for (const k of kernels) {
  let h = await harness(k);
  // fast-check's sample draws the same cases a check with this seed runs.
  const n = values.naive ? await naive(k, fc.sample(k.input, { numRuns: runs, seed })) : 0;
  let b = 0;
  if (values.sanitize) {
    // Interleaved and the best of two each, so neither side gains from running later on a shared machine.
    b = await boundsChecked(() => harness(k));
    h = Math.min(h, await harness(k));
    b = Math.min(b, await boundsChecked(() => harness(k)));
  }
  total = {
    cases: total.cases + runs,
    harness: total.harness + h,
    naive: total.naive + n,
    sanitized: total.sanitized + b,
  };
  rows.push([
    k.name,
    String(runs),
    (runs / h).toFixed(0),
    ...(values.naive ? compared(runs, n, h) : []),
    ...(values.sanitize ? compared(runs, b, h) : []),
  ]);
}
rows.push([
  kernels.length > 1 ? `mix of ${kernels.length}` : 'all',
  String(total.cases),
  (total.cases / total.harness).toFixed(0),
  ...(values.naive ? compared(total.cases, total.naive, total.harness) : []),
  ...(values.sanitize ? compared(total.cases, total.sanitized, total.harness) : []),
]);
const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
for (const r of rows)
  process.stdout.write(`${r.map((v, c) => (c ? v.padStart(widths[c]!) : v.padEnd(widths[c]!))).join('  ')}\n`);
const profiles = swept.flatMap((r) => (r.profile ? [r.profile] : []));
process.stdout.write(
  `${renderProfileTable(
    swept.map((r) => sweepRow(r)),
    runProfile(profiles, total.harness * 1000, 0),
  )}\n`,
);
const { pipelines, pool } = { pipelines: session.pipelines.stats, pool: session.pool.stats };
process.stdout.write(
  `seed ${seed}; harness: pipelines ${pipelines.pipelines} created, ${pipelines.hits} cache hits; buffers ${pool.created} created, ${pool.reused} reused, ${pool.destroyed} destroyed\n`,
);
process.exit(0);
