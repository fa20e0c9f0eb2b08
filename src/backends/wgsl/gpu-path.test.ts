/**
 * The GPU path really runs — in CI and everywhere else: an adapter is found
 * (never a skip), its identity is recorded, and a kernel's output comes back
 * from the device.
 */
import { expect, test } from 'vitest';
import { adapterLine, canaryBytes, gpuSession, runCase, type OracleOutput, type SurfaceCase } from 'twinpath';
import generateMips from '../../../kernels/generate_mips/kernel.ts';

test('an adapter was found and is identified', async () => {
  const { info, device } = await gpuSession();
  console.log(`adapter: ${adapterLine(info)}`);
  expect(info.vendor).not.toBe('');
  expect(info.device).not.toBe('');
  expect(typeof info.software).toBe('boolean');
  expect(device.limits.maxStorageBufferBindingSize).toBeGreaterThanOrEqual(128 * 1024 * 1024);
  if (process.env.CI) expect(process.env.TWINPATH_ADAPTER ?? '', 'CI runs on the default adapter').toBe('');
});

test('the GPU path ran: level 1 came back from the device, not from the canary or the oracle', async () => {
  const c: SurfaceCase = {
    width: 4,
    height: 4,
    format: { storage: 'Unorm8x4', layout: 'Rgba' },
    pitch: { kind: 'tight' },
    levels: 2,
    content: { kind: 'constant', rgba: [1, 0.5, 0, 1] },
  };
  const r = await runCase(generateMips, c);
  expect(r.outcome).toBe('pass');
  expect(r.gpuMs).toBeGreaterThan(0);
  expect(r.comparison?.compared).toBe((16 + 4) * 4);
  expect(r.canary?.pass).toBe(true);
  const expected = generateMips.cpu(c) as OracleOutput;
  const level1 = expected.surface.bytes.subarray(64, 80);
  expect(canaryBytes(80).subarray(64, 80), 'the canary must differ from the expected level 1').not.toEqual(level1);
});
