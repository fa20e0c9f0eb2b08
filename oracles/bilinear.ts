/**
 * The WGSL library's SampleLinear arithmetic (src/lib/texture.wgsl),
 * over any texel loader and rounding function: texel centres, floor, weights
 * clamped to [0, 1], taps clamped to the level in signed space, and WGSL's
 * `mix(a, b, t) = a * (1 - t) + b * t`.
 */

/** Channel `c` of texel (x, y) of mip level `level`. */
export type TexelLoad = (x: number, y: number, level: number, c: number) => number;

/** `mix(a, b, t)` with each operation rounded by `r`. */
export function mix(a: number, b: number, t: number, r: (x: number) => number): number {
  return r(r(a * r(1 - t)) + r(b * t));
}

/** A tap index clamped to [0, size - 1], as the WGSL clamps in signed space. */
function clampTap(i: number, size: number): number {
  return Math.min(Math.max(i, 0), size - 1);
}

/** Bilinear rgba at uv of mip level `level` (`width` x `height`). */
export function sampleBilinear(
  load: TexelLoad,
  level: number,
  width: number,
  height: number,
  u: number,
  v: number,
  r: (x: number) => number,
): number[] {
  const px = r(r(r(u) * width) - 0.5);
  const py = r(r(r(v) * height) - 0.5);
  const x0 = Math.floor(px);
  const y0 = Math.floor(py);
  const fx = Math.min(Math.max(r(px - x0), 0), 1);
  const fy = Math.min(Math.max(r(py - y0), 0), 1);
  const [xa, xb, ya, yb] = [
    clampTap(x0, width),
    clampTap(x0 + 1, width),
    clampTap(y0, height),
    clampTap(y0 + 1, height),
  ];
  const rgba = [0, 0, 0, 0];
  for (let c = 0; c < 4; c++) {
    const top = mix(load(xa, ya, level, c), load(xb, ya, level, c), fx, r);
    const bottom = mix(load(xa, yb, level, c), load(xb, yb, level, c), fx, r);
    rgba[c] = mix(top, bottom, fy, r);
  }
  return rgba;
}
