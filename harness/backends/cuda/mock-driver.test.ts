/**
 * The CUDA backend's driver path on a mock driver and NVRTC (fixtures/), so
 * it is tested on machines without a GPU: arguments and memory, events,
 * the launch grid, a kernel fault and the context reset, guard bands,
 * compile errors at file:line:col, a missing entry point.
 */
import koffi from 'koffi';
import { beforeAll, describe, expect, test } from 'vitest';
import { runCase } from '../../run-case.ts';
import { sweep } from '../../sweep.ts';
import {
  mockFault,
  mockFill,
  mockFillGridShort,
  mockNoCompile,
  mockNoEntry,
  mockWriteBefore,
  useMockCuda,
} from './fixtures/mock-kernels.ts';

let resets: () => number;

beforeAll(() => {
  const lib = koffi.load(useMockCuda());
  resets = lib.func('int mock_resets()') as () => number;
});

const c = { width: 20, height: 3, padWords: 1, value: 0x3f800000 };

describe('on the mock driver', () => {
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
      'mock_no_compile [cuda]: NVRTC compilation failed (--gpu-architecture=sm_90 --std=c++17):',
    );
    expect(r.error).toContain(
      'harness/backends/cuda/fixtures/mock.cu:3:12: error: identifier "mock_undefined" is undefined',
    );
  });

  test('a missing entry point is a setup error with the fix', async () => {
    const r = await runCase(mockNoEntry, c, { backend: 'cuda' });
    expect(r.outcome).toBe('setup-error');
    expect(r.error).toBe(
      'mock_no_entry [cuda]: no extern "C" __global__ function mock_absent in the module. Fix: define it with TP_KERNEL',
    );
  });
});
