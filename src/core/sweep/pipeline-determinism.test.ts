/**
 * The pipelined engine changes no result: one seed swept at --workers 1, 2,
 * all the cores and 4 (where the sweep's thread judges nothing and an oracle
 * that reads the device has its surfaces built ahead) gives the same
 * results.json, timings stripped — the same
 * cases, verdicts, worst errors, shrunk case and failure report. A planted
 * impure oracle (judged differently on a worker thread) shows the comparison
 * catches results that depend on the worker count.
 */
import { readFileSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, expect, test, vi } from 'vitest';
import type { Kernel } from '../kernel/kernel.ts';
import pyramidBlur from '../../../kernels/pyramid_blur/kernel.ts';
import mipDownsample from '../../../kernels/mip_downsample/kernel.ts';
import generateMips from '../../../kernels/generate_mips/kernel.ts';
import * as planted from '../../fixtures/kernels/planted-kernels.ts';
import { resultsFile } from '../../reports/run/results-json.ts';
import { sweepRow } from '../../reports/run/summary-table.ts';
import { writeReport } from '../../reports/run/write-report.ts';
import { threadDependentBlur } from './fixtures/thread-dependent-kernel.ts';
import { sweep } from './sweep.ts';
import { warmThreads } from '../judge/judge-pool.ts';

afterEach(() => vi.unstubAllEnvs());

/** Keys whose values are times (or the run's identity and dates): what may differ between two runs of one seed. */
const TIMINGS = new Set(['ms', 'oracleMs', 'gpuMs', 'gpuNs', 'uploadMs', 'readbackMs', 'timing', 'profile', 'updated']);

function stripTimings(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(stripTimings);
  if (typeof v !== 'object' || v === null) return v;
  return Object.fromEntries(
    Object.entries(v)
      .filter(([k]) => !TIMINGS.has(k))
      .map(([k, x]) => [k, stripTimings(x)]),
  );
}

/** results.json, timings stripped, of `kernels` swept at seed 7 with `workers` threads judging. */
async function resultsAt(workers: number, kernels: ReadonlyArray<readonly [Kernel<unknown>, number]>) {
  const dir = resolve(`twinpath-report/pipeline-determinism/workers-${workers}`);
  rmSync(dir, { recursive: true, force: true });
  vi.stubEnv('TWINPATH_WORKERS', String(workers));
  vi.stubEnv('TWINPATH_REPORT', dir);
  const rows = [];
  for (const [k, runs] of kernels) rows.push(sweepRow(await sweep(k, { runs, seed: 7 })));
  const totals = { passed: 0, failed: 0, skipped: 0 };
  writeReport(dir, resultsFile({ runId: 'determinism', status: 'finished', date: '-', totals, sweeps: rows }));
  return stripTimings(JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')));
}

// generate_mips's oracle takes the device's output: with 3 worker threads or more its surfaces are built ahead.
const KERNELS = [
  [pyramidBlur, 96],
  [mipDownsample, 100],
  [generateMips, 64],
  [planted.roundsInsteadOfTruncating.kernel, 100],
] as ReadonlyArray<readonly [Kernel<unknown>, number]>;

test('one seed at --workers 1, 2, all the cores, the default and 4: the same results.json, timings aside', async () => {
  const one = await resultsAt(1, KERNELS);
  const sweeps = (one as { sweeps: Array<{ verdict: { status: string }; sweep: { runs: number } }> }).sweeps;
  expect(sweeps.map((s) => [s.verdict.status, s.sweep.runs > 0])).toEqual([
    ['pass', true],
    ['pass', true],
    ['pass', true],
    ['fail', true],
  ]);
  // 2, every core, the default (a worker thread per core beside the sweep's) and 4.
  for (const workers of new Set([2, availableParallelism(), availableParallelism() + 1, 4]))
    expect(await resultsAt(workers, KERNELS), `--workers ${workers}`).toEqual(one);
}, 240_000);

test('the comparison catches a planted oracle that judges differently on a worker thread', async () => {
  const blur = [[threadDependentBlur as Kernel<unknown>, 96]] as const;
  const one = (await resultsAt(1, blur)) as { sweeps: Array<{ verdict: { status: string } }> };
  // A sweep judges here until the threads have loaded the kernel's module: have them load it first.
  vi.stubEnv('TWINPATH_WORKERS', '2');
  await warmThreads(threadDependentBlur as Kernel<unknown>);
  const two = (await resultsAt(2, blur)) as { sweeps: Array<{ verdict: { status: string } }> };
  expect(one.sweeps[0]!.verdict.status).toBe('pass');
  expect(two.sweeps[0]!.verdict.status).toBe('fail');
  expect(two).not.toEqual(one);
}, 240_000);
