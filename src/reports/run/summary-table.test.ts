import { expect, test } from 'vitest';
import { compareElements } from '../../model/compare/elements.ts';
import { absRel } from '../../model/compare/policy.ts';
import { passingRow } from '../fixtures/synthetic-run.ts';
import { formatNumber, unavailableBackends, worstText, type SummaryRow } from './summary-table.ts';

test('tolerances read as powers of two, small errors with 3 significant digits', () => {
  expect([1, 0, 2 ** -13, 4.76837158203125e-7, 3e-7, 0.000057220458984375, 1.5].map(formatNumber)).toEqual([
    '1',
    '0',
    '2^-13',
    '2^-21',
    '3.00e-7',
    '0.0000572',
    '1.50',
  ]);
});

test('an unavailable backend is one line, its reason in short, however many sweeps met it; none when none did', () => {
  const reason =
    'CUDA unavailable: libcuda did not load — looked for libcuda.so.1: …; /usr/lib64/libcuda.so.1: no such file. Fix: install the NVIDIA driver';
  const unavailable = (kernel: string): SummaryRow => ({
    kernel,
    backend: 'cuda',
    verdict: { status: 'unavailable', reason },
    ms: 0,
  });
  const passed: SummaryRow = { kernel: 'im2col', verdict: { status: 'pass' }, ms: 1 };
  expect(unavailableBackends([unavailable('im2col'), passed, unavailable('blur')])).toEqual([
    'cuda: unavailable — CUDA unavailable: libcuda did not load (2 sweeps; the full reason and fix: results.json)',
  ]);
  expect(unavailableBackends([passed])).toEqual([]);
});

test('a failure whose worst value was NaN against a number says NaN in the worst-error column', () => {
  const sweepOf = (actual: number) => {
    const row = passingRow('k');
    const policy = absRel(2.6e-4, 0);
    const comparison = compareElements(new Uint32Array([0xc3e9921f]), new Uint32Array([actual]), {
      type: 'f32',
      policy,
    });
    const result = {
      kernel: 'k',
      case: '[1]',
      outcome: 'mismatch' as const,
      pass: false,
      comparison,
      oracleMs: 0,
      gpuMs: 0,
    };
    return { ...row.sweep!, pass: false, failure: { input: null, result, path: '0', shrinks: 0, replay: '' } };
  };
  expect(worstText(sweepOf(0x7fc23a83))).toBe('NaN (absRel(0.00026, 0)) in the failure');
  expect(worstText(sweepOf(0xc3e9a000))).toBe('0.108 abs (absRel(0.00026, 0)) in the failure');
});
