// The sweep of flip_y (`twinpath run`, `npm run parity`), and one fixed case
// checked on its own with the toMatchOracle matcher (`npx vitest run`).
import { expect, test } from 'vitest';
import { parityTest } from 'twinpath';
import { flipYKernel } from '../kernels/flip_y/kernel.ts';

parityTest(flipYKernel);

test('flip_y: an odd-sized BGRA surface with padded rows', async () => {
  await expect(flipYKernel).toMatchOracle({
    width: 3,
    height: 5,
    format: { storage: 'Unorm8x4', layout: 'Bgra' },
    pitch: { kind: 'pad', bytes: 8 },
    levels: 1,
    content: { kind: 'random', seed: 7 },
  });
});
