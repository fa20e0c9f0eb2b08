/**
 * outputInput, the one decision of what a captured output becomes on the
 * page: a typed buffer keeps its shape and names its channel axis only where
 * the shape has one; a texture is an image in its format's channels, one
 * picture per array layer or depth slice, at the mip level it was read from.
 */
import { describe, expect, test } from 'vitest';
import { compareElements } from '../../model/compare/elements.ts';
import { compareTextures } from '../../model/compare/texels.ts';
import { ELEMENT_TYPES } from '../../model/elements/element-types.ts';
import { exact } from '../../model/compare/policy.ts';
import type { CapturedElements } from '../../core/sweep/failure-listeners.ts';
import type { ElementOutputSpec, TextureOutputSpec } from '../../model/output/spec.ts';
import { elementErrorMap } from '../../model/compare/element-errors.ts';
import { channelNames } from '../../model/elements/shape.ts';
import { outputInput } from './capture-input.ts';
import type { BufferOutputInput, ImageOutputInput } from './failure-input.ts';

const untouched = { pass: true, corruptBytes: 0, violations: [] };

function buffer(shape: number[], expected: Float32Array, actual: Float32Array, dontCare?: Uint8Array) {
  const spec: ElementOutputSpec = { kind: 'elements', name: 'out', element: 'f32', shape, guardBytes: 256 };
  const mask = dontCare ? { dontCare } : {};
  const comparison = compareElements(expected, actual, { type: 'f32', shape, policy: exact(), ...mask });
  const channels = channelNames(comparison.shape);
  const map = elementErrorMap(expected, actual, { type: ELEMENT_TYPES.f32, policy: exact(), ...mask });
  const captured: CapturedElements = {
    kind: 'elements',
    name: 'out',
    outcome: comparison.pass ? 'pass' : 'mismatch',
    canary: untouched,
    spec,
    comparison,
    ...(channels ? { channels } : {}),
    map,
  };
  return outputInput(captured) as BufferOutputInput;
}

describe('a typed-buffer output', () => {
  test('[h, w, 3] names r, g, b; the wrong element is refused, the others not', () => {
    const e = Float32Array.from([1, 2, 3, 4, 5, 6]);
    const a = Float32Array.from([1, 2.5, 3, 4, 5, 6]);
    const b = buffer([1, 2, 3], e, a);
    expect(b).toMatchObject({
      kind: 'buffer',
      format: 'f32',
      element: 'float32',
      shape: [1, 2, 3],
      outcome: 'mismatch',
    });
    expect(b.channels).toEqual(['r', 'g', 'b']);
    expect([...b.refused]).toEqual([0, 1, 0, 0, 0, 0]);
    expect(b.errors[1]).toBeGreaterThan(0);
  });

  test("[h, w] and [n] have no channel name; a don't-care element travels as its mask and is never refused", () => {
    const e = Float32Array.from([1, 2, 3, 4]);
    const a = Float32Array.from([1, NaN, 3, 9]);
    const b = buffer([2, 2], e, a, Uint8Array.from([0, 1, 0, 0]));
    expect(b.channels).toBeUndefined();
    expect([...b.dontCare!]).toEqual([0, 1, 0, 0]);
    expect([...b.refused]).toEqual([0, 0, 0, 1]);
    expect(buffer([4], e, e).channels).toBeUndefined();
  });
});

describe('a texture output', () => {
  test('an rgba8unorm 2d-array level: one picture per layer, at its mip level, channels from the format', () => {
    const spec: TextureOutputSpec = {
      kind: 'texture',
      name: 'img',
      format: 'bgra8unorm',
      width: 2,
      height: 1,
      images: 2,
      level: 1,
    };
    const expected = Uint8Array.from({ length: 16 }, (_, i) => i * 10);
    const actual = expected.slice();
    actual[12 + 3] = 7; // layer 1, texel (1, 0), alpha
    const comparison = compareTextures(expected, actual, {
      format: spec.format,
      width: 2,
      height: 1,
      images: 2,
      policy: exact(),
    });
    const map = elementErrorMap(expected, actual, { type: ELEMENT_TYPES.unorm8, policy: exact() });
    const out = outputInput({
      kind: 'elements',
      name: 'img',
      outcome: 'mismatch',
      canary: untouched,
      spec,
      comparison,
      channels: channelNames(comparison.shape)!,
      map,
    }) as ImageOutputInput;
    expect(out).toMatchObject({
      kind: 'image',
      format: 'bgra8unorm',
      element: 'unorm8',
      channels: ['b', 'g', 'r', 'a'],
    });
    expect(out.levels.map((l) => [l.level, l.image, l.width, l.height])).toEqual([
      [1, { kind: 'layer', index: 0 }, 2, 1],
      [1, { kind: 'layer', index: 1 }, 2, 1],
    ]);
    expect([...out.levels[0]!.refused]).toEqual(new Array(8).fill(0));
    expect([...out.levels[1]!.refused]).toEqual([0, 0, 0, 0, 0, 0, 0, 1]);
    const volume = outputInput({
      kind: 'elements',
      name: 'img',
      outcome: 'mismatch',
      canary: untouched,
      spec: { ...spec, volume: true },
      comparison,
      channels: ['b', 'g', 'r', 'a'],
      map,
    }) as ImageOutputInput;
    expect(volume.levels.map((l) => l.image?.kind)).toEqual(['slice', 'slice']);
  });
});
