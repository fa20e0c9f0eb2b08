import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import {
  applicable,
  decideVerdict,
  loadExpectations,
  staleExpectations,
  sweep,
  type Expectation,
  type SweepResult,
} from 'twinpath';
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

test('stale entries: kernel patterns that matched nothing that ran', () => {
  expect(
    staleExpectations(
      [
        { kernel: 'mip_*', reason: 'r' },
        { kernel: 'old_kernel', reason: 'r' },
      ],
      ['mip_downsample'],
    ),
  ).toEqual(['expectation 1 (kernel old_kernel): matched no kernel of this run — stale unless the run was filtered']);
});

/** Loads an expectations file of `text`, returning what it throws. */
function loadError(text: string): string {
  const f = join(mkdtempSync(join(tmpdir(), 'twinpath-')), 'e.json');
  writeFileSync(f, text);
  try {
    loadExpectations(f);
  } catch (e) {
    expect((e as Error).name).toBe('InputError');
    return (e as Error).message.replace(f, 'e.json');
  }
  throw new Error('loadExpectations accepted a bad file');
}

test('the file: checked in empty; each schema violation names the file, the entry and the key', () => {
  expect(loadExpectations('twinpath.expectations.json')).toEqual([]);
  const file = (...entries: unknown[]) => JSON.stringify({ expectations: [{ kernel: 'ok', reason: 'r' }, ...entries] });
  expect(loadError(file({ kernel: 'im2col', adaptor: { vendor: 'nvidia' }, reason: 'r' }))).toBe(
    'e.json: expectation 1 (kernel "im2col"): unknown key "adaptor" — did you mean "adapter"? (known: kernel, case, adapter, reason)',
  );
  expect(loadError(file({ kernel: 'b' }))).toBe('e.json: expectation 1 (kernel "b"): "reason" is required');
  expect(loadError(file({ reason: 'r' }))).toBe('e.json: expectation 1: "kernel" is required');
  expect(loadError(file({ kernel: 'k', case: 3, reason: 'r' }))).toBe(
    'e.json: expectation 1 (kernel "k"): "case" must be a string (a regular expression), not number',
  );
  expect(loadError(file({ kernel: 'k', case: '(', reason: 'r' }))).toMatch(
    /^e\.json: expectation 1 \(kernel "k"\): "case" is not a valid regular expression: Invalid regular expression: \/\(\/: /,
  );
  expect(loadError(file({ kernel: 'k', adapter: { vendor: '[' }, reason: 'r' }))).toMatch(
    /^e\.json: expectation 1 \(kernel "k"\) "adapter": "vendor" is not a valid regular expression/,
  );
  expect(loadError(file({ kernel: 'k', adapter: { software: 'yes' }, reason: 'r' }))).toBe(
    'e.json: expectation 1 (kernel "k") "adapter": "software" must be true or false, not string',
  );
  expect(loadError(file({ kernel: 'k', adapter: { gpu: 'x' }, reason: 'r' }))).toBe(
    'e.json: expectation 1 (kernel "k") "adapter": unknown key "gpu" (known: vendor, architecture, device, description, software)',
  );
  expect(loadError(file({ kernel: 'k', reason: '  ' }))).toBe('e.json: expectation 1 (kernel "k"): "reason" is empty');
  expect(loadError(file('entry'))).toBe('e.json: expectation 1 must be an object, not string');
  expect(loadError('{"expectations": {}}')).toBe('e.json: "expectations" must be an array of entries, not object');
  expect(loadError('{"expectation": []}')).toBe(
    'e.json: unknown key "expectation" — did you mean "expectations"? (known: expectations)',
  );
  expect(loadError('{"expectations": [')).toMatch(/^e\.json: not valid JSON: /);
});

test('planted: an adapter-specific entry misspelt as "adaptor" would match every adapter; the schema refuses it', () => {
  const misspelt = {
    kernel: 'generate_mips_rounds',
    adaptor: { vendor: 'no-such-vendor' },
    reason: 'r',
  } as unknown as Expectation;
  // Unchecked, the misspelt key is ignored and the entry turns the failure into an expected one on any adapter.
  expect(decideVerdict(failing, [misspelt]).status).toBe('expected-fail');
  expect(loadError(JSON.stringify({ expectations: [misspelt] }))).toContain('unknown key "adaptor"');
});
