/**
 * Judging one case without a GPU: a fake DeviceOutput stands for what a backend read back. Each output judged
 * by its kind — a surface (canary, then comparison), a texture (texels only), elements (guard band, then
 * comparison) — the first failing output speaking for the case; oracle errors and setup errors become outcomes
 * with their text; the GPU's first surface goes to a chained oracle; the judging time leaves out the oracle's.
 */
import { threadId } from 'node:worker_threads';
import { expect, test } from 'vitest';
import { canaryByte, canaryBytes, guardedBytes } from '../../model/canary.ts';
import { exact, unormLsb, unormNearTie } from '../../model/compare/policy.ts';
import { textureDesc } from '../../model/surface/desc.ts';
import { createSurface, texelRanges, type Surface } from '../../model/surface/surface.ts';
import { writeCode } from '../../model/surface/texel.ts';
import type { ProducedOutput } from '../../model/output/spec.ts';
import { defineKernel, type OracleResult } from '../kernel/kernel.ts';
import { expectedTexels, firstSurface, judge, renderOutputComparison, type DeviceOutput } from './judge.ts';

const desc = textureDesc({ width: 2, height: 1, format: { storage: 'Unorm8x4', layout: 'Rgba' } });

/** The oracle's surface: r = 10 at x 0, 20 at x 1. */
function oracleSurface(): Surface {
  const s = createSurface(desc);
  writeCode(s, 0, 0, 0, 0, 10);
  writeCode(s, 1, 0, 0, 0, 20);
  return s;
}

/** What a GPU reads back for the oracle's surface: its texels in canary, r of texel 1 off by `off`. */
function surfaceOutput(off = 0, name = 'out'): ProducedOutput {
  const bytes = canaryBytes(guardedBytes(desc));
  for (const [a, b] of texelRanges(desc, [0])) bytes.set(oracleSurface().bytes.subarray(a, b), a);
  bytes[4] = 20 + off;
  return { spec: { kind: 'surface', name, desc, ownedLevels: [0] }, bytes };
}

/** A u32 [3] output read back as `values`, with `guardBytes` of canary after it. */
function elementsOutput(values: readonly number[], name = 'hist', guardBytes = 0): ProducedOutput {
  const bytes = canaryBytes(12 + guardBytes);
  bytes.set(new Uint8Array(Uint32Array.from(values).buffer));
  return { spec: { kind: 'elements', name, element: 'u32', shape: [3], guardBytes }, bytes };
}

/** An rgba8unorm 2x1 texture read back as `bytes`. */
function textureOutput(bytes: readonly number[]): ProducedOutput {
  return {
    spec: { kind: 'texture', name: 'img', format: 'rgba8unorm', width: 2, height: 1, images: 1 },
    bytes: Uint8Array.from(bytes),
  };
}

const kernel = (cpu: (n: number) => OracleResult, compare = exact()) =>
  defineKernel({
    name: 'judged',
    input: undefined as never,
    cpu,
    compare,
    implementations: { echo: () => ({}) },
  });

const device = (...outputs: ProducedOutput[]): DeviceOutput => ({ backend: 'echo', outputs });

test('a surface output: pass, mismatch, then canary before mismatch', () => {
  const k = kernel(() => oracleSurface());
  const pass = judge(k, 0, device(surfaceOutput()));
  expect(pass).toMatchObject({ outcome: 'pass', output: 'out', canary: { pass: true } });
  expect(pass.outputs).toHaveLength(1);
  const off = judge(k, 0, device(surfaceOutput(2)));
  expect(off.outcome).toBe('mismatch');
  expect(renderOutputComparison(off.comparison!).split('\n').slice(0, 2)).toEqual([
    '1 of 8 values differ (policy exact, Unorm8x4/Rgba)',
    expect.stringMatching(/^ {2}worst: level 0 \(1,0\) r: expected 0x14 \(0.0784314\) actual 0x16 /),
  ]);
  const within = judge(
    kernel(() => oracleSurface(), unormLsb(2)),
    0,
    device(surfaceOutput(2)),
  );
  expect(within.outcome).toBe('pass');
  const stray = surfaceOutput(2);
  stray.bytes[8] = canaryByte(8) ^ 1;
  expect(judge(k, 0, device(stray))).toMatchObject({ outcome: 'canary', canary: { pass: false, corruptBytes: 1 } });
});

test('element outputs: guard band, then comparison, masks passed; each output judged, the first failure speaks', () => {
  const k = kernel(() => ({ out: oracleSurface(), hist: Uint32Array.of(1, 2, 3) }));
  const good = judge(k, 0, device(surfaceOutput(), elementsOutput([1, 2, 3], 'hist', 8)));
  expect(good).toMatchObject({ outcome: 'pass', output: 'out' });
  expect(good.outputs!.map((o) => [o.output, o.outcome])).toEqual([
    ['out', 'pass'],
    ['hist', 'pass'],
  ]);
  const wrong = judge(k, 0, device(surfaceOutput(), elementsOutput([1, 9, 3], 'hist', 8)));
  expect(wrong).toMatchObject({ outcome: 'mismatch', output: 'hist' });
  expect(renderOutputComparison(wrong.comparison!)).toMatch(
    /^1 of 3 values differ \(policy exact, u32 \[3\], output hist\)/,
  );
  const past = elementsOutput([1, 2, 3], 'hist', 8);
  past.bytes[13] = canaryByte(13) ^ 1;
  expect(judge(k, 0, device(surfaceOutput(), past))).toMatchObject({
    outcome: 'canary',
    output: 'hist',
    canary: { corruptBytes: 1, violations: [{ region: 'guard', rowByte: 1, byteOffset: 13 }] },
  });
  // No guard band: the bytes after the data are not looked at.
  const unguarded = elementsOutput([1, 2, 3], 'hist', 0);
  expect(judge(k, 0, device(surfaceOutput(), unguarded)).outcome).toBe('pass');
  const masked = kernel(() => ({ values: Uint32Array.of(1, 2, 3), dontCare: [0, 1, 0] }));
  expect(judge(masked, 0, device(elementsOutput([1, 9, 3]))).outcome).toBe('pass');
});

test('a texture output: its texels compared, named by format, with no guard band', () => {
  const k = kernel(() => ({ values: Uint8Array.of(10, 0, 0, 255, 20, 0, 0, 255) }));
  const pass = judge(k, 0, device(textureOutput([10, 0, 0, 255, 20, 0, 0, 255])));
  expect(pass).toMatchObject({ outcome: 'pass', canary: { pass: true, corruptBytes: 0, violations: [] } });
  const off = judge(k, 0, device(textureOutput([10, 0, 0, 255, 21, 0, 0, 255])));
  expect(off.outcome).toBe('mismatch');
  expect(off.comparison).toMatchObject({ output: 'img', format: 'rgba8unorm texture unorm8 [1,2,4]' });
  expect(renderOutputComparison(off.comparison!)).toMatch(/^1 of 8 values differ \(policy exact, rgba8unorm texture/);
  expect(
    judge(
      kernel(() => ({ values: [1, 0.5] })),
      0,
      device(textureOutput([1, 2, 3, 4, 5, 6, 7, 8])),
    ),
  ).toMatchObject({
    outcome: 'setup-error',
    error:
      'judged: output img: the oracle returned 2 values for rgba8unorm texture 2x1 (unorm8 [1,2,4]): it must ' +
      'return 8, one per texel channel in memory order (r, g, b, a), as numbers or as stored codes in a typed array',
  });
});

test('expected texels: a typed array as stored codes, numbers and a Float64Array as values; the count checked', () => {
  const spec = (width: number, images = 1) =>
    ({ kind: 'texture', name: 'img', format: 'rgba8unorm', width, height: 1, images }) as const;
  expect([...expectedTexels(Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8).subarray(2, 6), spec(1))]).toEqual([3, 4, 5, 6]);
  expect([...expectedTexels([0, 0.5, 1, 1], spec(1))]).toEqual([0, 128, 255, 255]);
  expect([...expectedTexels(Float64Array.of(0, 0.5, 1, 1), spec(1))]).toEqual([0, 128, 255, 255]);
  const must = 'one per texel channel in memory order (r, g, b, a), as numbers or as stored codes in a typed array';
  expect(() => expectedTexels([0.5], spec(1))).toThrow(
    `the oracle returned 1 value for rgba8unorm texture 1x1 (unorm8 [1,1,4]): it must return 4, ${must}`,
  );
  expect(() => expectedTexels(new Uint8Array(12), spec(2, 2))).toThrow(
    'the oracle returned 12 bytes (12 unorm8 codes) for rgba8unorm texture 2x1x2 (unorm8 [2,1,2,4]): ' +
      `it must return 16, ${must}`,
  );
  expect(expectedTexels(new Uint8Array(16), spec(2, 2))).toHaveLength(16);
  // Two-byte channels: a count of codes, not of bytes.
  const rgba16 = { ...spec(1), format: 'rgba16uint' };
  expect(expectedTexels(new Uint16Array(4), rgba16)).toHaveLength(8);
  expect(() => expectedTexels(new Uint16Array(3), rgba16)).toThrow(
    'the oracle returned 6 bytes (3 u16 codes) for rgba16uint texture 1x1 (u16 [1,1,4]): ',
  );
});

test('a chained oracle gets the GPU first surface output; an oracle that sees the outputs is told them', () => {
  const seen: Array<Surface | undefined> = [];
  const k = defineKernel({
    ...kernel(() => oracleSurface()),
    cpu: (_: number, gpu?: Surface) => (seen.push(gpu), oracleSurface()),
  });
  judge(k, 0, device(surfaceOutput(5)));
  expect(seen[0]!.bytes[4]).toBe(25);
  expect(firstSurface(device(elementsOutput([1, 2, 3])))).toBeUndefined();
  expect(firstSurface(device(elementsOutput([1, 2, 3]), surfaceOutput(1)))!.bytes[4]).toBe(21);
  const names: string[][] = [];
  judge(
    kernel(() => oracleSurface()),
    0,
    device(surfaceOutput()),
    (e) => names.push([...e.keys()]),
  );
  expect(names).toEqual([['out']]);
});

test('errors become outcomes with their text: the oracle threw, it lacks an output, kinds or surfaces differ', () => {
  const onOracle = (): void => {
    throw new Error('onOracle must not run when the oracle fails');
  };
  const threw = kernel(() => {
    throw new Error('boom');
  });
  expect(judge(threw, 0, device(surfaceOutput()), onOracle)).toMatchObject({
    outcome: 'oracle-error',
    error: 'judged: oracle threw: boom',
    oracleMs: expect.any(Number),
  });
  const lacks = kernel(() => ({ image: oracleSurface() }));
  expect(judge(lacks, 0, device(surfaceOutput(), elementsOutput([1, 2, 3])), onOracle)).toMatchObject({
    outcome: 'setup-error',
    error: 'judged: the oracle returned no output out (it returned: image)',
  });
  expect(
    judge(
      kernel(() => [1, 2, 3]),
      0,
      device(surfaceOutput()),
    ),
  ).toMatchObject({
    outcome: 'setup-error',
    error:
      'judged: output out is a surface on echo (output()) but the oracle gave element values. Fix: declare it with ' +
      'outputBuffer() (in WGSL also outputTexture()) on echo, or return a surface from the oracle',
  });
  expect(
    judge(
      kernel(() => oracleSurface()),
      0,
      device(elementsOutput([1, 2, 3])),
    ),
  ).toMatchObject({
    outcome: 'setup-error',
    error:
      'judged: output hist holds elements on echo (outputBuffer() (in WGSL also outputTexture())) but the oracle ' +
      'gave a surface. Fix: declare it with output() on echo, or return element values from the oracle',
  });
  const other = createSurface(textureDesc({ width: 3, height: 1, format: { storage: 'Unorm8x4', layout: 'Rgba' } }));
  expect(
    judge(
      kernel(() => other),
      0,
      device(surfaceOutput()),
    ).error,
  ).toMatch(/^judged: output out: oracle and GPU outputs describe different surfaces: oracle 3x1 .*, GPU 2x1 /);
});

test("the oracle's exact values reach the policy, for a surface and for texels", () => {
  // Truncating, 20.9999 LSB lies next to the boundary at 21: code 21 for 20 is accepted only knowing that.
  const exactLevel = Float64Array.from({ length: 8 }, (_, i) => (i === 4 ? 20.9999 / 255 : 0));
  const surface = kernel(() => ({ surface: oracleSurface(), exact: { rounding: 'truncate', levels: [exactLevel] } }));
  const tie = unormNearTie(0.001);
  expect(judge(defineKernel({ ...surface, compare: tie }), 0, device(surfaceOutput(1))).outcome).toBe('pass');
  const texels = Uint8Array.of(10, 0, 0, 255, 20, 0, 0, 255);
  const texture = kernel(() => ({ values: texels, exact: { rounding: 'truncate', values: exactLevel } }), tie);
  expect(judge(texture, 0, device(textureOutput([10, 0, 0, 255, 21, 0, 0, 255]))).outcome).toBe('pass');
  // Without them the policy cannot judge: a setup error, not a pass.
  expect(
    judge(
      kernel(() => ({ values: texels }), tie),
      0,
      device(textureOutput([10, 0, 0, 255, 21, 0, 0, 255])),
    ),
  ).toMatchObject({
    outcome: 'setup-error',
    error: expect.stringContaining("needs the oracle's exact values"),
  });
});

test('a failure that is no setup problem is not turned into one: it is thrown', () => {
  const broken = kernel(() => oracleSurface(), (() => {
    throw new Error('a bug in the policy choice');
  }) as never);
  expect(() => judge(broken, 0, device(surfaceOutput()))).toThrow('a bug in the policy choice');
});

test('the time spent judging leaves out the oracle; the judgement names the thread that judged', () => {
  // The oracle waits 50 ms; judging one small surface takes far less.
  const slowOracle = kernel(() => {
    const until = performance.now() + 50;
    while (performance.now() < until);
    return oracleSurface();
  });
  const j = judge(slowOracle, 0, device(surfaceOutput()));
  expect(j.oracleMs).toBeGreaterThanOrEqual(50);
  expect(j.judgeMs).toBeGreaterThan(0);
  expect(j.judgeMs).toBeLessThan(50);
  expect(j.judgedOn).toBe(threadId);
});
