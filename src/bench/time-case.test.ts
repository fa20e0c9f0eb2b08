/**
 * A backend without a timer is an `unsupported` row, never a figure taken some other way (the echo backend,
 * registered here, has none); a case that fails is the row's error.
 */
import { expect, test } from 'vitest';
import { registerBackend } from '../backends/registry.ts';
import { echoScale } from '../backends/fixtures/echo/kernels.ts';
import { timeCase } from './time-case.ts';
import { DEFAULT_STOP } from './timing/measure.ts';

registerBackend('echo', async () => (await import('../backends/fixtures/echo/backend.ts')).echoBackend);

test('a backend without a timer: unsupported, saying so', async () => {
  expect(await timeCase(echoScale, [1, 2, 3], 'echo', DEFAULT_STOP)).toEqual({
    unsupported: 'the echo backend has no timer (backend.ts: timer)',
  });
});

test('a kernel without an implementation on the backend: unsupported, naming what it implements', async () => {
  expect(await timeCase(echoScale, [1, 2, 3], 'wgsl', DEFAULT_STOP)).toEqual({
    unsupported: 'echo_scale: the kernel has no wgsl implementation (it implements echo)',
  });
});
