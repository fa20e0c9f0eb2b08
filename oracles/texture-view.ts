/**
 * Oracle of the TextureView sampling in src/lib/texture.wgsl (docs/facts.md#textures),
 * line for line in f32: Load, SampleLinear (taps clamped in signed
 * space) and SampleLinearTrilinear.
 */
import { type Surface, decodeCode, loadTexel, readCode } from 'twinpath/oracle';
import { mix, sampleBilinear } from './bilinear.ts';

const f = Math.fround;
type Rgba = [number, number, number, number];

function clampedLevel(s: Surface, lod: number): number {
  return Math.min(lod, Math.max(s.desc.levels.length, 1) - 1);
}

/** `Load(px, lod)`: the texel, no bounds check beyond the level clamp. */
export function textureViewLoad(s: Surface, x: number, y: number, lod: number): Rgba {
  return loadTexel(s, x, y, clampedLevel(s, lod));
}

/** `SampleLinear(uv, lod)`: bilinear between texel centres, taps clamped to the level in signed space. */
export function sampleLinear(s: Surface, u: number, v: number, lod: number): Rgba {
  const l = clampedLevel(s, lod);
  const { width, height } = s.desc.levels[l]!;
  const storage = s.desc.format.storage;
  return sampleBilinear(
    (x, y, level, c) => decodeCode(storage, readCode(s, x, y, level, c)),
    l,
    width,
    height,
    u,
    v,
    f,
  ) as Rgba;
}

/** `SampleLinearTrilinear(uv, lodF)`: lodF clamped to the chain, two SampleLinear mixed. */
export function sampleLinearTrilinear(s: Surface, u: number, v: number, lodF: number): Rgba {
  const top = Math.max(s.desc.levels.length, 1) - 1;
  const lf = Math.min(Math.max(f(lodF), 0), top);
  const lo = Math.floor(lf);
  const hi = Math.min(lo + 1, top);
  const a = sampleLinear(s, u, v, lo);
  const b = sampleLinear(s, u, v, hi);
  return a.map((x, c) => mix(x, b[c]!, f(lf - lo), f)) as Rgba;
}

/** A sampling request, as the kernel receives it. */
export type ViewRequest =
  | { readonly mode: 'load'; readonly x: number; readonly y: number; readonly lod: number }
  | { readonly mode: 'linear'; readonly u: number; readonly v: number; readonly lod: number }
  | { readonly mode: 'trilinear'; readonly u: number; readonly v: number; readonly lodF: number };

/** One request's result. */
export function sampleView(s: Surface, r: ViewRequest): Rgba {
  if (r.mode === 'load') return textureViewLoad(s, r.x, r.y, r.lod);
  if (r.mode === 'linear') return sampleLinear(s, r.u, r.v, r.lod);
  return sampleLinearTrilinear(s, r.u, r.v, r.lodF);
}
