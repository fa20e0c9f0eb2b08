/**
 * A CUDA launch that never finishes is the case's `timeout`, found by polling
 * the stream against the case deadline, and the CUDA context is given up:
 * the next sweep in this process counts CUDA unavailable with the reason,
 * never a pass. Needs a real GPU: where CUDA cannot run, the sweep is
 * asserted unavailable and the test skipped with the reason.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { renderSweepFailure, runConfig, sweep } from '../../index.ts';
import im2colKernel from '../../../kernels/im2col/kernel.ts';
import { im2colHangs } from '../../fixtures/kernels/planted-native.ts';

const DEADLINE_MS = '1500';
let before: string | undefined;

beforeAll(() => {
  process.env.TWINPATH_REPORT = join(runConfig().reportDir, 'planted-sweeps');
  before = process.env.TWINPATH_CASE_DEADLINE_MS;
  process.env.TWINPATH_CASE_DEADLINE_MS = DEADLINE_MS;
});
afterAll(() => {
  if (before === undefined) delete process.env.TWINPATH_CASE_DEADLINE_MS;
  else process.env.TWINPATH_CASE_DEADLINE_MS = before;
});

test(`planted: ${im2colHangs.bug} — a timeout, then CUDA unavailable for the rest of the process`, async (ctx) => {
  const r = await sweep(im2colHangs.kernel, { backend: 'cuda', runs: 20 });
  if (r.unavailable) {
    expect(r.pass).toBe(false);
    ctx.skip(`unavailable: ${r.unavailable}`);
  }
  const text = renderSweepFailure(r);
  console.log(`planted native bug [cuda]: ${im2colHangs.bug}\n${text}\n`);
  expect(r.pass).toBe(false);
  expect(r.failure!.result.outcome).toBe('timeout');
  // The failure is a case that really hung, never one that could not run after the context was lost.
  expect(r.failure!.result.notRun).toBeUndefined();
  expect((r.failure!.input as { npsX: number }).npsX).toBeGreaterThanOrEqual(2);
  expect(text).toMatch(
    new RegExp(`did not finish within ${DEADLINE_MS} ms \\(TWINPATH_CASE_DEADLINE_MS\\); the CUDA context is lost`),
  );
  const next = await sweep(im2colKernel, { backend: 'cuda', runs: 5 });
  expect(next.pass).toBe(false);
  expect(next.unavailable).toMatch(/CUDA context is lost/);
}, 120_000);
