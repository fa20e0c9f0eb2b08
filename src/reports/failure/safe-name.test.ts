import { resolve } from 'node:path';
import { expect, test } from 'vitest';
import { failureFolder } from './failure-data.ts';
import { inside, safeName } from './safe-name.ts';

test('names derived from kernels cannot leave the report folder', () => {
  expect(safeName('../../etc/passwd')).toBe('etc_passwd-936d7c04');
  expect(safeName('a/b\\\\c')).toBe('a_b_c-4e400e0c');
  expect(safeName('<script>')).toBe('script_-fb1c2d66');
  expect(safeName('...')).toBe('unnamed-6eae3a5b');
  expect(inside('twinpath-report', 'failures/k/a.png')).toBe(resolve('twinpath-report/failures/k/a.png'));
  expect(() => inside('twinpath-report', '../outside.png')).toThrow(
    'report: refusing to write "../outside.png" outside twinpath-report',
  );
});

test('output and kernel folders stay apart on a case-insensitive file system; a safe name keeps its own', () => {
  const names = ['out', 'Out', 'OUT', 'a/b', 'a_b', 'x'.repeat(81), `${'x'.repeat(80)}y`];
  const folders = names.map((n) => safeName(n).toLowerCase());
  expect(new Set(folders).size).toBe(names.length);
  expect(safeName('out')).toBe('out');
  expect(safeName('Out')).toBe('out-220e06ba');
  expect(failureFolder('flip_y')).toBe('failures/flip_y');
  expect(failureFolder('Flip_y').toLowerCase()).not.toBe(failureFolder('flip_y'));
});
