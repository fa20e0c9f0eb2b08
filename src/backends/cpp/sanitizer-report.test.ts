/** The first error of AddressSanitizer logs as GCC's runtime writes them (fixtures/asan/*.log), in one line. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from 'vitest';
import { firstSanitizerError } from './sanitizer-report.ts';

const log = (name: string) => readFileSync(resolve(import.meta.dirname, 'fixtures/asan', name), 'utf8');

test.each([
  // The first frame is the runtime's free: the kernel's frame after it is where.
  ['double-free.log', 'AddressSanitizer: attempting double-free at /home/ci/project/kernels/k.cpp:10 (in main)'],
  ['segv.log', 'AddressSanitizer: SEGV WRITE access at /home/ci/project/kernels/k.cpp:9 (in null_store)'],
])('%s', (name, first) => expect(firstSanitizerError(log(name))).toBe(first));

test('text with no sanitizer report has no first error', () => {
  expect(firstSanitizerError('free(): invalid next size (normal)\n')).toBeUndefined();
});
