/**
 * Judging on worker threads gives exactly the verdicts judging here gives —
 * a planted mismatch included — and is used only where it may be: a kernel
 * its module exports, with inputs that can be cloned.
 */
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { canaryBytes, guardedBytes } from '../../model/canary.ts';
import { copySurface } from '../fixtures/copy-case.ts';
import { slowJudgeFnKernel, slowJudgeKernel } from '../fixtures/slow-judge-kernel.ts';
import { judgeAll, judgeStats } from './judge-pool.ts';
import type { DeviceOutput, Judgement } from './judge.ts';
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
  const before = { ...judgeStats };
  const first = await judgeAll(k, cases);
  const second = await judgeAll(k, cases);
  const third = await judgeAll(k, cases);
  return { first, second, third, threads: judgeStats.threads - before.threads };
}

test('a slow kernel is measured here, then judged on the threads, with the same verdicts', async () => {
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
