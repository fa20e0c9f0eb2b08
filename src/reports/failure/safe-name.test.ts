import { resolve } from 'node:path';
import { expect, test } from 'vitest';
import { inside, safeName } from './safe-name.ts';

test('names derived from kernels cannot leave the report folder', () => {
  expect(safeName('../../etc/passwd')).toBe('etc_passwd');
  expect(safeName('a/b\\\\c')).toBe('a_b_c');
  expect(safeName('<script>')).toBe('script_');
  expect(safeName('...')).toBe('unnamed');
  expect(inside('twinpath-report', 'failures/k/a.png')).toBe(resolve('twinpath-report/failures/k/a.png'));
  expect(() => inside('twinpath-report', '../outside.png')).toThrow(
    'report: refusing to write "../outside.png" outside twinpath-report',
  );
});
