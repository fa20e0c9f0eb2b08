// toMatchOracle, the preset's matcher for one-off cases: it passes a correct
// kernel and fails a planted one with the case's diagnostic.
import { expect, test } from 'vitest';
import im2col from '../../kernels/im2col/kernel.ts';
import { im2colPatchGrid } from '../fixtures/kernels/planted-kernels.ts';

const rectangular = { patchSize: 2, npsX: 3, npsY: 2, seed: 1 };

test('a correct kernel matches its oracle on a fixed case', async () => {
  await expect(im2col).toMatchOracle(rectangular);
});

test('a planted bug fails the matcher with the mismatch located', async () => {
  await expect(expect(im2colPatchGrid.kernel).toMatchOracle(rectangular)).rejects.toThrow(
    /^im2col_patch_grid: mismatch on .+\n\d+ of \d+ values differ \(policy exact/,
  );
});

test('anything but a kernel is refused by name', async () => {
  await expect(expect({ name: 'x' }).toMatchOracle(rectangular as never)).rejects.toThrow(
    'toMatchOracle: expected a kernel made by defineKernel, got object',
  );
});
