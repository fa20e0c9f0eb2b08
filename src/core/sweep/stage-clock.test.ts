/**
 * A profiled sweep (TWINPATH_PROFILE=1) says where its time went, and its
 * numbers add up (fixtures/profile-checks.ts): on a passing sweep, on a
 * failing one (shrinking and the failure's report counted), and the checks
 * catch a profile that double counts a stage.
 */
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import type { Kernel } from '../kernel/kernel.ts';
import mipDownsample from '../../../kernels/mip_downsample/kernel.ts';
import * as planted from '../../fixtures/kernels/planted-kernels.ts';
import { profileProblems } from './fixtures/profile-checks.ts';
import { STAGES, StageClock, runProfile } from './stage-clock.ts';
import { sweep } from './sweep.ts';

beforeEach(() => {
  vi.stubEnv('TWINPATH_PROFILE', '1');
  vi.stubEnv('TWINPATH_WORKERS', '1');
  vi.stubEnv('TWINPATH_REPORT', '/tmp/twinpath-stage-clock-report');
});
afterEach(() => vi.unstubAllEnvs());

test("a passing sweep's profile adds up: every case timed, the device's time from its timestamps", async () => {
  const r = await sweep(mipDownsample as Kernel<unknown>, { runs: 40, seed: 5 });
  const p = r.profile!;
  expect(profileProblems(p)).toEqual([]);
  expect(p.cases).toBe(40);
  expect(p.workers).toBe(1);
  for (const s of ['compile', 'generate', 'encode', 'readback', 'oracle', 'judge'] as const)
    expect(p.stages[s]).toBeGreaterThan(0);
  expect(p.otherMs).toBeGreaterThanOrEqual(0);
  expect(p.stages.shrink).toBe(0);
  expect(p.gpuBusySource).toBe(r.timing.source);
  expect(p.floorRatio).toBeGreaterThan(1);
}, 60_000);

test('a failing sweep counts its shrinking and its report, and still adds up', async () => {
  const r = await sweep(planted.roundsInsteadOfTruncating.kernel as Kernel<unknown>, { runs: 100, seed: 1 });
  expect(r.pass).toBe(false);
  const p = r.profile!;
  expect(profileProblems(p)).toEqual([]);
  expect(p.stages.shrink).toBeGreaterThan(0);
  expect(p.stages.report).toBeGreaterThan(0);
  expect(p.cases).toBe(r.runs);
}, 60_000);

test('without TWINPATH_PROFILE a sweep keeps no profile', async () => {
  vi.stubEnv('TWINPATH_PROFILE', '');
  expect((await sweep(mipDownsample as Kernel<unknown>, { runs: 2, seed: 5 })).profile).toBeUndefined();
}, 60_000);

test("the checks catch a planted profile: a stage counted twice, other not the rest, a floor not the issue's", async () => {
  const r = await sweep(mipDownsample as Kernel<unknown>, { runs: 8, seed: 5 });
  const p = r.profile!;
  const doubled = { ...p, stages: { ...p.stages, encode: p.wallMs }, floorMs: p.floorMs * 2 };
  expect(profileProblems(doubled).map((m) => m.replace(/-?\d+(\.\d+)?/g, 'N'))).toEqual([
    'stages sum to N ms, past the wall time N ms',
    'other N ms is not the wall time less the stages N ms',
    'the floor N ms is not max(gpu, cpu work / cores) N ms',
    "the floor ratio N is not the cases' phase over the floor",
  ]);
}, 60_000);

test("a run's profile sums its sweeps' over the run's wall time, the report's writing in the report stage, the time outside sweeps in other; a sweep that ran no case names no GPU time source", () => {
  const stages = Object.fromEntries(STAGES.map((s) => [s, 10])) as Record<(typeof STAGES)[number], number>;
  const one = {
    wallMs: 100,
    casesMs: 80,
    cases: 32,
    casesCpuMs: 100,
    stages,
    otherMs: 4,
    cpuMs: 120,
    cpuUtilisation: 0.6,
    threadBusy: 0.5,
    cores: 2,
    workers: 2,
    gpuBusySource: 'timestamp queries',
    floorMs: 15,
    floorRatio: 80 / 15,
  };
  const notRun = { ...one, cases: 0, casesMs: 0, gpuBusySource: 'not run' };
  const run = runProfile([one, { ...one, gpuBusySource: 'CUDA events', threadBusy: 1, wallMs: 200 }, notRun], 550, 5);
  expect(run).toMatchObject({
    sweeps: 3,
    cases: 64,
    casesMs: 160,
    casesCpuMs: 300,
    cpuMs: 360,
    floorMs: 45,
    wallMs: 550,
  });
  expect(run).toMatchObject({ sweepsMs: 400, outsideSweepsMs: 150, otherMs: 3 * 4 + 150 - 5 });
  expect(run.stages).toMatchObject({ compile: 30, generate: 30, gpu: 30, report: 35 });
  expect(run.cpuUtilisation).toBeCloseTo(360 / (550 * 2), 12);
  // The thread's busy shares weighted by wall time: 100 ms at 50%, 200 ms at 100%, 100 ms at 50%.
  expect(run.threadBusy).toBeCloseTo((50 + 200 + 50) / 400, 12);
  // The run's wall over its floors, not its cases' phase: 12.2x, where each sweep is 5.3x.
  expect(run.floorRatio).toBeCloseTo(550 / 45, 12);
  expect(run.gpuBusySources).toEqual(['timestamp queries', 'CUDA events']);
});

test("stage times past the process's CPU time (threads waiting for a core) do not raise the floor above the wall", () => {
  const clock = new StageClock();
  clock.casesStart();
  // A second of oracle wall time on worker threads that hardly ran: they waited for a core.
  clock.add('oracle', 1000, false);
  clock.casesDone(1, 600);
  const p = clock.profile('timestamp queries', 3, 2);
  expect(p.floorMs).toBe(p.casesCpuMs / 2);
  expect(p.floorRatio).toBeGreaterThan(1);
  // The checks catch a floor above the wall (the stage sum taken as it was).
  const above = { ...p, floorMs: 500, floorRatio: 600 / 1000 };
  expect(profileProblems(above).map((m) => m.replace(/-?\d+(\.\d+)?/g, 'N'))).toContain(
    'the floor ratio N is under N: a floor above the wall',
  );
});

test('a device that gives no kernel time: gpu is the submit-to-readback wall time, and the profile says so', () => {
  const produced = { outputs: [], inputs: [], protection: {}, uploadMs: 2, readbackMs: 7 };
  const timed = new StageClock();
  timed.addDeviceRuns([{ ...produced, gpuNs: 3e6 }]);
  expect(timed.profile('CUDA events around each launch', 1, 2)).toMatchObject({
    gpuBusySource: 'CUDA events around each launch',
    stages: { gpu: 3, encode: 2 },
  });
  const untimed = new StageClock();
  untimed.addDeviceRuns([{ ...produced, gpuNs: 3e6 }, produced, { outcome: 'gpu-error', error: 'x' }]);
  expect(untimed.profile('no timestamp queries: the adapter lacks timestamp-query', 1, 2)).toMatchObject({
    gpuBusySource: 'submit-to-readback wall time (the device gave no kernel time)',
    stages: { gpu: 10, encode: 4 },
  });
});
