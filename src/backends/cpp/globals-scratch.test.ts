/**
 * Module globals, scratch memory and build options on the C++ backend, for
 * real (the system compiler): an `extern "C"` global set by name in the
 * runner process, two calls chained through scratch, a define, an include
 * folder and the C++ standard each reaching the compiler; each planted
 * mistake a clear setup error, canary failure or compile error.
 */
import { describe, expect, test } from 'vitest';
import { runCase } from '../../core/sweep/case.ts';
import { sweep } from '../../core/sweep/sweep.ts';
import { weightedKernel } from './fixtures/weighted-kernels.ts';

const one = { count: 20, seed: 3 };

describe('the C++ backend: globals, scratch and build options', () => {
  test('a global set by name, calls chained through scratch, with a define, an include folder and C++20', async () => {
    const r = await sweep(weightedKernel('cpp_weighted'), { backend: 'cpp', runs: 10, seed: 1 });
    expect(r.pass).toBe(true);
    const c = await runCase(weightedKernel('cpp_weighted'), one, { backend: 'cpp' });
    expect(c.protection).toEqual({ output: 'guard-band', partial: 'guard-band', 'buffer 1': 'guard-band' });
  });

  test('planted: a global set with data of another size names both sizes', async () => {
    const k = weightedKernel('cpp_global_size', { global: { name: 'weights', data: Float32Array.of(1, 2) } });
    const r = await runCase(k, one, { backend: 'cpp' });
    expect(r.outcome).toBe('setup-error');
    expect(r.error).toBe(
      "cpp_global_size [cpp]: global weights is 12 bytes, the data 8. Fix: pass 12 bytes — a typed array of the variable's element type and length",
    );
  });

  test('planted: a global the library lacks names what it exports', async () => {
    const k = weightedKernel('cpp_no_global', { global: { name: 'weight', data: Float32Array.of(1, 2, 3) } });
    const r = await runCase(k, one, { backend: 'cpp' });
    expect(r.outcome).toBe('setup-error');
    expect(r.error).toMatch(
      /^cpp_no_global \[cpp\]: no extern "C" global weight in the compiled source; it exports (\S+, )*weights(, \S+)*\. Fix: define it at namespace scope inside extern "C"/,
    );
  });

  test("planted: a write past the scratch is the case's canary failure, located after it", async () => {
    const r = await runCase(weightedKernel('cpp_scratch_past', { stage: 'stage_past' }), one, { backend: 'cpp' });
    expect(r.outcome).toBe('canary');
    expect(r.error).toMatch(
      /^cpp_scratch_past \[cpp\]: the guard band after partial was written\ncanary: guard band byte 0 \(buffer offset 80\), 4 bytes overwritten/,
    );
  });

  test.each([
    ['the define', { includes: ['headers'], std: 'c++20' }, /error: .OFFSET. was not declared in this scope/],
    ['the include folder', { defines: { OFFSET: 5 }, std: 'c++20' }, /bias\.h: No such file or directory/],
    ['the standard', { includes: ['headers'], defines: { OFFSET: 5 } }, /#error "weighted\.cpp is C\+\+20/],
  ] as const)('planted: without %s the source does not compile', async (_, build, diagnostic) => {
    const r = await runCase(weightedKernel('cpp_build', { build }), one, { backend: 'cpp' });
    expect(r.outcome).toBe('compile-error');
    expect(r.error).toMatch(diagnostic);
  });
});
