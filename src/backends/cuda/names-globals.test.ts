/**
 * Kernels by the names their authors wrote, module globals, scratch memory
 * and launch limits, on the mock driver and NVRTC (fixtures/): a template
 * kernel launched by its source name through NVRTC's name expressions, a
 * `__constant__` set by name, two launches chained through scratch; each
 * mistake a clear setup error or canary failure.
 */
import koffi from 'koffi';
import { beforeAll, describe, expect, test } from 'vitest';
import { runCase } from '../../core/sweep/case.ts';
import { sweep } from '../../core/sweep/sweep.ts';
import { mockChain, mockChainKernel, mockLaunchKernel } from './fixtures/chain-kernels.ts';
import { useMockCuda } from './fixtures/mock-kernels.ts';

let optins: () => number;

beforeAll(() => {
  optins = koffi.load(useMockCuda('nvrtc')).func('int mock_optins()') as () => number;
});

const one = { count: 70, seed: 5 };

describe('on the mock driver: kernels by name, globals and scratch', () => {
  test('a template kernel by its source name, a global set by name, two launches chained through scratch', async () => {
    const r = await sweep(mockChain, { backend: 'cuda', runs: 12, seed: 1 });
    expect(r.pass).toBe(true);
    const c = await runCase(mockChain, one, { backend: 'cuda' });
    expect(c.protection).toEqual({ output: 'guard-band', 'scratch 1': 'guard-band', 'buffer 1': 'guard-band' });
  });

  test('planted: a name the module lacks is an error listing its kernels as written, with the fix', async () => {
    const r = await runCase(mockChainKernel('mock_chain_no_kernel', { stage: 'stage<float, 3>' }), one, {
      backend: 'cuda',
    });
    expect(r.outcome).toBe('setup-error');
    expect(r.error).toBe(
      "mock_chain_no_kernel [cuda]: no kernel stage<float, 3> in the module; it has: mock_finish, mock_finish_past, stage<float, 2>. Fix: list 'stage<float, 3>' in the implementation's entries (NVRTC lowers a template's or namespaced kernel's name only for those), and instantiate it in the source",
    );
  });

  test('a name written with other spacing finds the same kernel', async () => {
    const r = await runCase(mockChainKernel('mock_chain_spacing', { stage: 'stage< float,2 >' }), one, {
      backend: 'cuda',
    });
    expect(r.outcome).toBe('pass');
  });

  test('planted: a global set with data of another size names both sizes', async () => {
    const kernel = mockChainKernel('mock_chain_global_size', { global: { name: 'scale', data: Float64Array.of(2) } });
    const r = await runCase(kernel, one, { backend: 'cuda' });
    expect(r.outcome).toBe('setup-error');
    expect(r.error).toBe(
      "mock_chain_global_size [cuda]: global scale is 4 bytes, the data 8. Fix: pass 4 bytes — a typed array of the variable's element type and length",
    );
  });

  test('planted: a global the module lacks is a setup error naming what the entries name', async () => {
    const kernel = mockChainKernel('mock_chain_no_global', { global: { name: 'scal', data: Float32Array.of(2) } });
    const r = await runCase(kernel, one, { backend: 'cuda' });
    expect(r.outcome).toBe('setup-error');
    expect(r.error).toMatch(
      /^mock_chain_no_global \[cuda\]: no global scal in the module; its entries name &scale\. Fix: declare it as a __constant__ or __device__ variable/,
    );
  });

  test("planted: a write past scratch is the case's canary failure, located after it", async () => {
    const r = await runCase(mockChainKernel('mock_chain_past', { finish: 'mock_finish_past' }), one, {
      backend: 'cuda',
    });
    expect(r.outcome).toBe('canary');
    expect(r.error).toMatch(
      /^mock_chain_past \[cuda\]: the guard band after scratch 1 was written\ncanary: guard band byte 0 \(buffer offset 280\), 1 bytes overwritten/,
    );
  });
});

describe('on the mock driver: launch limits', () => {
  test('dynamic shared memory above 48 KB is opted into for the function, and the launch runs', async () => {
    const before = optins();
    const r = await runCase(
      mockLaunchKernel('mock_big_shared', { grid: [1], block: [32], sharedBytes: 100_000 }),
      one,
      {
        backend: 'cuda',
      },
    );
    expect(r.outcome).toBe('pass');
    expect(optins()).toBe(before + 1);
  });

  test.each([
    [
      { grid: [1], block: [2048] },
      "block 2048 threads exceeds the device's 1024 (CU_DEVICE_ATTRIBUTE_MAX_THREADS_PER_BLOCK)",
    ],
    [{ grid: [1], block: [1, 1, 128] }, "block z 128 exceeds the device's 64 (CU_DEVICE_ATTRIBUTE_MAX_BLOCK_DIM_Z)"],
    [{ grid: [1, 70_000], block: [1] }, "grid y 70000 exceeds the device's 65535 (CU_DEVICE_ATTRIBUTE_MAX_GRID_DIM_Y)"],
    [
      { grid: [1], block: [1], sharedBytes: 300_000 },
      "sharedBytes 300000 exceeds the device's 232448 (CU_DEVICE_ATTRIBUTE_MAX_SHARED_MEMORY_PER_BLOCK_OPTIN)",
    ],
  ] as const)('planted: a launch past a device limit is a setup error naming it (%j)', async (shape, text) => {
    const r = await runCase(mockLaunchKernel('mock_limits', shape), one, { backend: 'cuda' });
    expect(r.outcome).toBe('setup-error');
    expect(r.error).toMatch(
      new RegExp(`^mock_limits \\[cuda\\]: ${text.replace(/[()]/g, '\\$&')} in the launch of mock_shared\\. Fix: `),
    );
  });
});
