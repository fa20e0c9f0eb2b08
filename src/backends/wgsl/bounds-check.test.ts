/**
 * The WGSL backend under the bounds check (`--sanitize`, TWINPATH_SANITIZE=memcheck): a planted read one past the
 * end of a storage array that the output ignores (also through a pointer parameter), and a planted workgroup-array
 * overrun, are each the case's outcome `sanitizer` with variable, binding, index, bound, line and invocation; a
 * correct kernel passes under it; a failing sweep's shrunk case is re-run under it by default.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { runCase } from '../../core/sweep/case.ts';
import { renderSweepFailure, sweep } from '../../core/sweep/sweep.ts';
import {
  boundsNeighbourSum,
  boundsPairSum,
  boundsPointerSum,
  pointerReadIgnored,
  readsPastIgnored,
  readsPastUsed,
  tileOverrunIgnored,
} from './fixtures/bounds-kernels.ts';

const five = { words: [1, 2, 3, 4, 5] };
const fixture = 'src/backends/wgsl/fixtures';

/** Runs `body` with TWINPATH_SANITIZE set to `tool`. */
async function sanitized<T>(body: () => Promise<T>, tool = 'memcheck'): Promise<T> {
  process.env.TWINPATH_SANITIZE = tool;
  try {
    return await body();
  } finally {
    delete process.env.TWINPATH_SANITIZE;
  }
}

afterEach(() => {
  delete process.env.TWINPATH_SANITIZE;
});

describe('the WGSL backend under the bounds check', () => {
  test('planted: a read past the end that the output ignores passes without --sanitize', async () => {
    const r = await sweep(readsPastIgnored, { backend: 'wgsl', runs: 20, seed: 5 });
    expect(r.pass).toBe(true);
  });

  test('planted: the same read is the outcome sanitizer under --sanitize, with binding, index, bound and line', async () => {
    const r = await sanitized(() => runCase(readsPastIgnored, five, { backend: 'wgsl', twice: false }));
    expect(r.outcome).toBe('sanitizer');
    expect(r.error).toBe(
      'bounds_reads_past_ignored: bounds check: out-of-bounds read src[5] (bound 5; @group(0) @binding(0) src, storage) ' +
        `at ${fixture}/neighbour-sum.wgsl:12 by global invocation (4, 0, 0)`,
    );
  });

  test('a sweep under --sanitize fails on that read, shrunk, its replay line under the check', async () => {
    const r = await sanitized(() => sweep(readsPastIgnored, { backend: 'wgsl', runs: 20, seed: 5 }));
    expect(r.failure?.result.outcome).toBe('sanitizer');
    expect(r.failure?.input).toEqual({ words: [0] });
    expect(r.failure?.result.error).toBe(
      'bounds_reads_past_ignored: bounds check: out-of-bounds read src[1] (bound 1; @group(0) @binding(0) src, ' +
        `storage) at ${fixture}/neighbour-sum.wgsl:12 by global invocation (0, 0, 0)`,
    );
    expect(r.failure?.replay).toMatch(/^TWINPATH_SANITIZE=memcheck npx twinpath run bounds_reads_past_ignored /);
  });

  test('planted: a read through a pointer parameter names the array its caller handed it', async () => {
    const r = await sanitized(() => runCase(pointerReadIgnored, five, { backend: 'wgsl', twice: false }));
    expect(r.outcome).toBe('sanitizer');
    expect(r.error).toBe(
      'bounds_pointer_read_ignored: bounds check: out-of-bounds read src[5] (bound 5; @group(0) @binding(0) src, ' +
        `storage; through p of after) at ${fixture}/pointer-sum.wgsl:6 by global invocation (4, 0, 0)`,
    );
  });

  test('planted: a workgroup-array overrun the output ignores is the outcome sanitizer', async () => {
    const r = await sanitized(() => runCase(tileOverrunIgnored, five, { backend: 'wgsl', twice: false }));
    expect(r.outcome).toBe('sanitizer');
    expect(r.error).toBe(
      'bounds_tile_overrun_ignored: bounds check: out-of-bounds read tile[64] (bound 64; var<workgroup> tile) ' +
        `at ${fixture}/pair-sum.wgsl:11 by global invocation (63, 0, 0)`,
    );
  });

  test('correct kernels pass a sweep under --sanitize, the timing source saying so', async () => {
    for (const k of [boundsNeighbourSum, boundsPairSum, boundsPointerSum]) {
      const r = await sanitized(() => sweep(k, { backend: 'wgsl', runs: 30, seed: 11 }));
      expect(r.pass, `${k.name}: ${r.failure?.result.error}`).toBe(true);
      expect(r.timing.source).toMatch(/\(of the bounds-checked build\)$/);
    }
  });

  test("by default a failing sweep's shrunk case is re-run bounds-checked, and the failure says what it found", async () => {
    const r = await sweep(readsPastUsed, { backend: 'wgsl', runs: 20, seed: 3 });
    expect(r.failure?.result.outcome).toBe('mismatch');
    const n = (r.failure!.input as { words: number[] }).words.length;
    expect(r.failure?.sanitizer).toEqual({
      tool: 'memcheck',
      status: 'found',
      text:
        `bounds_reads_past_used: bounds check: out-of-bounds read src[${n}] (bound ${n}; @group(0) @binding(0) src, ` +
        `storage) at ${fixture}/neighbour-sum.wgsl:12 by global invocation (${n - 1}, 0, 0)`,
    });
    expect(renderSweepFailure(r)).toContain('\nsanitizer (memcheck): found: bounds_reads_past_used: bounds check:');
  });

  test("--sanitize racecheck (CUDA's) leaves WGSL unavailable, saying why", async () => {
    const r = await sanitized(() => sweep(boundsNeighbourSum, { backend: 'wgsl', runs: 2, seed: 1 }), 'racecheck');
    expect(r.pass).toBe(false);
    expect(r.unavailable).toBe(
      'WGSL unavailable: --sanitize racecheck is a compute-sanitizer tool of CUDA; WGSL sweeps are bounds-checked with --sanitize memcheck',
    );
  });
});
