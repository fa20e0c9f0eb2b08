/**
 * Typed buffers on the C++ backend, real on the system compiler: a kernel
 * with an f32 [h, w, 3] output and a u32 histogram passes, judged per
 * output, and its failure data (what the report reads) carries both outputs
 * and every allocation's protection; each planted bug fails with its verdict
 * and diagnostic, shrunk to 1x1: one histogram element off, a store one
 * element past the f32 output (its guard band), a store into a read-only
 * input (located by element), a read past a float input (its NaN poison
 * shows in the output); an output of the wrong kind for its oracle is
 * a setup error naming the backend and the fix, either way.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import type { BufferOutputData, FailureFile } from '../../reports/failure/failure-data.ts';
import { runConfig } from '../../core/settings/settings.ts';
import { runCase } from '../../core/sweep/case.ts';
import { renderSweepFailure, sweep } from '../../core/sweep/sweep.ts';
import { cppBackend } from './backend.ts';
import {
  cppElementsForSurface,
  cppHistOneOff,
  cppRgbHist,
  cppReadsPastGain,
  cppRgbPastEnd,
  cppSurfaceForElements,
  cppWritesGain,
  HIST_BINS,
} from './fixtures/buffer-kernels.ts';

const RUNS = Number(process.env.TWINPATH_RUNS ?? 20);
let dir = '';

beforeAll(() => {
  dir = join(runConfig().reportDir, 'native-buffers');
  rmSync(dir, { recursive: true, force: true });
  process.env.TWINPATH_REPORT = dir;
});

describe('typed buffers on the C++ backend: sweeps, mismatches and the failure a report reads', () => {
  test('two element outputs pass a sweep, each judged on its own', async () => {
    const r = await sweep(cppRgbHist, { backend: 'cpp', runs: RUNS, seed: 1 });
    expect(r.pass).toBe(true);
    expect(r.runs).toBe(RUNS);
    const one = await runCase(cppRgbHist, { width: 5, height: 3, seed: 9 }, { backend: 'cpp' });
    expect(one.outcome).toBe('pass');
    expect(one.outputs?.map((o) => [o.output, o.outcome])).toEqual([
      ['rgb', 'pass'],
      ['hist', 'pass'],
    ]);
    expect(one.protection).toEqual({
      'output rgb': 'guard-band',
      'output hist': 'guard-band',
      'buffer 1': 'guard-band',
      'buffer 2': 'guard-band',
    });
  });

  test('the backend hands the judge element outputs, data then guard band, as the WGSL side does', async () => {
    const compiled = await cppBackend.compile(cppRgbHist, 'rgb_hist [cpp]');
    if (!('compiled' in compiled)) throw new Error(JSON.stringify(compiled));
    const [run] = await cppBackend.run(compiled.compiled, [{ width: 2, height: 1, seed: 3 }], 60_000);
    if (!run) throw new Error('no run');
    if (!('outputs' in run)) throw new Error(run.error);
    expect(run.outputs.map((o) => o.spec)).toEqual([
      { kind: 'elements', name: 'rgb', element: 'f32', shape: [1, 2, 3], guardBytes: 256 },
      { kind: 'elements', name: 'hist', element: 'u32', shape: [HIST_BINS], guardBytes: 256 },
    ]);
    expect(run.outputs.map((o) => o.bytes.length)).toEqual([2 * 3 * 4 + 256, HIST_BINS * 4 + 256]);
    expect(run.inputs.map((i) => [i.label, i.element])).toEqual([
      ['buffer 1', { bytes: 1, count: 8, type: 'u8' }],
      ['buffer 2', { bytes: 4, count: 3, type: 'f32' }],
    ]);
  });

  test('planted: one histogram element off is a mismatch of that output alone, shrunk to 1x1', async () => {
    const r = await sweep(cppHistOneOff, { backend: 'cpp', runs: RUNS, seed: 2 });
    expect(r.pass).toBe(false);
    const f = r.failure!.result;
    expect(f.outcome).toBe('mismatch');
    expect(f.output).toBe('hist');
    expect(f.outputs?.map((o) => [o.output, o.outcome])).toEqual([
      ['rgb', 'pass'],
      ['hist', 'mismatch'],
    ]);
    expect(f.case).toBe('1x1 #0');
    expect(renderSweepFailure(r)).toMatch(
      /3 values match \(policy exact, f32 \[1,1,3\], output rgb\)\n1 of 16 values differ \(policy exact, u32 \[16\], output hist\)\n {2}worst: \[\d+\]: expected 0x00000001 \(1\) actual 0x00000002 \(2\)/,
    );
  });

  test('the failure a report reads: both outputs as buffers with their verdicts, every allocation guard-band', async () => {
    const r = await sweep(cppHistOneOff, { backend: 'cpp', runs: RUNS, seed: 5 });
    expect(r.failure?.artifactErrors).toBeUndefined();
    const json = r.failure?.artifacts?.json;
    expect(json, 'no failure data written').toBeDefined();
    const data = JSON.parse(readFileSync(join(dir, json!), 'utf8')) as FailureFile;
    expect(data.failedOutput).toBe('hist');
    expect(data.outputs.map((o) => [o.name, o.kind, o.outcome])).toEqual([
      ['rgb', 'buffer', 'pass'],
      ['hist', 'buffer', 'mismatch'],
    ]);
    expect((data.outputs[0] as BufferOutputData).axes).toEqual(['x', 'y', 'channel']);
    expect(data.protection).toEqual({
      'output rgb': 'guard-band',
      'output hist': 'guard-band',
      'buffer 1': 'guard-band',
      'buffer 2': 'guard-band',
    });
  });
});

describe('typed buffers on the C++ backend: guard bands, poison, inputs, and outputs the oracle does not match', () => {
  test('planted: a store one element past the f32 output lands in its guard band: a canary failure', async () => {
    const r = await sweep(cppRgbPastEnd, { backend: 'cpp', runs: RUNS, seed: 3 });
    expect(r.pass).toBe(false);
    const f = r.failure!.result;
    expect(f.outcome).toBe('canary');
    expect(f.output).toBe('rgb');
    expect(f.case).toBe('1x1 #0');
    expect(f.canary?.violations[0]).toMatchObject({ region: 'guard', rowByte: 0, byteOffset: 12, bytes: 4 });
    expect(renderSweepFailure(r)).toMatch(
      /canary: guard band byte 0 \(buffer offset 12\), 4 bytes overwritten: expected [0-9a-f ]{11}, got 00 00 80 3f/,
    );
  });

  test('planted: a store into a read-only input buffer is input-changed, located by element', async () => {
    const r = await sweep(cppWritesGain, { backend: 'cpp', runs: RUNS, seed: 4 });
    expect(r.pass).toBe(false);
    const f = r.failure!.result;
    expect(f.outcome).toBe('input-changed');
    expect(f.case).toBe('1x1 #0');
    expect(f.inputChanges?.[0]).toMatchObject({ label: 'buffer 2', elements: { bytes: 4, count: 3 } });
    expect(f.inputChanges?.[0]?.runs[0]).toMatchObject({ element: 1, where: 'element 1 byte 2' });
    expect(f.error).toBe(
      'cpp_writes_gain: input buffer 2 changed at element 1 byte 2 (buffer offset 6): 0xa0 then 0x00; 2 bytes differ (a write through a wrong or aliased binding?)',
    );
  });

  test('planted: a read past a float input buffer takes its NaN poison, so it shows in the output', async () => {
    const r = await sweep(cppReadsPastGain, { backend: 'cpp', runs: RUNS, seed: 6 });
    expect(r.pass).toBe(false);
    const f = r.failure!.result;
    expect(f.outcome).toBe('mismatch');
    expect(f.output).toBe('rgb');
    expect(f.case).toMatch(/^1x1 #\d+$/);
    expect(renderSweepFailure(r)).toMatch(
      /\(0,0\) b: expected 0x[0-9a-f]{8} \([-\d.e+]+\) actual 0x7f[c-f][0-9a-f]{5} \(NaN\)/,
    );
  });

  test('a surface output where the oracle gives element values names the backend and the fix', async () => {
    const r = await runCase(cppSurfaceForElements, { width: 2, height: 1, padWords: 0, value: 1 }, { backend: 'cpp' });
    expect(r.outcome).toBe('setup-error');
    expect(r.error).toBe(
      'cpp_surface_for_elements: output out is a surface on cpp (output()) but the oracle gave element values. Fix: declare it with outputBuffer() (in WGSL also outputTexture()) on cpp, or return a surface from the oracle',
    );
  });

  test('element outputs where the oracle gives a surface name the backend and the fix the other way', async () => {
    const r = await runCase(cppElementsForSurface, { width: 2, height: 1, seed: 1 }, { backend: 'cpp' });
    expect(r.outcome).toBe('setup-error');
    expect(r.error).toBe(
      'cpp_elements_for_surface: output hist holds elements on cpp (outputBuffer() (in WGSL also outputTexture())) but the oracle gave a surface. Fix: declare it with output() on cpp, or return element values from the oracle',
    );
  });
});
