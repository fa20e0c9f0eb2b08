/**
 * Soak: many cases in one process, through the same sweeps `twinpath run`
 * makes (fast-check, batched submissions, judge threads, shrinking machinery),
 * with resident memory measured after a warm-up and at the end. A script
 * figure, not a timed test:
 * `npm run soak -- [kernel...] [--cases 20000] [--sweep 500] [--warm-up 2000] [--limit-mib 50]`.
 * Sweeps of `--sweep` cases take the kernels in turn (default im2col and
 * texel_address), each with its own seed. Exits 1 when resident memory grew by
 * more than the limit after the warm-up:
 * `soak: resident memory grew 61.2 MiB after the warm-up (limit 50 MiB): a leak`.
 */
import { parseArgs } from 'node:util';
import { adapterLine, gpuSession, sweep } from '../src/index.ts';
import { KERNELS } from '../kernels/index.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    cases: { type: 'string', default: '20000' },
    sweep: { type: 'string', default: '500' },
    'warm-up': { type: 'string', default: '2000' },
    'limit-mib': { type: 'string', default: '50' },
  },
});
const positive = (name: string, v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) {
    process.stderr.write(`soak: --${name} must be a positive whole number, not ${JSON.stringify(v)}\n`);
    process.exit(2);
  }
  return n;
};
const total = positive('cases', values.cases);
const perSweep = positive('sweep', values.sweep);
const warmUp = positive('warm-up', values['warm-up']);
const limit = positive('limit-mib', values['limit-mib']);
const names = positionals.length ? positionals : ['im2col', 'texel_address'];
const unknown = names.filter((n) => !KERNELS.has(n));
if (unknown.length) {
  process.stderr.write(`soak: no kernel ${unknown.join(', ')}; kernels: ${[...KERNELS.keys()].join(', ')}\n`);
  process.exit(2);
}
if (warmUp >= total) {
  process.stderr.write(`soak: --warm-up (${warmUp}) must be below --cases (${total})\n`);
  process.exit(2);
}
const kernels = names.map((n) => KERNELS.get(n)!);

/** Resident MiB, after a full collection where node was started with --expose-gc (npm run soak does). */
function residentMib(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().rss / 2 ** 20;
}

process.stdout.write(`adapter: ${adapterLine((await gpuSession()).info)}\n`);
process.stdout.write(
  `soak: ${total} cases of ${names.join(', ')} in sweeps of ${perSweep}, warm-up ${warmUp}` +
    `${(globalThis as { gc?: unknown }).gc ? '' : ' (no --expose-gc: RSS without a full collection)'}\n`,
);
const started = performance.now();
let warm: number | undefined;
let peak = 0;
let done = 0;
for (let i = 0; done < total; i++) {
  const k = kernels[i % kernels.length]!;
  const runs = Math.min(perSweep, total - done);
  const r = await sweep(k, { runs, seed: 1000 + i });
  if (!r.pass) {
    process.stderr.write(`soak: ${k.name} failed (seed ${r.seed}): ${r.failure?.result.case ?? ''}\n`);
    process.exit(1);
  }
  done += runs;
  const rss = residentMib();
  peak = Math.max(peak, rss);
  if (warm === undefined && done >= warmUp) warm = rss;
  if (warm !== undefined && (done === total || Math.floor(done / 5000) !== Math.floor((done - runs) / 5000))) {
    process.stdout.write(
      `rss after ${done} cases: ${rss.toFixed(1)} MiB ` +
        `(${rss - warm >= 0 ? '+' : ''}${(rss - warm).toFixed(1)} since the warm-up)\n`,
    );
  }
}
const end = residentMib();
const growth = end - warm!;
const seconds = (performance.now() - started) / 1000;
process.stdout.write(
  `soak: ${total} cases in ${seconds.toFixed(0)} s (${(total / seconds).toFixed(0)} cases/s); ` +
    `rss ${warm!.toFixed(1)} MiB after ${warmUp} cases, ${end.toFixed(1)} MiB at the end, peak ${peak.toFixed(1)} MiB: ` +
    `grew ${growth.toFixed(1)} MiB (limit ${limit} MiB)\n`,
);
if (growth > limit) {
  process.stderr.write(
    `soak: resident memory grew ${growth.toFixed(1)} MiB after the warm-up (limit ${limit} MiB): a leak\n`,
  );
  process.exit(1);
}
process.exit(0);
