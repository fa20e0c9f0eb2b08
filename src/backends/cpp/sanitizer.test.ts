/**
 * The C++ backend under AddressSanitizer + UBSan: a planted overflow past an
 * output and a planted signed overflow are each the case's outcome
 * `sanitizer`, located at file:line in the kernel; a failing sweep's shrunk
 * case is re-run under ASan by default, its finding added to the failure.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { runCase } from '../../core/sweep/case.ts';
import { renderSweepFailure, sweep } from '../../core/sweep/sweep.ts';
import { asanRuntime } from './asan.ts';
import { cppBackend } from './backend.ts';
import { cppFill } from './fixtures/cpp-kernels.ts';
import { cppHeapOver, cppSignedOver } from './fixtures/sanitizer-kernels.ts';

const c = { width: 5, height: 2, padWords: 0, value: 7 };

/** Runs `body` with TWINPATH_SANITIZE set, the C++ backend found again under it. */
async function sanitized<T>(body: () => Promise<T>): Promise<T> {
  process.env.TWINPATH_SANITIZE = 'memcheck';
  cppBackend.release();
  try {
    return await body();
  } finally {
    delete process.env.TWINPATH_SANITIZE;
    cppBackend.release();
  }
}

afterEach(() => cppBackend.release());

describe('the C++ backend under a sanitizer', () => {
  test('planted: a store past the output is ASan heap-buffer-overflow at its file:line (--sanitize)', async () => {
    const r = await sanitized(() => runCase(cppHeapOver, c, { backend: 'cpp', twice: false }));
    expect(r.outcome).toBe('sanitizer');
    expect(r.error).toBe(
      'heap_over [cpp]: sanitizer: AddressSanitizer: heap-buffer-overflow WRITE of size 4 at src/backends/cpp/fixtures/heap_over.cpp:8 (in fill)',
    );
  });

  test('without --sanitize the same store is only the guard band', async () => {
    const r = await runCase(cppHeapOver, c, { backend: 'cpp', twice: false });
    expect(r.outcome).toBe('canary');
  });

  test('planted: a signed overflow is UBSan at file:line:col', async () => {
    const r = await sanitized(() => runCase(cppSignedOver, c, { backend: 'cpp', twice: false }));
    expect(r.outcome).toBe('sanitizer');
    expect(r.error).toMatch(
      /^signed_over \[cpp\]: sanitizer: UndefinedBehaviorSanitizer: signed integer overflow: .* at src\/backends\/cpp\/fixtures\/signed_over\.cpp:6:\d+ \(in fill\)$/,
    );
  });

  test('a correct kernel passes under the sanitizer', async () => {
    const r = await sanitized(() => sweep(cppFill, { backend: 'cpp', runs: 10, seed: 3 }));
    expect(r.pass).toBe(true);
    expect(r.adapter.description).toMatch(/under AddressSanitizer \+ UBSan$/);
  });

  test("by default a failing sweep's shrunk case is re-run under ASan, and the failure says what it found", async () => {
    const r = await sweep(cppHeapOver, { backend: 'cpp', runs: 10, seed: 3 });
    expect(r.failure?.result.outcome).toBe('canary');
    expect(r.failure?.sanitizer).toEqual({
      tool: 'memcheck',
      status: 'found',
      text: 'heap_over [cpp]: sanitizer: AddressSanitizer: heap-buffer-overflow WRITE of size 4 at src/backends/cpp/fixtures/heap_over.cpp:8 (in fill)',
    });
    expect(renderSweepFailure(r)).toContain(
      '\nsanitizer (memcheck): found: heap_over [cpp]: sanitizer: AddressSanitizer: heap-buffer-overflow WRITE of size 4 at',
    );
  });
});

test('a compiler without a sanitizer runtime is unavailable, naming what was searched and the fix', () => {
  const none = asanRuntime({ language: 'c++', command: 'true', version: 'true' });
  expect(none).toEqual({
    unavailable:
      "AddressSanitizer unavailable: true -print-file-name=libasan.so found no libasan.so (searched (true -print-search-dirs failed)). Fix: install the compiler's sanitizer runtime (libasan8 on Debian, or clang's compiler-rt), or set TWINPATH_CXX to a compiler that has one",
  });
});
