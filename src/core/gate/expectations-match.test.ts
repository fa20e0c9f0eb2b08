/**
 * Which expectation speaks for a sweep, without a GPU (hand-made sweep results): kernel globs taken literally but
 * for `*`, adapter patterns per field and case-insensitive, the case filter for failures and unsupported sweeps
 * only; and entries that matched no kernel of the run.
 */
import { expect, test } from 'vitest';
import { H100, LAVAPIPE, sweepResult } from '../fixtures/sweep-results.ts';
import { applicable, matchingExpectation, staleExpectations, type Expectation } from './expectations.ts';
import { decideVerdict } from './verdict.ts';

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
  // One kernel of the run matching is enough.
  expect(staleExpectations([{ kernel: 'mip_*', reason: 'r' }], ['im2col', 'mip_downsample'])).toEqual([]);
});

test('planted: an adapter-specific entry misspelt as "adaptor" would match every adapter; the schema refuses it', () => {
  const misspelt = { kernel: 'blur', adaptor: { vendor: 'no-such-vendor' }, reason: 'r' } as unknown as Expectation;
  // Unchecked, the misspelt key is ignored and the entry turns the failure into an expected one on any adapter.
  expect(decideVerdict(sweepResult('blur', { failing: 'x' }), [misspelt]).status).toBe('expected-fail');
  // expectations-file.test.ts shows the schema refusing the key.
});

test('a kernel glob is the whole name, `*` any run of characters, every other character itself', () => {
  const kernels = (glob: string) =>
    ['mip_downsample', 'mip', 'a.b', 'axb', 'a+b', 'aab', 'x(y)'].filter(
      (k) => applicable([{ kernel: glob, reason: 'r' }], k, LAVAPIPE).length,
    );
  expect(kernels('mip')).toEqual(['mip']);
  expect(kernels('mip*')).toEqual(['mip_downsample', 'mip']);
  expect(kernels('*b')).toEqual(['a.b', 'axb', 'a+b', 'aab']);
  expect(kernels('a.b')).toEqual(['a.b']);
  expect(kernels('a+b')).toEqual(['a+b']);
  expect(kernels('x(y)')).toEqual(['x(y)']);
  expect(kernels('downsample')).toEqual([]);
});

test('each adapter field narrows an entry: a regular expression, case-insensitive; software must be equal', () => {
  const adapters = { LAVAPIPE, H100 };
  const on = (adapter: NonNullable<Expectation['adapter']>) =>
    Object.entries(adapters).flatMap(([name, a]) =>
      applicable([{ kernel: 'k', adapter, reason: 'r' }], 'k', a).length ? [name] : [],
    );
  expect(on({})).toEqual(['LAVAPIPE', 'H100']);
  expect(on({ vendor: 'NVIDIA' })).toEqual(['H100']);
  expect(on({ architecture: '^hop' })).toEqual(['H100']);
  expect(on({ architecture: '^pipe' })).toEqual([]);
  expect(on({ device: 'llvmpipe' })).toEqual(['LAVAPIPE']);
  expect(on({ description: 'h100' })).toEqual(['H100']);
  expect(on({ software: true })).toEqual(['LAVAPIPE']);
  expect(on({ software: false })).toEqual(['H100']);
  expect(on({ vendor: 'nvidia', software: true })).toEqual([]);
  expect(on({ vendor: 'mesa', device: 'h100' })).toEqual([]);
  expect(on({ vendor: 'mesa', description: 'h100' })).toEqual([]);
  expect(on({ vendor: 'mesa', architecture: 'hopper' })).toEqual([]);
});

test('a pass is spoken for by the first entry with no case filter, a failure by the first whose case matches', () => {
  const entries: Expectation[] = [
    { kernel: 'other', reason: 'r' },
    { kernel: 'blur', case: '^2x2', reason: 'r' },
    { kernel: 'blur', case: 'Float', reason: 'r' },
    { kernel: 'blur', reason: 'r' },
    { kernel: 'blur', reason: 'r' },
  ];
  expect(matchingExpectation(entries, sweepResult('blur'))).toBe(3);
  expect(matchingExpectation(entries, sweepResult('blur', { failing: '2x2 Unorm8x4' }))).toBe(1);
  expect(matchingExpectation(entries, sweepResult('blur', { failing: '4x4 Float32x4' }))).toBe(2);
  expect(matchingExpectation(entries, sweepResult('blur', { failing: '1x1 Unorm8x4' }))).toBe(3);
  expect(matchingExpectation(entries.slice(0, 3), sweepResult('blur', { failing: 'x' }))).toBeUndefined();
  expect(matchingExpectation(entries.slice(0, 3), sweepResult('blur'))).toBeUndefined();
  // A case filter never speaks for a pass, even one matching the empty case.
  expect(matchingExpectation([{ kernel: 'blur', case: 'x*', reason: 'r' }], sweepResult('blur'))).toBeUndefined();
  // A failed sweep without a shrunk failure is matched as the empty case: only an unfiltered entry or an empty match.
  const noFailure = { ...sweepResult('blur'), pass: false };
  expect(matchingExpectation(entries.slice(0, 3), noFailure)).toBeUndefined();
  expect(matchingExpectation([{ kernel: 'blur', case: '^$', reason: 'r' }], noFailure)).toBe(0);
});

test('an unsupported sweep is spoken for by an entry whose case matches `unsupported`, or that has none', () => {
  const unsupported = { ...sweepResult('blur', { runs: 0 }), unsupported: { reason: 'needs f16' } };
  const cases = (c: string | undefined) =>
    matchingExpectation([{ kernel: 'blur', ...(c === undefined ? {} : { case: c }), reason: 'r' }], unsupported);
  expect(cases('^unsupported$')).toBe(0);
  expect(cases(undefined)).toBe(0);
  expect(cases('Unorm8')).toBeUndefined();
  // Its result may say pass (no case failed); the entry's case filter still speaks.
  expect(
    matchingExpectation([{ kernel: 'blur', case: 'unsupported', reason: 'r' }], { ...unsupported, pass: true }),
  ).toBe(0);
});
