import { beforeAll, expect, test } from 'vitest';
import { applicable, decideVerdict, sweep, type Expectation, type SweepResult } from 'twinpath';
import * as planted from '../../fixtures/kernels/planted-kernels.ts';
import mipDownsample from '../../../kernels/mip_downsample/kernel.ts';

let failing: SweepResult;
let passing: SweepResult;

beforeAll(async () => {
  failing = await sweep(planted.roundsInsteadOfTruncating.kernel, { runs: 100 });
  passing = await sweep(mipDownsample, { runs: 10 });
}, 120_000);

const here = () => ({ vendor: `^${failing.adapter.vendor}$`, software: failing.adapter.software });

test('a listed failure on a matching adapter is expected; the gate passes', () => {
  const e: Expectation[] = [{ kernel: 'generate_mips_*', adapter: here(), reason: 'known rounding bug' }];
  expect(decideVerdict(failing, e)).toEqual({
    status: 'expected-fail',
    expectation: 0,
    reason: 'known rounding bug',
    outcome: 'mismatch',
  });
});

test('another adapter, or a case filter that misses, leaves the failure a failure', () => {
  expect(
    decideVerdict(failing, [{ kernel: 'generate_mips_rounds', adapter: { vendor: 'no-such-vendor' }, reason: 'r' }]),
  ).toEqual({ status: 'fail', outcome: 'mismatch' });
  expect(decideVerdict(failing, [{ kernel: 'generate_mips_rounds', case: 'Float32x4', reason: 'r' }])).toEqual({
    status: 'fail',
    outcome: 'mismatch',
  });
  expect(decideVerdict(failing, [{ kernel: 'generate_mips_rounds', case: 'Unorm8x4', reason: 'r' }]).status).toBe(
    'expected-fail',
  );
});

test('an expectation for a kernel that passes is an unexpected pass', () => {
  expect(decideVerdict(passing, [{ kernel: 'mip_downsample', adapter: here(), reason: 'was broken' }])).toEqual({
    status: 'unexpected-pass',
    expectation: 0,
    reason: 'was broken',
  });
  expect(
    applicable(
      [
        { kernel: 'mip_*', reason: 'r' },
        { kernel: 'im2col', reason: 'r' },
      ],
      'mip_downsample',
      passing.adapter,
    ),
  ).toEqual([0]);
});
