/**
 * Adding a backend is one folder and one registry line: the echo backend
 * (fixtures/echo/) is registered here, and a kernel implemented on it alone
 * sweeps and passes like any other; a planted wrong implementation fails as a
 * mismatch, shrunk.
 */
import { expect, test } from 'vitest';
import { kernelBackends, registerBackend } from './registry.ts';
import { renderSweepFailure, sweep } from '../core/sweep/sweep.ts';
import { echoScale, echoScaleOff } from './fixtures/echo/kernels.ts';

registerBackend('echo', async () => (await import('./fixtures/echo/backend.ts')).echoBackend);

test('a kernel implemented on the echo backend alone sweeps there and passes', async () => {
  expect(kernelBackends(echoScale)).toEqual(['echo']);
  const r = await sweep(echoScale, { backend: 'echo', runs: 50, seed: 7 });
  console.log(renderSweepFailure(r));
  expect(r).toMatchObject({ kernel: 'echo_scale', backend: 'echo', pass: true, runs: 50 });
  expect(r.adapter.description).toBe('TypeScript (the echo backend)');
  expect(r.timing.source).toBe('wall time of the TypeScript implementation');
});

test('planted: a wrong echo implementation fails as a mismatch, shrunk to three values', async () => {
  const r = await sweep(echoScaleOff, { backend: 'echo', runs: 50, seed: 7 });
  const text = renderSweepFailure(r);
  console.log(text);
  expect(r.pass).toBe(false);
  expect(r.failure?.result.outcome).toBe('mismatch');
  expect(r.failure?.result.case).toBe('3 values [0, 0, 0]');
  expect(text).toMatch(/^echo_scale_off \[echo\] failed after \d+ cases? /);
  expect(text).toContain("replay: npx twinpath run echo_scale_off --backend echo --seed 7 --path '");
});
