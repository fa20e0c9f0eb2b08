/**
 * Throughput of parity cases: `npm run bench:sweep -- [kernel] [--runs N] [--repeat R] [--seed S] [--naive] [--rss N]`.
 * - default: cases per second of a kernel's sweep (oracle + GPU + compare),
 *   median of R sweeps, with pipeline and buffer reuse counts;
 * - --naive: the same generated cases through the same kernel code, once with
 *   the harness's reuse and once creating the pipeline and buffers per case,
 *   as hand-written tests do; prints both rates and the ratio;
 * - --rss N: N cases in one process, resident memory at the start, after 100
 *   cases and at the end.
 * A benchmark, not a test.
 */
import fc from 'fast-check';
import { parseArgs } from 'node:util';
import { adapterLine, gpuSession, runCase, sweep, type GpuSession, type Kernel } from '../harness/index.ts';
import { PipelineCache } from '../harness/gpu/pipelines.ts';
import { BufferPool } from '../harness/gpu/pool.ts';
import { KERNELS } from '../kernels/index.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    runs: { type: 'string', default: '500' },
    repeat: { type: 'string', default: '3' },
    seed: { type: 'string', default: '1' },
    naive: { type: 'boolean', default: false },
    rss: { type: 'string' },
  },
});
const name = positionals[0] ?? 'mip_downsample';
const kernel = KERNELS.get(name);
if (!kernel) {
  process.stderr.write(`bench: no kernel ${name}; kernels: ${[...KERNELS.keys()].join(', ')}\n`);
  process.exit(1);
}
const runs = Number(values.runs);
const seed = Number(values.seed);
const session = await gpuSession();
process.stdout.write(`adapter: ${adapterLine(session.info)}\n`);
const mib = () => (process.memoryUsage().rss / 2 ** 20).toFixed(1);

/** Runs the cases one after another; `fresh` gives every case a new pipeline cache and a pool that keeps nothing. */
async function loop(k: Kernel<unknown>, inputs: unknown[], fresh: boolean): Promise<number> {
  const s = session as { -readonly [K in keyof GpuSession]: GpuSession[K] };
  const keep = { pipelines: s.pipelines, pool: s.pool };
  const t = performance.now();
  for (const input of inputs) {
    if (fresh) {
      s.pipelines = new PipelineCache(s.device);
      s.pool = new BufferPool(s.device, 0);
    }
    const r = await runCase(k, input, { twice: false });
    if (!r.pass) throw new Error(`bench: ${k.name} failed during the benchmark: ${r.case}`);
  }
  Object.assign(s, keep);
  return inputs.length / ((performance.now() - t) / 1000);
}

if (values.rss) {
  const n = Number(values.rss);
  const marks = new Set([100, 1000, 2500, 5000, 7500, n]);
  process.stdout.write(`rss at start: ${mib()} MiB\n`);
  const t = performance.now();
  for (let done = 0; done < n; ) {
    // Inputs are drawn 100 at a time and dropped, so nothing but the harness can hold them.
    for (const input of fc.sample(kernel.input, { numRuns: Math.min(100, n - done), seed: seed + done })) {
      const r = await runCase(kernel, input, { twice: false });
      if (!r.pass) throw new Error(`bench: ${kernel.name} failed: ${r.case}`);
      done++;
    }
    if (marks.has(done)) process.stdout.write(`rss after ${done} cases: ${mib()} MiB (pool keeps ${(session.pool.stats.freeBytes / 2 ** 20).toFixed(1)} MiB free)\n`);
  }
  process.stdout.write(`${n} cases in ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
} else if (values.naive) {
  const inputs = fc.sample(kernel.input, { numRuns: runs, seed });
  await loop(kernel, inputs.slice(0, 20), false);
  const reuse = await loop(kernel, inputs, false);
  const naive = await loop(kernel, inputs, true);
  process.stdout.write(`${name}: ${runs} cases — harness ${reuse.toFixed(0)} cases/s, naive (pipeline + buffers per case) ${naive.toFixed(0)} cases/s: ${(reuse / naive).toFixed(2)}x\n`);
} else {
  await sweep(kernel, { runs: 20, seed: seed + 1 });
  const rates: number[] = [];
  for (let i = 0; i < Number(values.repeat); i++) {
    const r = await sweep(kernel, { runs, seed });
    if (!r.pass) throw new Error(`bench: ${name} failed during the benchmark (seed ${seed})`);
    const rate = r.runs / (r.ms / 1000);
    rates.push(rate);
    process.stdout.write(
      `${name}: ${r.runs} cases in ${(r.ms / 1000).toFixed(2)} s = ${rate.toFixed(0)} cases/s ` +
        `(oracle ${(r.oracleMs / r.runs).toFixed(2)} ms/case, GPU incl. upload+readback ${(r.gpuMs / r.runs).toFixed(2)} ms/case)\n`,
    );
  }
  rates.sort((a, b) => a - b);
  const { pipelines, pool } = { pipelines: session.pipelines.stats, pool: session.pool.stats };
  process.stdout.write(
    `median: ${rates[rates.length >> 1]!.toFixed(0)} cases/s over ${rates.length} sweeps of ${runs} cases (seed ${seed})\n` +
      `pipelines: ${pipelines.pipelines} created, ${pipelines.hits} cache hits; buffers: ${pool.created} created, ${pool.reused} reused, ${pool.destroyed} destroyed\n`,
  );
}
process.exit(0);
