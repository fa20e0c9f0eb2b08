/**
 * The CUDA backend's driver path on a mock driver and NVRTC (fixtures/), so
 * it is tested on machines without a GPU: arguments and memory, events,
 * the launch grid, a kernel fault and the context reset, guard bands,
 * compile errors at file:line:col, a missing entry point.
 */
import koffi from 'koffi';
import { beforeAll, describe, expect, test } from 'vitest';
import { runCase } from '../../core/sweep/case.ts';
import { renderSweepFailure, sweep } from '../../core/sweep/sweep.ts';
import {
  mockFault,
  mockFill,
  mockFillGridShort,
  mockNoCompile,
  mockNoEntry,
  mockScale,
  mockScalePastEnd,
  mockScaleWritesInput,
  mockWriteBefore,
  useMockCuda,
} from './fixtures/mock-kernels.ts';

let resets: () => number;

beforeAll(() => {
  const lib = koffi.load(useMockCuda());
  resets = lib.func('int mock_resets()') as () => number;
});

const c = { width: 20, height: 3, padWords: 1, value: 0x3f800000 };

describe('on the mock driver: sweeps, kernel faults and source errors', () => {
  test('a sweep passes, on the device the driver names, timed by events per launch', async () => {
    const r = await sweep(mockFill, { backend: 'cuda', runs: 12, seed: 1 });
    expect(r.pass).toBe(true);
    expect(r.backend).toBe('cuda');
    expect(r.adapter).toMatchObject({
      vendor: 'nvidia',
      architecture: 'sm_90',
      device: 'Mock CUDA device',
      software: false,
    });
    expect(r.adapter.description).toBe('CUDA driver API 13.0, NVRTC 13.0');
    expect(r.timing.source).toBe('CUDA events around each launch');
    expect(r.timing.gpuNs?.avg).toBe(250_000);
  });

  test('planted: a launch grid one block short leaves texels unwritten — a mismatch, shrunk to 1x1', async () => {
    const r = await sweep(mockFillGridShort, { backend: 'cuda', runs: 50, seed: 2 });
    expect(r.pass).toBe(false);
    expect(r.failure?.result.outcome).toBe('mismatch');
    expect(r.failure?.result.case).toMatch(/^1x1 pad \d value 0$/);
    expect(r.failure?.replay).toContain('--backend cuda');
  });

  test('a kernel fault fails its case by name, the context is reset, and the next case runs', async () => {
    const before = resets();
    const f = await runCase(mockFault, c, { backend: 'cuda' });
    expect(f.outcome).toBe('gpu-error');
    expect(f.error).toBe(
      'mock_fault [cuda]: launch 1 (mock_fault) faulted: cuStreamQuery: CUDA_ERROR_ILLEGAL_ADDRESS (an illegal memory access was encountered); the CUDA context was reset and the run goes on',
    );
    expect(resets()).toBe(before + 1);
    expect((await runCase(mockFill, c, { backend: 'cuda' })).outcome).toBe('pass');
  });

  test('planted: a write before the output lands in the front guard band and is located', async () => {
    const r = await runCase(mockWriteBefore, c, { backend: 'cuda' });
    expect(r.outcome).toBe('canary');
    expect(r.pass).toBe(false);
    expect(r.error).toMatch(
      /^mock_write_before \[cuda\]: the guard band before output was written\ncanary: guard band before the data, byte -4 \(buffer offset -4\), 4 bytes overwritten: expected [0-9a-f ]+, got 00 00 00 00$/,
    );
  });

  test('an NVRTC error is reported at file:line:col of the original source', async () => {
    const r = await runCase(mockNoCompile, c, { backend: 'cuda' });
    expect(r.outcome).toBe('compile-error');
    expect(r.error).toContain(
      'mock_no_compile [cuda]: NVRTC compilation failed (--gpu-architecture=sm_90 -default-device -std=c++17 -I',
    );
    const toolkit = process.env.CUDA_PATH!;
    expect(r.error).toContain(`-I${toolkit}/include -I${toolkit}/include/cccl -I`);
    expect(r.error).toContain(
      'src/backends/cuda/fixtures/mock.cu:3:12: error: identifier "mock_undefined" is undefined',
    );
  });

  test('planted: an NVRTC error ends the sweep before its first case: compile-error, 0 cases, no replay', async () => {
    const r = await sweep(mockNoCompile, { backend: 'cuda', runs: 12, seed: 5 });
    expect(r).toMatchObject({ pass: false, runs: 0, cases: [], outcomes: {} });
    expect(r.failure).toBeUndefined();
    expect(r.compileError).toContain(
      'src/backends/cuda/fixtures/mock.cu:3:12: error: identifier "mock_undefined" is undefined',
    );
    expect(renderSweepFailure(r)).toMatch(/^mock_no_compile \[cuda\]: compile-error \(0 cases run\)\n/);
  });

  test('a missing entry point is a setup error with the fix', async () => {
    const r = await runCase(mockNoEntry, c, { backend: 'cuda' });
    expect(r.outcome).toBe('setup-error');
    expect(r.error).toBe(
      'mock_no_entry [cuda]: no kernel mock_absent in the module; it has: mock_fill. Fix: launch a kernel the module has, by its name as written; define an extern "C" __global__ function (TP_KERNEL), or instantiate the template (template __global__ void reduce<int, 64, true>(int*);)',
    );
  });
});

describe('on the mock driver: typed buffers, their guard bands and inputs', () => {
  test('typed buffers: an f32 input, two element outputs by name, every allocation guarded', async () => {
    const r = await sweep(mockScale, { backend: 'cuda', runs: 12, seed: 3 });
    expect(r.pass).toBe(true);
    const one = await runCase(mockScale, { count: 70, seed: 5 }, { backend: 'cuda' });
    expect(one.outputs?.map((o) => [o.output, o.outcome])).toEqual([
      ['scaled', 'pass'],
      ['done', 'pass'],
    ]);
    expect(one.protection).toEqual({
      'output scaled': 'guard-band',
      'output done': 'guard-band',
      'buffer 1': 'guard-band',
    });
  });

  test('planted: a store one element past an output buffer is its canary failure, in the guard band', async () => {
    const r = await sweep(mockScalePastEnd, { backend: 'cuda', runs: 12, seed: 4 });
    expect(r.failure?.result).toMatchObject({ outcome: 'canary', output: 'scaled', case: '1 f32 #0' });
    expect(r.failure?.result.canary?.violations[0]).toMatchObject({ region: 'guard', rowByte: 0, byteOffset: 4 });
  });

  test('planted: a store into a read-only input buffer is input-changed, located by element', async () => {
    const r = await runCase(mockScaleWritesInput, { count: 3, seed: 1 }, { backend: 'cuda' });
    expect(r.outcome).toBe('input-changed');
    expect(r.error).toMatch(
      /^mock_scale_writes_input: input buffer 1 changed at element 2 byte [0-3] \(buffer offset \d+\)/,
    );
  });
});
