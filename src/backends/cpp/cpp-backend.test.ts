/**
 * The C++ backend on the system compiler: a sweep passes on the CPU, timed by
 * wall time; compiler errors at file:line:col; a missing entry point, an
 * unlisted struct and a write before the output are each a clear outcome.
 */
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';
import { runCase } from '../../core/sweep/case.ts';
import { renderSweepFailure, sweep } from '../../core/sweep/sweep.ts';
import { decideVerdict } from '../../core/gate/verdict.ts';
import { cppBackend } from './backend.ts';
import { cppFill, cppNoCompile, cppNoEntry, cppUnlisted, cppWriteBefore } from './fixtures/cpp-kernels.ts';

const c = { width: 20, height: 3, padWords: 1, value: 0x3f800000 };

describe('the C++ backend', () => {
  test('a sweep passes on the CPU, with the compiler named and the calls timed by wall time', async () => {
    const r = await sweep(cppFill, { backend: 'cpp', runs: 20, seed: 1 });
    expect(r.pass).toBe(true);
    expect(r.backend).toBe('cpp');
    expect(r.adapter).toMatchObject({ vendor: 'cpu', software: true });
    expect(r.adapter.description).toMatch(/^C\+\+ via /);
    expect(r.timing.source).toBe('wall time of the C++ calls');
    expect(r.timing.gpuNs?.count).toBe(20);
  });

  test('a compiler error is reported at file:line:col of the original source', async () => {
    const r = await runCase(cppNoCompile, c, { backend: 'cpp' });
    expect(r.outcome).toBe('compile-error');
    expect(r.error).toMatch(
      /^cpp_no_compile \[cpp\]: compilation failed \(\S+ -O2 -std=c\+\+17 -fno-fast-math -I\S+\/src\/backends\/cpp\/fixtures -shared -fPIC\):/,
    );
    expect(r.error).toMatch(
      /^src\/backends\/cpp\/fixtures\/cpp_no_compile\.cpp:6:52: error: .undefined_name. was not declared in this scope/m,
    );
  });

  test('planted: a source that does not compile ends the sweep before its first case: compile-error, 0 cases', async () => {
    const r = await sweep(cppNoCompile, { backend: 'cpp', runs: 20, seed: 1 });
    expect(r).toMatchObject({ pass: false, runs: 0, cases: [], outcomes: {} });
    expect(r.failure).toBeUndefined();
    expect(r.compileError).toMatch(
      /^src\/backends\/cpp\/fixtures\/cpp_no_compile\.cpp:6:52: error: .undefined_name. was not declared in this scope/m,
    );
    expect(renderSweepFailure(r)).toMatch(
      /^cpp_no_compile \[cpp\]: compile-error \(0 cases run\)\ncpp_no_compile \[cpp\]: compilation failed/,
    );
    expect(decideVerdict(r, [])).toMatchObject({ status: 'fail', outcome: 'compile-error' });
  });

  test('a missing entry point is a setup error with the fix', async () => {
    const r = await runCase(cppNoEntry, c, { backend: 'cpp' });
    expect(r.outcome).toBe('setup-error');
    expect(r.error).toMatch(
      /^cpp_no_entry \[cpp\]: no extern "C" function absent in the compiled source \(.+\)\. Fix: define it with TP_KERNEL \(extern "C"\)$/,
    );
  });

  test('a struct the implementation does not list cannot be passed: its layout would be unchecked', async () => {
    const r = await runCase(cppUnlisted, c, { backend: 'cpp' });
    expect(r.outcome).toBe('setup-error');
    expect(r.error).toBe(
      "cpp_unlisted [cpp]: struct Unlisted is not among the implementation's structs, so its C layout is unchecked. Fix: list its TS declaration in structs",
    );
  });

  test('planted: a write 4 bytes before the output lands in the front guard band and is located', async () => {
    const r = await runCase(cppWriteBefore, c, { backend: 'cpp' });
    expect(r.outcome).toBe('canary');
    expect(r.pass).toBe(false);
    expect(r.error).toMatch(
      /^cpp_write_before \[cpp\]: the guard band before output was written\ncanary: guard band before the data, byte -4 \(buffer offset -4\), 4 bytes overwritten/,
    );
  });

  test('a case on a backend the kernel does not implement is refused, naming what it implements', async () => {
    await expect(runCase(cppFill, c, { backend: 'wgsl' })).rejects.toThrow(
      'cpp_fill: the kernel has no wgsl implementation (it implements cpp)',
    );
  });

  test('release gives the runner process back; the next sweep probes again and starts a new one', async () => {
    expect((await sweep(cppFill, { backend: 'cpp', runs: 3, seed: 2 })).pass).toBe(true);
    cppBackend.release();
    expect(cppBackend.lost).toBeUndefined();
    const again = await sweep(cppFill, { backend: 'cpp', runs: 3, seed: 2 });
    expect(again).toMatchObject({ pass: true, runs: 3 });
  });

  test('a process that sweeps C++ outside vitest (the bench, a script) gets its result and exits', async () => {
    const root = resolve(import.meta.dirname, '../../..');
    const script = [
      "import { sweep } from './src/core/sweep/sweep.ts';",
      "import { cppFill } from './src/backends/cpp/fixtures/cpp-kernels.ts';",
      "const r = await sweep(cppFill, { backend: 'cpp', runs: 3, seed: 1 });",
      'console.log(`${r.pass} ${r.runs}`);',
    ].join('\n');
    const r = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: root,
      timeout: 60_000,
    });
    expect(r.stdout).toBe('true 3\n');
  });
});
