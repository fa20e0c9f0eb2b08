/**
 * The WGSL library's SampleLinear arithmetic (kernels/lib/texture.wgsl),
 * over any texel loader and rounding function: texel centres, floor, weights
 * clamped to [0, 1], taps clamped to the level in signed space, and WGSL's
 * `mix(a, b, t) = a * (1 - t) + b * t`.
 */

/** Channel `c` of texel (x, y). */
export type TexelLoad = (x: number, y: number, c: number) => number;

/** `mix(a, b, t)` with each operation rounded by `r`. */
export function mix(a: number, b: number, t: number, r: (x: number) => number): number {
  return r(r(a * r(1 - t)) + r(b * t));
}

/** Bilinear rgba at uv of a `width` x `height` level. */
export function sampleBilinear(load: TexelLoad, width: number, height: number, u: number, v: number, r: (x: number) => number): number[] {
  const px = r(r(r(u) * width) - 0.5);
  const py = r(r(r(v) * height) - 0.5);
  const x0 = Math.floor(px);
  const y0 = Math.floor(py);
  const fx = Math.min(Math.max(r(px - x0), 0), 1);
  const fy = Math.min(Math.max(r(py - y0), 0), 1);
  const cx = (x: number) => Math.min(Math.max(x, 0), width - 1);
  const cy = (y: number) => Math.min(Math.max(y, 0), height - 1);
  return [0, 1, 2, 3].map((c) => {
    const top = mix(load(cx(x0), cy(y0), c), load(cx(x0 + 1), cy(y0), c), fx, r);
    const bottom = mix(load(cx(x0), cy(y0 + 1), c), load(cx(x0 + 1), cy(y0 + 1), c), fx, r);
    return mix(top, bottom, fy, r);
  });
}
