/**
 * Judging on worker threads gives exactly the verdicts judging here gives —
 * a planted mismatch included — and is used only where it may be: a kernel
 * its module exports, with inputs that can be cloned.
 */
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { canaryBytes, guardedBytes } from '../../model/canary.ts';
import { copySurface } from '../fixtures/copy-case.ts';
import {
  coldJudgeKernel,
  unwarmedJudgeKernel,
  memoBuilds,
  slowChainedKernel,
  slowJudgeFnKernel,
  slowJudgeKernel,
  slowMemoKernel,
  slowMemoSurface,
  skewedJudgeKernel,
} from '../fixtures/slow-judge-kernel.ts';
import { judgeAll, judgedHereWhy, judgeStats, prepareCases, warmThreads } from './judge-pool.ts';
import { judge, type DeviceOutput, type Judgement } from './judge.ts';
import { texelRanges } from '../../model/surface/surface.ts';
import type { Kernel } from '../kernel/kernel.ts';

beforeEach(() => vi.stubEnv('TWINPATH_WORKERS', '3'));
afterEach(() => vi.unstubAllEnvs());

/** What a correct GPU would read back for case `w`; case 7 comes back with texel (3, 1) wrong. */
function deviceOutput(w: number): DeviceOutput {
  const s = copySurface(w);
  if (w === 7) s.bytes[s.desc.levels[0]!.pitchBytes + 12] = 1;
  const bytes = canaryBytes(guardedBytes(s.desc));
  for (const [a, b] of texelRanges(s.desc, [0])) bytes.set(s.bytes.subarray(a, b), a);
  return {
    backend: 'wgsl',
    outputs: [{ spec: { kind: 'surface', name: 'out', desc: s.desc, ownedLevels: [0] }, bytes }],
  };
}

const batch = <I>(inputs: I[], w: (i: I) => number) => inputs.map((input) => ({ input, out: deviceOutput(w(input)) }));
const verdicts = (js: Judgement[]) => js.map(({ oracleMs: _, judgeMs: _j, judgedOn: _t, ...j }) => j);

async function judgedTwice<I>(k: Kernel<I>, cases: Array<{ input: I; out: DeviceOutput }>) {
  // As a sweep does at its start: until the threads have loaded the kernel's module, its cases are judged here.
  await warmThreads(k);
  const before = { ...judgeStats };
  const first = await judgeAll(k, cases);
  const second = await judgeAll(k, cases);
  const third = await judgeAll(k, cases);
  return { first, second, third, threads: judgeStats.threads - before.threads };
}

test('a slow kernel is judged on the threads, with the same verdicts every time', async () => {
  const cases = batch([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], (w) => w);
  const { first, second, third, threads } = await judgedTwice(slowJudgeKernel, cases);
  expect(threads).toBeGreaterThan(0);
  expect(verdicts(second)).toEqual(verdicts(first));
  expect(verdicts(third)).toEqual(verdicts(first));
  expect(first.map((j) => j.outcome)).toEqual([
    'pass',
    'pass',
    'pass',
    'pass',
    'pass',
    'pass',
    'mismatch',
    'pass',
    'pass',
    'pass',
    'pass',
    'pass',
  ]);
  expect(second[6]!.comparison!.first[0]).toMatchObject({
    level: 0,
    x: 3,
    y: 1,
    channel: 'r',
    expected: 51,
    actual: 1,
  });
});

test('a copy of a kernel (not the object its module exports) is judged here', async () => {
  const copy = { ...slowJudgeKernel };
  const { first, third, threads } = await judgedTwice(
    copy,
    batch([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], (w) => w),
  );
  expect(threads).toBe(0);
  expect(verdicts(third)).toEqual(verdicts(first));
});

test('inputs that cannot be cloned to a thread are judged here', async () => {
  const { first, third, threads } = await judgedTwice(
    slowJudgeFnKernel,
    batch(
      [1, 2, 3, 4, 5, 6, 7, 8].map((w) => ({ w, f: () => w })),
      (c) => c.w,
    ),
  );
  expect(threads).toBe(0);
  expect(verdicts(third)).toEqual(verdicts(first));
  expect(first[6]!.outcome).toBe('mismatch');
});

test('a prepared batch is judged where its oracles ran, with the verdicts of judging here, its surfaces built there', async () => {
  const inputs = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((w) => ({ w }));
  await warmThreads(slowMemoKernel);
  const prepared = await prepareCases(slowMemoKernel, inputs);
  expect(prepared).toBeDefined();
  await prepared!.ready;
  const builtHere = memoBuilds.count;
  // The device half's thread takes the surfaces the threads built (this thread's own share it builds itself).
  const surfaces = inputs.map((c) => slowMemoSurface(c));
  expect(memoBuilds.count - builtHere).toBeLessThan(inputs.length / 2);
  expect(surfaces[6]!.bytes).toEqual(copySurface(7).bytes);
  const before = { ...judgeStats };
  const cases = inputs.map((c, index) => ({ index, out: deviceOutput(c.w) }));
  const judged = await prepared!.judge(cases);
  expect(judgeStats.threads - before.threads).toBeGreaterThan(0);
  const here = inputs.map((c) => judge(slowMemoKernel, c, deviceOutput(c.w)));
  expect(verdicts(judged)).toEqual(verdicts(here));
  expect(judged.map((j) => j.outcome).indexOf('mismatch')).toBe(6);
});

test('a case without output is left out of a prepared batch, and an oracle that reads the device is not prepared', async () => {
  const inputs = [3, 7, 5].map((w) => ({ w }));
  await warmThreads(slowMemoKernel);
  const prepared = (await prepareCases(slowMemoKernel, inputs))!;
  const judged = await prepared.judge([0, 2].map((index) => ({ index, out: deviceOutput(inputs[index]!.w) })));
  expect(judged.map((j) => j.outcome)).toEqual(['pass', 'pass']);
  expect(await prepareCases(slowChainedKernel, [1, 2, 3])).toBeUndefined();
});

test('with three worker threads or more an oracle that reads the device is prepared too, and judged there alone', async () => {
  vi.stubEnv('TWINPATH_WORKERS', '5');
  const inputs = [2, 7, 4, 9, 5, 6, 3, 8];
  await warmThreads(slowChainedKernel);
  const prepared = (await prepareCases(slowChainedKernel, inputs))!;
  expect(prepared).toBeDefined();
  await prepared.ready;
  const before = { ...judgeStats };
  const judged = await prepared.judge(inputs.map((w, index) => ({ index, out: deviceOutput(w) })));
  expect(judgeStats.here - before.here).toBe(0);
  expect(judgeStats.threads - before.threads).toBe(inputs.length);
  const here = inputs.map((w) => judge(slowChainedKernel, w, deviceOutput(w)));
  expect(verdicts(judged)).toEqual(verdicts(here));
  expect(judged[1]!.outcome).toBe('mismatch');
});

test('beside two worker threads or more this thread judges nothing; beside one it judges a share', async () => {
  const cases = batch([1, 2, 3, 4, 5, 6, 7, 8], (w) => w);
  await warmThreads(slowJudgeKernel);
  const sharedBy = async (workers: string) => {
    vi.stubEnv('TWINPATH_WORKERS', workers);
    const before = { ...judgeStats };
    const judged = await judgeAll(slowJudgeKernel, cases);
    expect(judged.map((j) => j.outcome).indexOf('mismatch')).toBe(6);
    return judgeStats.here - before.here;
  };
  expect(await sharedBy('3')).toBe(0);
  expect(await sharedBy('2')).toBe(4);
});

test('the threads free first take the jobs left: the thread held up by one large case judges few of the rest', async () => {
  vi.stubEnv('TWINPATH_WORKERS', '4');
  const inputs = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 2];
  await warmThreads(skewedJudgeKernel);
  const prepared = (await prepareCases(skewedJudgeKernel, inputs))!;
  await prepared.ready;
  const judged = await prepared.judge(inputs.map((w, index) => ({ index, out: deviceOutput(w) })));
  const slowThread = judged[0]!.judgedOn;
  // Jobs of 2 cases: the large case's thread holds its job and the next; the other two threads take the other 10.
  expect(judged.filter((j) => j.judgedOn === slowThread).length).toBeLessThanOrEqual(4);
  expect(judged.map((j) => j.outcome).filter((o) => o === 'mismatch')).toHaveLength(2);
});

test('why a kernel is judged on the sweep thread only: no module, another object than its module exports; none with one thread', async () => {
  const { module: _m, ...noModule } = slowJudgeKernel;
  expect(await judgedHereWhy(noModule)).toBe('its definition names no module (add module: import.meta.url)');
  expect(await judgedHereWhy({ ...slowJudgeKernel })).toMatch(
    /^its module file:.*slow-judge-kernel\.ts does not export this kernel object$/,
  );
  expect(await judgedHereWhy(slowJudgeKernel)).toBeUndefined();
  // Eligible, but its threads never loaded its module: not worth starting (cheap batches), or still loading.
  expect(await judgedHereWhy(unwarmedJudgeKernel)).toMatch(
    /^(every batch judged here took under 20 ms: with 2-3 threads the others start only for more|the judge threads were still loading its module when the sweep ended)$/,
  );
  vi.stubEnv('TWINPATH_WORKERS', '1');
  expect(await judgedHereWhy(noModule)).toBeUndefined();
});

test('until the threads have loaded its module a kernel is judged here: a sweep never waits for them to start', async () => {
  expect(await prepareCases(coldJudgeKernel, [1, 2, 3])).toBeUndefined();
  await warmThreads(coldJudgeKernel);
  expect(await prepareCases(coldJudgeKernel, [1, 2, 3])).toBeDefined();
});
