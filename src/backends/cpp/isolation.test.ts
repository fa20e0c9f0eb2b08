/**
 * Native verdicts reproduce: a planted kernel that corrupts the heap of the
 * process it runs in (past a scratch block of its own; a double free) gives
 * the same verdict on five sweeps of one seed — a failing case is run again
 * alone in a fresh runner process, and that run is what is reported — and
 * its replay (seed + path) gives that verdict again.
 */
import { describe, expect, test } from 'vitest';
import { sweep, type SweepResult } from '../../core/sweep/sweep.ts';
import { cppBackend } from './backend.ts';
import { cppHeapCorruptor } from './fixtures/sanitizer-kernels.ts';

const verdict = (r: SweepResult) => ({
  pass: r.pass,
  outcome: r.failure?.result.outcome,
  case: r.failure?.result.case,
  path: r.failure?.path,
  error: r.failure?.result.error,
  note: r.failure?.note,
  replay: r.failure?.replay,
});

describe('isolation of native cases', () => {
  test('planted heap corruptor: five sweeps of one seed give one verdict, and its replay reproduces it', async () => {
    const saved = process.env.TWINPATH_SANITIZE;
    delete process.env.TWINPATH_SANITIZE;
    try {
      const runs: ReturnType<typeof verdict>[] = [];
      for (let i = 0; i < 5; i++)
        runs.push(verdict(await sweep(cppHeapCorruptor, { backend: 'cpp', runs: 100, seed: 11 })));
      expect(new Set(runs.map((v) => JSON.stringify(v))).size).toBe(1);
      const first = runs[0]!;
      expect(first).toMatchObject({ pass: false, outcome: 'sanitizer', case: '24x1 pad 0 value 0' });
      // Which check speaks first depends on the compiler: ASan here (g++ 12), UBSan's object-size check on the runner.
      expect(first.error).toMatch(
        new RegExp(
          '^heap_corruptor \\[cpp\\]: sanitizer: (AddressSanitizer: heap-buffer-overflow WRITE of size 4|' +
            "UndefinedBehaviorSanitizer: store to address 0x[0-9a-f]+ with insufficient space for an object of type 'uint32_t') " +
            'at src/backends/cpp/fixtures/heap_corruptor\\.cpp:8(:\\d+)? \\(in fill\\)$',
        ),
      );
      expect(first.replay).toBe(
        `TWINPATH_SANITIZE=memcheck npx twinpath run heap_corruptor --backend cpp --seed 11 --path '${first.path}'`,
      );
      // The replay line: its setting, the seed and the path (a new process finds the backend under the setting).
      process.env.TWINPATH_SANITIZE = 'memcheck';
      cppBackend.release();
      const replayed = await sweep(cppHeapCorruptor, { backend: 'cpp', seed: 11, path: first.path! });
      expect({ outcome: replayed.failure?.result.outcome, error: replayed.failure?.result.error }).toEqual({
        outcome: first.outcome,
        error: first.error,
      });
    } finally {
      if (saved === undefined) delete process.env.TWINPATH_SANITIZE;
      else process.env.TWINPATH_SANITIZE = saved;
      cppBackend.release();
    }
  }, 120_000);
});
