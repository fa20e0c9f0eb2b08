/**
 * nvcc as the CUDA compiler, on the mock driver and the mock toolkit
 * (fixtures/mock-toolkit): the sweep names it; kernels are found by the names
 * their authors wrote from the module's list, demangled by cu++filt, with no
 * entries; its errors at the original file:line, the implementation's build
 * options on its command line; a forced nvcc that is not there, or a bad
 * TWINPATH_CUDA_COMPILER, is CUDA unavailable saying what was looked for.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { runCase } from '../../core/sweep/case.ts';
import { sweep } from '../../core/sweep/sweep.ts';
import { chooseCudaCompiler } from './choose-compiler.ts';
import { mockChainKernel } from './fixtures/chain-kernels.ts';
import { useMockCuda } from './fixtures/mock-kernels.ts';
import { withInstances } from './nvcc.ts';

let toolkit: string;

beforeAll(() => {
  useMockCuda('nvcc');
  toolkit = process.env.CUDA_PATH!;
});

const one = { count: 70, seed: 5 };
const noEntries = { entries: [] };

describe('nvcc builds: kernels by the names as written, without entries', () => {
  test('a sweep passes, the device description naming nvcc and where it is', async () => {
    const r = await sweep(mockChainKernel('nvcc_chain', noEntries), { backend: 'cuda', runs: 8, seed: 1 });
    expect(r.pass).toBe(true);
    expect(r.adapter.description).toBe('CUDA driver API 13.0, nvcc 13.0');
    expect(r.adapter.flags).toContain(`compiler=nvcc:${toolkit}/bin/nvcc`);
  });

  test('planted: a name the module lacks lists its kernels, demangled by cu++filt', async () => {
    const r = await runCase(mockChainKernel('nvcc_no_kernel', { ...noEntries, stage: 'stage<float, 3>' }), one, {
      backend: 'cuda',
    });
    expect(r.outcome).toBe('setup-error');
    expect(r.error).toMatch(
      /^nvcc_no_kernel \[cuda\]: no kernel stage<float, 3> in the module; it has: mock_finish, mock_finish_past, stage<float, 2>\. Fix: launch a kernel the module has/,
    );
  });

  test('planted: an nvcc error is at file:line, with the build options on its command line', async () => {
    const kernel = mockChainKernel('nvcc_no_compile', {
      ...noEntries,
      extra: 'int broken = mock_undefined;\n',
      build: { std: 'c++20', fmad: false, fastMath: true, includes: ['headers'], defines: { RADIUS: 3, FAST: true } },
    });
    const r = await runCase(kernel, one, { backend: 'cuda' });
    expect(r.outcome).toBe('compile-error');
    const fixtures = `${toolkit.replace(/\/mock-toolkit$/, '')}`;
    expect(r.error).toContain(
      `nvcc_no_compile [cuda]: nvcc compilation failed (nvcc -cubin -arch=sm_90 -std=c++20 --fmad=false --use_fast_math -I${toolkit}/include -I${toolkit}/include/cccl -I${fixtures} -I${fixtures}/headers -DRADIUS=3 -DFAST=1):`,
    );
    expect(r.error).toContain('src/backends/cuda/fixtures/chain.cu:6: error: identifier "mock_undefined" is undefined');
  });

  test('planted: an architecture nvcc does not know is a compile error saying the fix', async () => {
    const r = await runCase(mockChainKernel('nvcc_old', { ...noEntries, extra: '// mock_old_nvcc\n' }), one, {
      backend: 'cuda',
    });
    expect(r.outcome).toBe('compile-error');
    expect(r.error).toMatch(
      /\nnvcc fatal {3}: Value 'sm_90' is not defined for option 'gpu-architecture'\nFix: this nvcc cannot build for sm_90, the device's compute capability: install a CUDA toolkit that knows it/,
    );
  });

  test("planted: a define that is no macro name is the sweep's compile error", async () => {
    const kernel = mockChainKernel('nvcc_bad_define', { ...noEntries, build: { defines: { 'A B': 1 } } });
    const r = await runCase(kernel, one, { backend: 'cuda' });
    expect(r.outcome).toBe('compile-error');
    expect(r.error).toBe('nvcc_bad_define [cuda]: define "A B" is not a macro name. Fix: a C identifier, e.g. RADIUS');
  });
});

describe('which CUDA compiler: TWINPATH_CUDA_COMPILER', () => {
  test('planted: nvcc forced where no toolkit has it is unavailable, naming the folders looked in', () => {
    const saved = process.env.CUDA_PATH;
    process.env.CUDA_PATH = '/nonexistent/cuda';
    try {
      const r = chooseCudaCompiler(undefined);
      expect(r).toEqual({
        unavailable: expect.stringMatching(
          /^CUDA unavailable: TWINPATH_CUDA_COMPILER=nvcc, but no nvcc was found — looked in \/nonexistent\/cuda\/bin, .* and PATH\. Fix: /,
        ),
      });
    } finally {
      process.env.CUDA_PATH = saved;
    }
  });

  test('planted: a value other than nvcc or nvrtc is unavailable, saying the fix', () => {
    process.env.TWINPATH_CUDA_COMPILER = 'clang';
    try {
      expect(chooseCudaCompiler(undefined)).toEqual({
        unavailable:
          'CUDA unavailable: twinpath: TWINPATH_CUDA_COMPILER is nvcc or nvrtc, not "clang". Fix: unset it to take nvcc when the toolkit has it, else NVRTC',
      });
    } finally {
      process.env.TWINPATH_CUDA_COMPILER = 'nvcc';
    }
  });
});

describe('template instances launched by name', () => {
  test('each is instantiated after the source (its lines keep their numbers); extern "C" names and globals are not', () => {
    const code = 'template <int B> __global__ void k(int*) {}\n';
    expect(withInstances(code, ['k<64>', 'plain', '&weights', 'k< 32 >'])).toBe(
      `${code}\n// twinpath: the template instances launched by name\n` +
        'static void* const twinpath_instances_[] = {(void*)&k<64>, (void*)&k< 32 >};\n',
    );
    expect(withInstances(code, ['plain'])).toBe(code);
  });
});
