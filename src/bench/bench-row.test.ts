/**
 * A row's GB/s counts the bytes the kernel declares it moves (benchBytes), and its floor is a copy of as many;
 * without a count, a reduction's row says its GB/s counts the outputs only.
 */
import { expect, test } from 'vitest';
import { rowSum, rowSumUndeclared } from './fixtures/row-sum.ts';
import { timedRow } from './bench-row.ts';
import type { CaseTiming } from './time-case.ts';
import { kernelTiming } from './timing/statistics.ts';

const timing = (us: number) => ({ timing: kernelTiming([us, us]), samples: [us, us], stop: 'noise' as const });

/** A 1080p row_sum case, its cold launches 100 us: 8,294,400 bytes read, 4,320 written. */
const input = { width: 1920, height: 1080 };
const timed: CaseTiming = {
  hot: timing(90),
  cold: timing(100),
  launchesPerBatch: 8,
  outputBytes: 4 * 1080,
  inputBytes: 4 * 1920 * 1080,
  uploadMs: 1,
  readbackMs: 1,
};

/** Floors that record the bytes each floor copies, every floor 200 GB/s. */
function floors() {
  const asked: number[] = [];
  return { asked, of: (_backend: string, bytes: number) => (asked.push(bytes), Promise.resolve({ gbPerS: 200 })) };
}

test('a kernel with benchBytes: GB/s of the declared bytes, the floor a copy of as many, no note', async () => {
  const f = floors();
  const r = await timedRow(rowSum, input, { kernel: 'row_sum', size: '1080p', backend: 'echo' }, timed, f);
  expect(r).toMatchObject({ movedBytes: 8_298_720, bytesDeclared: true, gbPerS: 82.9872, floorGbPerS: 200 });
  expect(r.note).toBeUndefined();
  expect(r.error).toBeUndefined();
  expect(f.asked).toEqual([8_298_720]);
});

test('the same reduction without benchBytes: 2 x its outputs, and a note that the figure counts outputs only', async () => {
  const f = floors();
  const at = { kernel: 'row_sum_undeclared', size: '1080p', backend: 'echo' };
  const r = await timedRow(rowSumUndeclared, input, at, timed, f);
  expect(r).toMatchObject({ movedBytes: 8640, gbPerS: 0.0864 });
  expect(r.bytesDeclared).toBeUndefined();
  expect(r.note).toBe(
    'GB/s counts the outputs only (2 x 4.3 KB): the inputs are 1920x larger. ' +
      'Fix: declare benchBytes(input) in the kernel definition, the bytes a case reads and writes',
  );
  expect(f.asked).toEqual([8640]);
});

test('a declared count that is no count: the row is an error, timed no further', async () => {
  const broken = { ...rowSum, benchBytes: () => Number.NaN };
  const f = floors();
  const r = await timedRow(broken, input, { kernel: 'row_sum', size: '1080p', backend: 'echo' }, timed, f);
  expect(r).toEqual({
    kernel: 'row_sum',
    size: '1080p',
    backend: 'echo',
    error: 'benchBytes gave NaN: must be a positive number of bytes',
  });
  expect(f.asked).toEqual([]);
});
