/**
 * Throughput of a parity sweep: cases per second of a kernel's sweep on the
 * current adapter, oracle and GPU time per case, pipeline and buffer reuse.
 * A benchmark, not a test: `npm run bench -- [kernel] [--runs N] [--repeat R] [--seed S]`.
 */
import { parseArgs } from 'node:util';
import { adapterLine, gpuSession } from '../harness/index.ts';
import { SWEEPS } from '../kernels/index.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { runs: { type: 'string', default: '500' }, repeat: { type: 'string', default: '3' }, seed: { type: 'string', default: '1' } },
});
const name = positionals[0] ?? 'mip_downsample';
const sweep = SWEEPS.get(name);
if (!sweep) {
  process.stderr.write(`bench: no kernel ${name}; kernels: ${[...SWEEPS.keys()].join(', ')}\n`);
  process.exit(1);
}
const runs = Number(values.runs);
const seed = Number(values.seed);
const session = await gpuSession();
process.stdout.write(`adapter: ${adapterLine(session.info)}\n`);
await sweep({ runs: 20, seed: seed + 1 });

const rates: number[] = [];
for (let i = 0; i < Number(values.repeat); i++) {
  const r = await sweep({ runs, seed });
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
process.exit(0);
