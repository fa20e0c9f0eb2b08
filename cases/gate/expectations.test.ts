import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import { applicable, loadExpectations, staleExpectations, verdict, type Expectation, sweep, type SweepResult } from 'twinpath';
import * as planted from '../fixtures/planted-kernels.ts';
import mipDownsample from '../../kernels/mip_downsample/kernel.ts';

let failing: SweepResult;
let passing: SweepResult;

beforeAll(async () => {
  failing = await sweep(planted.roundsInsteadOfTruncating.kernel, { runs: 100 });
  passing = await sweep(mipDownsample, { runs: 10 });
}, 120_000);

const here = () => ({ vendor: `^${failing.adapter.vendor}$`, software: failing.adapter.software });

test('a listed failure on a matching adapter is expected; the gate passes', () => {
  const e: Expectation[] = [{ kernel: 'generate_mips_*', adapter: here(), reason: 'known rounding bug' }];
  expect(verdict(e, failing)).toEqual({ status: 'expected-fail', index: 0, reason: 'known rounding bug' });
});

test('another adapter, or a case filter that misses, leaves the failure a failure', () => {
  expect(verdict([{ kernel: 'generate_mips_rounds', adapter: { vendor: 'no-such-vendor' }, reason: 'r' }], failing)).toEqual({ status: 'fail' });
  expect(verdict([{ kernel: 'generate_mips_rounds', case: 'Float32x4', reason: 'r' }], failing)).toEqual({ status: 'fail' });
  expect(verdict([{ kernel: 'generate_mips_rounds', case: 'Unorm8x4', reason: 'r' }], failing).status).toBe('expected-fail');
});

test('an expectation for a kernel that passes is an unexpected pass', () => {
  expect(verdict([{ kernel: 'mip_downsample', adapter: here(), reason: 'was broken' }], passing)).toEqual({ status: 'unexpected-pass', index: 0, reason: 'was broken' });
  expect(applicable([{ kernel: 'mip_*', reason: 'r' }, { kernel: 'im2col', reason: 'r' }], 'mip_downsample', passing.adapter)).toEqual([0]);
});

test('stale entries: kernel patterns that matched nothing that ran', () => {
  expect(staleExpectations([{ kernel: 'mip_*', reason: 'r' }, { kernel: 'old_kernel', reason: 'r' }], ['mip_downsample'])).toEqual([
    'expectation 1 (kernel old_kernel): matched no kernel of this run — stale unless the run was filtered',
  ]);
});

test('the file: checked in empty; a broken entry is named', () => {
  expect(loadExpectations('twinpath.expectations.json')).toEqual([]);
  const f = join(mkdtempSync(join(tmpdir(), 'twinpath-')), 'e.json');
  writeFileSync(f, JSON.stringify({ expectations: [{ kernel: 'a', reason: 'r' }, { kernel: 'b' }] }));
  expect(() => loadExpectations(f)).toThrow(`${f}: expectation 1 needs "kernel" and "reason"`);
});
