/**
 * How the layout check judges the GPU's view, with the probe's readings given
 * (the probe itself runs on the GPU in three-way.test.ts): a member the GPU
 * finds elsewhere, reads past its size, or names differently fails its row; a
 * runtime-sized array may read on past its declared size; a rejected probe is
 * a problem of its own.
 */
import { beforeEach, describe, expect, test, vi } from 'vitest';
import type { ProbedMember, ProbeResult } from './probe.ts';
import { array, f32, struct, u32, vec3 } from '../model/layout/types.ts';

const probe = vi.hoisted(() => ({ result: undefined as ProbeResult | undefined, calls: [] as string[] }));
vi.mock('./probe.ts', () => ({
  probeLayout: async (_code: string, s: { name: string }, space: string) => {
    probe.calls.push(`${s.name} ${space}`);
    return probe.result;
  },
}));
// The setup file loaded the harness (and the real probe) already: check.ts is loaded afresh, over the mock.
vi.resetModules();
const { checkLayout, renderLayoutCheck } = await import('./check.ts');

const P = struct('P', { gain: f32, tint: vec3(f32), seed: u32 });
const WGSL = 'struct P { gain: f32, tint: vec3<f32>, seed: u32 }';
const AGREE: ProbedMember[] = [
  { name: 'gain', offset: 0, extent: 4 },
  { name: 'tint', offset: 16, extent: 12 },
  { name: 'seed', offset: 28, extent: 4 },
];
const gpuSays = (members: ProbedMember[]) => (probe.result = { members });

beforeEach(() => {
  probe.result = undefined;
  probe.calls = [];
});

describe('the GPU view', () => {
  test('agreement with the GPU: its offsets in the rows, one line of text; the probe asked once, in the space checked', async () => {
    gpuSays(AGREE);
    const c = await checkLayout({ ts: P, wgsl: { code: WGSL } as never, space: 'storage' });
    expect(probe.calls).toEqual(['P storage']);
    expect(c.pass).toBe(true);
    expect(c.rows.map((r) => r.gpu)).toEqual(AGREE);
    expect(renderLayoutCheck(c)).toBe('P (storage): TS, WGSL and GPU agree: 32 bytes, 3 fields');
  });

  test('planted: the GPU finds a member elsewhere, reads past it, names it otherwise, or misses it', async () => {
    const at = async (members: ProbedMember[]) => {
      gpuSays(members);
      const c = await checkLayout({ ts: P, wgsl: WGSL });
      return { pass: c.pass, firstMismatch: c.firstMismatch, rows: c.rows.map((r) => r.ok) };
    };
    const bad = (i: number, m: Partial<ProbedMember>) => AGREE.map((x, k) => (k === i ? { ...x, ...m } : x));
    expect(await at(bad(1, { offset: 12 }))).toEqual({ pass: false, firstMismatch: 1, rows: [true, false, true] });
    expect(await at(bad(2, { extent: 8 }))).toEqual({ pass: false, firstMismatch: 2, rows: [true, true, false] });
    expect(await at(bad(0, { name: 'gian' }))).toEqual({ pass: false, firstMismatch: 0, rows: [false, true, true] });
    expect(await at(AGREE.slice(0, 2))).toEqual({ pass: false, firstMismatch: 2, rows: [true, true, false] });
    // Reading less than the declared size is no disagreement (the probe reads scalar leaves).
    expect(await at(bad(1, { extent: 4 }))).toEqual({ pass: true, firstMismatch: undefined, rows: [true, true, true] });
    gpuSays(bad(1, { offset: 20 }));
    const text = renderLayoutCheck(await checkLayout({ ts: P, wgsl: WGSL }));
    expect(text.split('\n')).toEqual([
      'P (storage): first wrong field #1: TS tint, WGSL tint; 1 read elsewhere by the GPU (tint at 20); size TS 32, WGSL 32',
      '     #  field  TS off/size  WGSL field  WGSL off/size  GPU off  note',
      '     0  gain   0/4          gain        0/4            0',
      '  ✗  1  tint   16/12        tint        16/12          20       read elsewhere by the GPU',
      '     2  seed   28/4         seed        28/4           28',
    ]);
  });

  test('a runtime-sized array may read on past its size of 0; another member may not', async () => {
    const R = struct('R', { n: u32, data: array(f32) });
    const wgsl = 'struct R { n: u32, data: array<f32> }';
    gpuSays([
      { name: 'n', offset: 0, extent: 4 },
      { name: 'data', offset: 4, extent: 8 },
    ]);
    expect((await checkLayout({ ts: R, wgsl })).pass).toBe(true);
    gpuSays([
      { name: 'n', offset: 0, extent: 8 },
      { name: 'data', offset: 4, extent: 8 },
    ]);
    expect((await checkLayout({ ts: R, wgsl })).firstMismatch).toBe(0);
    const F = struct('F', { n: u32, data: array(f32, 1) });
    gpuSays([
      { name: 'n', offset: 0, extent: 4 },
      { name: 'data', offset: 4, extent: 8 },
    ]);
    expect((await checkLayout({ ts: F, wgsl: 'struct F { n: u32, data: array<f32, 1> }' })).firstMismatch).toBe(1);
  });

  test('a probe the GPU rejects is a problem, its message indented under the table; no struct in the WGSL, no probe', async () => {
    probe.result = { error: 'line 1: bad\nline 2: worse' };
    const c = await checkLayout({ ts: P, wgsl: WGSL, space: 'uniform' });
    expect(probe.calls).toEqual(['P uniform']);
    expect(c.problems).toEqual([
      'GPU: the probe of P in uniform space was rejected:\n    line 1: bad\n    line 2: worse',
    ]);
    expect(c.rows.every((r) => r.gpu === undefined)).toBe(true);
    expect(renderLayoutCheck(c).split('\n').slice(-3)).toEqual([
      '  GPU: the probe of P in uniform space was rejected:',
      '    line 1: bad',
      '    line 2: worse',
    ]);
    probe.calls = [];
    await checkLayout({ ts: P, wgsl: 'struct Q { x: f32 }' });
    await checkLayout({ ts: P, wgsl: WGSL, gpu: false });
    expect(probe.calls).toEqual([]);
  });
});
