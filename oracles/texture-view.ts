/**
 * Oracle of the TextureView sampling in kernels/lib/texture.wgsl (FACTS.md
 * §1), line for line in f32: Load, SampleLinear (taps clamped in signed
 * space) and SampleLinearTrilinear.
 */
import type { Surface } from '../harness/surface/surface.ts';
import { loadTexel } from '../harness/surface/texel.ts';

const f = Math.fround;
type Rgba = [number, number, number, number];

/** WGSL `mix(a, b, t) = a * (1 - t) + b * t`, per channel in f32. */
function mix(a: readonly number[], b: readonly number[], t: number): Rgba {
  return [0, 1, 2, 3].map((c) => f(f(a[c]! * f(1 - t)) + f(b[c]! * t))) as Rgba;
}

function clampedLevel(s: Surface, lod: number): number {
  return Math.min(lod, Math.max(s.desc.levels.length, 1) - 1);
}

/** `Load(px, lod)`: the texel, no bounds check beyond the level clamp. */
export function textureLoad(s: Surface, x: number, y: number, lod: number): Rgba {
  return loadTexel(s, x, y, clampedLevel(s, lod));
}

/** `SampleLinear(uv, lod)`: bilinear between texel centres, taps clamped to the level in signed space. */
export function sampleLinear(s: Surface, u: number, v: number, lod: number): Rgba {
  const l = clampedLevel(s, lod);
  const { width, height } = s.desc.levels[l]!;
  const px = f(f(f(u) * width) - 0.5);
  const py = f(f(f(v) * height) - 0.5);
  const fx0 = Math.floor(px);
  const fy0 = Math.floor(py);
  const fx = Math.min(Math.max(f(px - fx0), 0), 1);
  const fy = Math.min(Math.max(f(py - fy0), 0), 1);
  const cx = (x: number) => Math.min(Math.max(x, 0), width - 1);
  const cy = (y: number) => Math.min(Math.max(y, 0), height - 1);
  const c00 = loadTexel(s, cx(fx0), cy(fy0), l);
  const c10 = loadTexel(s, cx(fx0 + 1), cy(fy0), l);
  const c01 = loadTexel(s, cx(fx0), cy(fy0 + 1), l);
  const c11 = loadTexel(s, cx(fx0 + 1), cy(fy0 + 1), l);
  return mix(mix(c00, c10, fx), mix(c01, c11, fx), fy);
}

/** `SampleLinearTrilinear(uv, lodF)`: lodF clamped to the chain, two SampleLinear mixed. */
export function sampleLinearTrilinear(s: Surface, u: number, v: number, lodF: number): Rgba {
  const top = Math.max(s.desc.levels.length, 1) - 1;
  const lf = Math.min(Math.max(f(lodF), 0), top);
  const lo = Math.floor(lf);
  const hi = Math.min(lo + 1, top);
  return mix(sampleLinear(s, u, v, lo), sampleLinear(s, u, v, hi), f(lf - lo));
}

/** A sampling request, as the kernel receives it. */
export type ViewRequest =
  | { readonly mode: 'load'; readonly x: number; readonly y: number; readonly lod: number }
  | { readonly mode: 'linear'; readonly u: number; readonly v: number; readonly lod: number }
  | { readonly mode: 'trilinear'; readonly u: number; readonly v: number; readonly lodF: number };

/** One request's result. */
export function sampleView(s: Surface, r: ViewRequest): Rgba {
  if (r.mode === 'load') return textureLoad(s, r.x, r.y, r.lod);
  if (r.mode === 'linear') return sampleLinear(s, r.u, r.v, r.lod);
  return sampleLinearTrilinear(s, r.u, r.v, r.lodF);
}
