/**
 * A driver from before CUDA 12.4 cannot list a module's functions: under
 * nvcc the kernels are then listed by the toolkit's cuobjdump, so a template
 * kernel is still found by its name as written, and a name the module lacks
 * still lists its kernels.
 */
import { beforeAll, expect, test } from 'vitest';
import { runCase } from '../../core/sweep/case.ts';
import { mockChainKernel } from './fixtures/chain-kernels.ts';
import { useMockCuda } from './fixtures/mock-kernels.ts';

beforeAll(() => {
  useMockCuda('nvcc', { enumeratesFunctions: false });
});

const one = { count: 40, seed: 2 };

test('a template kernel is found by its name as written through cuobjdump -symbols and cu++filt', async () => {
  const r = await runCase(mockChainKernel('objdump_chain', { entries: [] }), one, { backend: 'cuda' });
  expect(r.outcome).toBe('pass');
});

test('planted: a name the module lacks lists the kernels cuobjdump found', async () => {
  const r = await runCase(mockChainKernel('objdump_no_kernel', { entries: [], stage: 'stage<int, 2>' }), one, {
    backend: 'cuda',
  });
  expect(r.error).toMatch(
    /^objdump_no_kernel \[cuda\]: no kernel stage<int, 2> in the module; it has: stage<float, 2>, mock_finish, mock_finish_past\. Fix: /,
  );
});
